// `@memzero/mastra/memory`: kept apart so that `@memzero/mastra` never loads `@mastra/memory` (an optional peer).
export type { Mem0MemoryConfig, Mem0MemoryOptions } from './mem0-memory.js';
export { Mem0Memory } from './mem0-memory.js';
