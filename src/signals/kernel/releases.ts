// The signals table's releases figures (docs/signals.md).
import type { Signal } from '../signal.js';

export const RELEASE_SIGNALS = [] as const satisfies readonly Signal[];
