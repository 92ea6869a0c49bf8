// The signals table's maintainers figures (docs/signals.md).
import type { Signal } from '../signal.js';

export const MAINTAINER_SIGNALS = [] as const satisfies readonly Signal[];
