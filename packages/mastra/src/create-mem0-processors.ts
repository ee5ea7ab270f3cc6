import { Mem0ExtractionProcessor, type Mem0ExtractionProcessorOptions } from './mem0-extraction-processor.js';
import { Mem0RecallProcessor, type Mem0RecallProcessorOptions } from './mem0-recall-processor.js';

export interface Mem0ProcessorsOptions
  extends Omit<Mem0RecallProcessorOptions, 'id' | 'memory'>,
    Omit<Mem0ExtractionProcessorOptions, 'id' | 'memory'> {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Mem0RecallProcessorOptions['memory'] & Mem0ExtractionProcessorOptions['memory'];
}

export interface Mem0Processors {
  /** Put it in the agent's `inputProcessors`. */
  input: Mem0RecallProcessor;
  /** Put it in the agent's `outputProcessors`. */
  output: Mem0ExtractionProcessor;
}

/**
 * Both memzero processors with one set of options:
 * `new Agent({ ..., inputProcessors: [input], outputProcessors: [output] })`.
 */
export function createMem0Processors(options: Mem0ProcessorsOptions): Mem0Processors {
  return { input: new Mem0RecallProcessor(options), output: new Mem0ExtractionProcessor(options) };
}
