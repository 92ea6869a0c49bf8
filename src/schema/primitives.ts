// The values every schema of kstat's JSON is built from, in one place: the report's own schema
// and the kernel's fields spread into it (which cannot import them from signals.ts, that imports them).
import * as z from 'zod';

/** Counts are whole and never negative. */
export const count = z.int().nonnegative();
/** ISO 8601 UTC, whole seconds, `Z`: every timestamp kstat prints. */
export const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
/** A commit id: SHA-1, or SHA-256 in a repository that uses it. */
export const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);
