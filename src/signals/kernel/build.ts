// The signals table's build figures (docs/signals.md).
import type { Signal } from '../signal.js';

export const BUILD_SIGNALS = [] as const satisfies readonly Signal[];
