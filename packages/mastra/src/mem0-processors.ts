import { BackgroundWrites, checkAdapterOptions } from '@memzero/core';
import { Mem0ExtractionProcessor, type Mem0ExtractionProcessorOptions } from './mem0-extraction-processor.js';
import { Mem0RecallProcessor, type Mem0RecallProcessorOptions } from './mem0-recall-processor.js';

export interface Mem0ProcessorsOptions
  extends Omit<Mem0RecallProcessorOptions, 'id' | 'memory' | 'writes'>,
    Omit<Mem0ExtractionProcessorOptions, 'id' | 'memory' | 'writes'> {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Mem0RecallProcessorOptions['memory'] & Mem0ExtractionProcessorOptions['memory'];
}

export interface Mem0Processors {
  /** Put it in the agent's `inputProcessors`. */
  input: Mem0RecallProcessor;
  /** Put it in the agent's `outputProcessors`. */
  output: Mem0ExtractionProcessor;
  /** Resolves when every turn stored so far has been written (or has failed and been reported). */
  flush(): Promise<void>;
  /** How many turns are still being stored. */
  pending(): number;
}

/**
 * Both memzero processors with one set of options:
 * `new Agent({ ..., inputProcessors: [input], outputProcessors: [output] })`. Throws `ConfigurationError` at once
 * when `memory` is missing.
 */
export function mem0Processors(options: Mem0ProcessorsOptions): Mem0Processors {
  checkAdapterOptions('mem0Processors', options, {
    methods: ['search', 'add'],
    example: 'mem0Processors({ memory: new Memory() })',
  });
  const writes = new BackgroundWrites('@memzero/mastra', options);
  const output = new Mem0ExtractionProcessor({ ...options, writes });
  return {
    input: new Mem0RecallProcessor({ ...options, writes }),
    output,
    flush: () => writes.flush(),
    pending: () => writes.pending(),
  };
}
