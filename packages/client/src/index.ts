export type { MemoryClientOptions } from './memory-client.js';
export { MemoryClient } from './memory-client.js';
export { ServiceError } from './service-error.js';
