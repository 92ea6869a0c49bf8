// The report's review fields (docs/signals.md), spread into PathReport beside the history's.
import * as z from 'zod';

export const reviewFields = {} satisfies Record<string, z.ZodType>;
