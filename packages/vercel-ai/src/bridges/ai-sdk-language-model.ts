import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import type { GenerateRequest, GenerateResult, LanguageModel as MemoryLanguageModel } from '@memzero/core';
import { type FinishReason, generateText, jsonSchema, type LanguageModel, NoObjectGeneratedError, Output } from 'ai';
import { isAbortError, modelName, toModelCallError } from './to-model-call-error.js';

export interface AiSdkLanguageModelOptions {
  /**
   * Ask the provider for JSON matching the engine's schema (`responseFormat: json`) when the engine supplies one.
   * Turn off for providers whose structured-output mode rejects the schema; the engine validates either way.
   * @default true
   */
  structuredOutputs?: boolean;
  /** Retries of the AI SDK on retryable provider errors. @default 2 */
  maxRetries?: number;
  /** Passed to every call, e.g. `{ openai: { reasoningEffort: 'low' } }`. @default undefined */
  providerOptions?: SharedV4ProviderOptions;
  /** The name the engine reports. @default 'provider:modelId' */
  name?: string;
}

/**
 * Lets the memzero engine use any AI SDK language model (Anthropic, Gemini, Bedrock, Mistral, a gateway id, ...)
 * for extraction: `new Memory({ llm: createAiSdkLanguageModel(anthropic('claude-haiku-4-5')) })`. One `generateText`
 * call per request; failures become `ModelCallError`.
 */
export function createAiSdkLanguageModel(
  model: LanguageModel,
  options: AiSdkLanguageModelOptions = {},
): MemoryLanguageModel {
  const name = options.name ?? modelName(model);
  return {
    name,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const schema = options.structuredOutputs !== false ? request.jsonSchema : undefined;
      try {
        const result = await generateText({
          model,
          instructions: request.system,
          prompt: request.prompt,
          temperature: request.temperature ?? 0,
          maxRetries: options.maxRetries ?? 2,
          ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
          ...(request.signal === undefined ? {} : { abortSignal: request.signal }),
          ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
          ...(schema === undefined ? {} : { output: Output.object({ schema: jsonSchema(schema) }) }),
        });
        const generated: GenerateResult = {
          text: result.text,
          finishReason: mapFinishReason(result.finishReason),
          usage: {
            promptTokens: result.totalUsage.inputTokens ?? 0,
            completionTokens: result.totalUsage.outputTokens ?? 0,
          },
        };
        if (result.reasoningText !== undefined && result.reasoningText.length > 0)
          generated.reasoning = result.reasoningText;
        return generated;
      } catch (error) {
        // Output that is not valid JSON is the engine's to repair (it retries once), not a failed call.
        if (NoObjectGeneratedError.isInstance(error) && error.text !== undefined) {
          return {
            text: error.text,
            finishReason: mapFinishReason(error.finishReason),
            usage: { promptTokens: error.usage?.inputTokens ?? 0, completionTokens: error.usage?.outputTokens ?? 0 },
          };
        }
        if (isAbortError(error, request.signal)) throw error;
        throw toModelCallError(name, 'generateText', error);
      }
    },
  };
}

function mapFinishReason(reason: FinishReason | undefined): GenerateResult['finishReason'] {
  if (reason === 'stop' || reason === 'length') return reason;
  return 'other';
}
