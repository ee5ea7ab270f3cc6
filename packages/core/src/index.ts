export * from './adapters/index.js';
export type { LexicalEmbedderOptions } from './embedders/lexical-embedder.js';
export { createLexicalEmbedder } from './embedders/lexical-embedder.js';
export type { DeleteOptions, MemoryDescription } from './engine/memory.js';
export { Memory } from './engine/memory.js';
export type { MemoryConfig, ProviderConfig, SearchSettings } from './engine/memory-config.js';
export type { MessageLog, MessageLogInput } from './engine/message-log.js';
export { readScope, resolveScope, scopeKey } from './engine/scope.js';
export { emptyUsage } from './engine/usage.js';
export * from './errors.js';
export type { RuleExtractorOptions } from './extraction/rules/index.js';
export { createRuleExtractor } from './extraction/rules/index.js';
export { evaluateFilter, readFilterField } from './filters/evaluate-filter.js';
export type { RenderMemoryBlockOptions } from './prompting/memory-block.js';
export {
  hasMemoryBlock,
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
export { isMetadataKey } from './spec/filter.js';
export type * from './spec/memory-record.js';
export type * from './spec/messages.js';
export type * from './spec/models.js';
export type * from './spec/options.js';
export type * from './spec/results.js';
export type * from './spec/scope.js';
export { scopeKeys } from './spec/scope.js';
export type * from './spec/vector-store.js';
export { createInMemoryCoordinationStore, createInMemoryVectorStore } from './stores/in-memory/index.js';
