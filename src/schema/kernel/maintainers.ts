// The report's maintainers fields (docs/signals.md), spread into PathReport beside the history's.
import * as z from 'zod';

export const maintainersFields = {} satisfies Record<string, z.ZodType>;
