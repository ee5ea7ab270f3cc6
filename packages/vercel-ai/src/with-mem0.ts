import type { LanguageModelV2, LanguageModelV3, LanguageModelV4 } from '@ai-sdk/provider';
import { checkAdapterOptions } from '@memzero/core';
import { gateway, type LanguageModel, wrapLanguageModel } from 'ai';
import { type Mem0Middleware, mem0Middleware } from './middleware/mem0-middleware.js';
import type { Mem0MiddlewareOptions } from './middleware/mem0-middleware-options.js';

/** A model wrapped by {@link withMem0}: a regular AI SDK V4 model plus access to background storage. */
export type Mem0LanguageModel = LanguageModelV4 & Pick<Mem0Middleware, 'flush' | 'pending'>;

type AnyLanguageModel = LanguageModelV2 | LanguageModelV3 | LanguageModelV4;

/**
 * Wraps any AI SDK language model so that it remembers: relevant memories are injected before it answers, and each
 * finished turn is stored. Takes a V2, V3 or V4 model object, or a model id string, which is resolved the way
 * `generateText` resolves it (the global default provider, else the AI Gateway). See {@link mem0Middleware}.
 *
 * @example
 * const model = withMem0(openai('gpt-4.1-mini'), { memory, userId: 'alice' });
 * await generateText({ model, prompt: 'What should I cook tonight?' });
 */
export function withMem0(model: LanguageModel, options: Mem0MiddlewareOptions): Mem0LanguageModel {
  checkAdapterOptions('withMem0', options, {
    methods: ['search', 'add'],
    example: "withMem0(model, { memory: new Memory(), userId: 'alice' })",
  });
  const middleware = mem0Middleware(options);
  const wrapped = wrapLanguageModel({ model: resolveModel(model), middleware });
  return Object.assign(wrapped, { flush: middleware.flush, pending: middleware.pending });
}

function resolveModel(model: LanguageModel): AnyLanguageModel {
  if (typeof model !== 'string') return model;
  const provider = (globalThis as { AI_SDK_DEFAULT_PROVIDER?: { languageModel(id: string): AnyLanguageModel } })
    .AI_SDK_DEFAULT_PROVIDER;
  return provider === undefined ? gateway.languageModel(model) : provider.languageModel(model);
}
