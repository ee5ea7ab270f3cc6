export type { Mem0ExtractionProcessorOptions } from './mem0-extraction-processor.js';
export { Mem0ExtractionProcessor } from './mem0-extraction-processor.js';
export type { Mem0Processors, Mem0ProcessorsOptions } from './mem0-processors.js';
export { mem0Processors } from './mem0-processors.js';
export type { Mem0RecallProcessorOptions } from './mem0-recall-processor.js';
export { Mem0RecallProcessor } from './mem0-recall-processor.js';
export type { Mem0Tools, Mem0ToolsOptions } from './mem0-tools.js';
export { mem0Tools } from './mem0-tools.js';
export type { Mem0MastraContext, Mem0ScopeOptions } from './resolve-scope.js';
