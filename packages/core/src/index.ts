export * from './errors.js';
export { evaluateFilter, readFilterField } from './filters/evaluate-filter.js';
export { dateFields, parseFilter } from './filters/parse-filter.js';
export type { RenderMemoryBlockOptions } from './prompting/memory-block.js';
export {
  injectMemoryBlock,
  memoryBlockEnd,
  memoryBlockStart,
  renderMemoryBlock,
  stripMemoryBlock,
} from './prompting/memory-block.js';
export { termFrequencies, termId, tokenize } from './search/tokenize.js';
export type * from './spec/coordination-store.js';
export type * from './spec/extractor.js';
export type * from './spec/filter.js';
export type * from './spec/memory-record.js';
export type * from './spec/messages.js';
export type * from './spec/models.js';
export type * from './spec/options.js';
export type * from './spec/results.js';
export type * from './spec/scope.js';
export { scopeKeys } from './spec/scope.js';
export type * from './spec/vector-store.js';
