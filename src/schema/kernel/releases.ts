// The report's releases fields (docs/signals.md), spread into PathReport beside the history's.
import * as z from 'zod';

export const releasesFields = {} satisfies Record<string, z.ZodType>;
