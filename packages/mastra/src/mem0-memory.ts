import type { MastraMemory, MemoryConfig } from '@mastra/core/memory';
import type {
  InputProcessor,
  InputProcessorOrWorkflow,
  OutputProcessor,
  OutputProcessorOrWorkflow,
} from '@mastra/core/processors';
import type { RequestContext } from '@mastra/core/request-context';
import { Memory } from '@mastra/memory';
import { type Mem0Processors, type Mem0ProcessorsOptions, mem0Processors } from './mem0-processors.js';
import { type Mem0Tools, type Mem0ToolsOptions, mem0Tools } from './mem0-tools.js';

/** `@mastra/memory`'s constructor options. */
type MastraMemoryConfig = NonNullable<ConstructorParameters<typeof Memory>[0]>;

export interface Mem0MemoryOptions extends Mem0ProcessorsOptions {
  /** The memzero engine (`new Memory()` from `@memzero/core`). */
  memory: Mem0ProcessorsOptions['memory'] & Mem0ToolsOptions['memory'];
  /** Give the agent the memory tools too. @default true */
  tools?: boolean;
}

export type Mem0MemoryConfig = MastraMemoryConfig & {
  /** memzero's processors and tools. */
  mem0: Mem0MemoryOptions;
};

/**
 * Mastra's own `Memory` (threads, message history, working memory, on any Mastra storage such as
 * `@mastra/upstash`) plus memzero's fact memory: the recall and extraction processors, and the memory tools. The
 * agent picks them up through `getInputProcessors`, `getOutputProcessors` and `listTools`.
 */
export class Mem0Memory extends Memory {
  /** The processors this memory adds (to reuse elsewhere). */
  readonly mem0Processors: Mem0Processors;
  readonly #tools: Mem0Tools | undefined;

  constructor(config: Mem0MemoryConfig) {
    const { mem0, ...mastraConfig } = config;
    super(mastraConfig);
    this.mem0Processors = mem0Processors(mem0);
    this.#tools = mem0.tools === false ? undefined : mem0Tools(mem0);
  }

  override async getInputProcessors(
    configuredProcessors: InputProcessorOrWorkflow[] = [],
    context?: RequestContext,
  ): Promise<InputProcessor[]> {
    const processors = await super.getInputProcessors(configuredProcessors, context);
    const { input } = this.mem0Processors;
    return configuredProcessors.some((processor) => processor.id === input.id) ? processors : [...processors, input];
  }

  override async getOutputProcessors(
    configuredProcessors: OutputProcessorOrWorkflow[] = [],
    context?: RequestContext,
  ): Promise<OutputProcessor[]> {
    const processors = await super.getOutputProcessors(configuredProcessors, context);
    const { output } = this.mem0Processors;
    return configuredProcessors.some((processor) => processor.id === output.id) ? processors : [...processors, output];
  }

  /** Resolves when every turn stored so far has been written (or has failed and been reported). */
  flush(): Promise<void> {
    return this.mem0Processors.flush();
  }

  /** How many turns are still being stored. */
  pending(): number {
    return this.mem0Processors.pending();
  }

  override listTools(config?: MemoryConfig): ReturnType<MastraMemory['listTools']> {
    return { ...super.listTools(config), ...this.#tools };
  }
}
