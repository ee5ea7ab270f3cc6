/**
 * `@memzero/core/filters`: the Mem0 filter language for custom stores. `parseFilter` turns a caller's `filters`
 * object into the `FilterNode` tree stores receive; `evaluateFilter` / `readFilterField` apply one to a record. A
 * subpath of its own (not the root export) so that apps which never filter do not bundle the parser.
 */
export { dateFields } from './date-fields.js';
export { evaluateFilter, readFilterField } from './evaluate-filter.js';
export { parseFilter } from './parse-filter.js';
