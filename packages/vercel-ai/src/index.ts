export type { AiSdkEmbedderOptions } from './bridges/ai-sdk-embedder.js';
export { createAiSdkEmbedder } from './bridges/ai-sdk-embedder.js';
export type { AiSdkLanguageModelOptions } from './bridges/ai-sdk-language-model.js';
export { createAiSdkLanguageModel } from './bridges/ai-sdk-language-model.js';
export type { AddMemoriesOptions } from './helpers/add-memories.js';
export { addMemories } from './helpers/add-memories.js';
export { getMemories } from './helpers/get-memories.js';
export type { HelperInput } from './helpers/helper-input.js';
export type { Mem0HelperOptions } from './helpers/helper-options.js';
export type { RetrieveMemoriesOptions } from './helpers/retrieve-memories.js';
export { retrieveMemories } from './helpers/retrieve-memories.js';
export type { SearchMemoriesOptions } from './helpers/search-memories.js';
export { searchMemories } from './helpers/search-memories.js';
export type { Mem0Middleware } from './middleware/mem0-middleware.js';
export { mem0Middleware } from './middleware/mem0-middleware.js';
export type {
  Mem0CallOptions,
  Mem0MiddlewareOptions,
  MemoryErrorContext,
  MemoryOperation,
  StoreMode,
} from './middleware/mem0-middleware-options.js';
export type { TurnRetrieval } from './middleware/memory-report.js';
export type { MemoryClient } from './spec/memory-client.js';
export type { MemoryScopeOptions } from './spec/scope-options.js';
export type { Mem0Tool, Mem0Tools, Mem0ToolsOptions, MemoryToolContext, MemoryToolItem } from './tools/mem0-tools.js';
export { mem0Tools, mem0ToolsContext } from './tools/mem0-tools.js';
export type { Mem0LanguageModel } from './with-mem0.js';
export { withMem0 } from './with-mem0.js';
