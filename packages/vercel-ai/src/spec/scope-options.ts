import type { Scope } from '@memzero/core';
import type { MemoryClient } from './memory-client.js';

/** The engine and the default scope, shared by the middleware, the tools and the helpers. */
export interface MemoryScopeOptions extends Scope {
  /** The memzero engine, e.g. `new Memory()` from `@memzero/core`. */
  memory: MemoryClient;
}
