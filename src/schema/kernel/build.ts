// The report's build fields (docs/signals.md), spread into PathReport beside the history's.
import * as z from 'zod';

export const buildFields = {} satisfies Record<string, z.ZodType>;
