// kstat as a library: analyze() returns data; renderers turn it into text or JSON.
export { analyze, analyzeEach, type Progress, type RunHooks, type Strategy } from './analyze/index.js';
export { normalizeOptions, normalizePath, type AnalyzeOptions, type RawOptions } from './options.js';
export { EXIT, KstatError } from './errors.js';
export { renderers, type Format } from './render/index.js';
export * from './types.js';
