import { ModelCallError } from '../errors.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../spec/models.js';

/** One scripted answer: plain text, a full result, or an error to throw. */
export type MockLanguageModelResponse = string | GenerateResult | Error;

export interface MockLanguageModelOptions {
  /** @default 'mock:language-model' */
  name?: string;
  /**
   * Answers consumed in call order, or a function computing each answer from the request and the call index
   * (0-based). When the list runs out, the call throws a `ModelCallError` naming the call, so an unexpected
   * extra call fails the test. @default []
   */
  responses?:
    | MockLanguageModelResponse[]
    | ((request: GenerateRequest, index: number) => MockLanguageModelResponse | Promise<MockLanguageModelResponse>);
}

/**
 * A scripted `LanguageModel` for tests that records every request (`calls`). Usage defaults to characters / 4 of
 * the request and the answer, so token accounting can be asserted.
 */
export class MockLanguageModel implements LanguageModel {
  readonly name: string;
  /** Every request received, in order. */
  readonly calls: GenerateRequest[] = [];
  readonly #responses: MockLanguageModelOptions['responses'];

  constructor(options: MockLanguageModelOptions = {}) {
    this.name = options.name ?? 'mock:language-model';
    this.#responses = options.responses ?? [];
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const index = this.calls.length;
    this.calls.push(request);
    const responses = this.#responses;
    const response = typeof responses === 'function' ? await responses(request, index) : responses?.[index];
    if (response === undefined) {
      throw new ModelCallError(this.name, `no scripted response for call ${index + 1}; add one to responses`);
    }
    if (response instanceof Error) throw response;
    const result: GenerateResult =
      typeof response === 'string' ? { text: response, finishReason: 'stop' } : { ...response };
    result.usage ??= {
      promptTokens: Math.ceil((request.system.length + request.prompt.length) / 4),
      completionTokens: Math.ceil(result.text.length / 4),
    };
    return result;
  }
}
