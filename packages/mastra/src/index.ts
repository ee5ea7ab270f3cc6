export type { Mem0Processors, Mem0ProcessorsOptions } from './create-mem0-processors.js';
export { createMem0Processors } from './create-mem0-processors.js';
export type { Mem0Tools, Mem0ToolsOptions } from './create-mem0-tools.js';
export { createMem0Tools } from './create-mem0-tools.js';
export type { Mem0ExtractionProcessorOptions } from './mem0-extraction-processor.js';
export { Mem0ExtractionProcessor } from './mem0-extraction-processor.js';
export type { Mem0RecallProcessorOptions } from './mem0-recall-processor.js';
export { Mem0RecallProcessor } from './mem0-recall-processor.js';
export type { Mem0MastraContext, Mem0ScopeOptions } from './resolve-scope.js';
