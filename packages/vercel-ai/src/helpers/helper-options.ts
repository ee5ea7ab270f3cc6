import { checkAdapterOptions, Memory, type Scope } from '@memzero/core';
import type { MemoryClient } from '../spec/memory-client.js';

/**
 * The options every Mem0-named helper takes. Mem0's documented shapes work as written:
 * `addMemories(messages, { user_id: 'alice', mem0ApiKey })` (snake_case scope, Mem0 platform settings accepted and
 * ignored: memzero runs the engine in your process, nothing is sent to Mem0).
 */
export interface Mem0HelperOptions extends Scope {
  /**
   * The memzero engine. When left out, one shared `new Memory()` per process is used (offline by default, OpenAI
   * when `OPENAI_API_KEY` is set), as Mem0's helpers use one platform client.
   * @default a shared `new Memory()`
   */
  memory?: MemoryClient;
  /** Mem0's snake_case scope names, read like `userId`, `agentId`, `runId`, `appId`. */
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  app_id?: string;
  /** Mem0 platform settings: accepted so Mem0 code runs unchanged, and ignored (no key is needed or sent). */
  mem0ApiKey?: string;
  org_id?: string;
  project_id?: string;
  signal?: AbortSignal;
}

let sharedMemory: Memory | undefined;

/** The engine a helper call uses, after checking its options (`ConfigurationError` / `ValidationError`). */
export function helperMemory(helper: string, options: Mem0HelperOptions, methods: readonly string[]): MemoryClient {
  checkAdapterOptions(helper, options, {
    methods,
    example: `${helper}(input, { memory: new Memory(), userId: 'alice' })`,
    memoryOptional: true,
  });
  if (options.memory !== undefined) return options.memory;
  sharedMemory ??= new Memory();
  return sharedMemory;
}
