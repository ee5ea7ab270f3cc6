export type { Mem0ChatStoreOptions } from './mem0-chat-store.js';
export { Mem0ChatStore } from './mem0-chat-store.js';
export type { Mem0MemoryOptions } from './mem0-memory.js';
export { Mem0Memory } from './mem0-memory.js';
export type { Mem0MemoryBlockOptions } from './mem0-memory-block.js';
export { Mem0MemoryBlock, mem0MemoryBlock } from './mem0-memory-block.js';
