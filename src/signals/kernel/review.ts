// The signals table's review figures (docs/signals.md).
import type { Signal } from '../signal.js';

export const REVIEW_SIGNALS = [] as const satisfies readonly Signal[];
