import { APIError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ConfigurationError } from '../../errors.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../spec/models.js';
import { createOpenAIClient, type OpenAIClientOptions } from './create-openai-client.js';
import type { JsonMode } from './presets.js';
import { toModelCallError } from './to-model-call-error.js';

export interface OpenAILanguageModelOptions extends OpenAIClientOptions {
  /** Chat model. @default the preset's (`gpt-4.1-mini` for OpenAI); Azure: the deployment */
  model?: string;
  /**
   * How to ask for JSON (`response_format`). Some compatible servers reject `json_object` or `json_schema`: when
   * one answers 400 about it, the call is repeated once without it and later calls omit it. `off` never sends it;
   * the engine extracts and validates the JSON from plain text either way.
   * @default the preset's (`auto` for OpenAI: `json_schema` when the request has a schema, else `json_object`)
   */
  jsonMode?: JsonMode;
  /** Name of the output cap parameter. @default the preset's (`max_completion_tokens` for OpenAI and Azure) */
  maxTokensParameter?: 'max_tokens' | 'max_completion_tokens';
  /**
   * Whether to send `temperature`. OpenAI's reasoning models (o-series, gpt-5) reject it.
   * @default false for model names starting with `o<digit>` or `gpt-5`, else true
   */
  sendTemperature?: boolean;
  /** Output cap for requests that set none (Mem0's `max_tokens`). @default none: the server's limit */
  maxOutputTokens?: number;
  /** `reasoning_effort` for reasoning models (`minimal`, `low`, `medium`, `high`). @default not sent */
  reasoningEffort?: string;
}

/**
 * A `LanguageModel` over the chat-completions API of OpenAI or any OpenAI-compatible server, through the official
 * `openai` SDK. Retries (429, 5xx, connection errors, with backoff) are the SDK's; failures become
 * `ModelCallError` with `status` and `isRetryable`, and messages that never carry the key, prompt or response.
 */
export function createOpenAILanguageModel(options: OpenAILanguageModelOptions = {}): LanguageModel {
  const resolved = createOpenAIClient(options);
  const { client, preset, presetName } = resolved;
  const configuredModel = options.model ?? options.deployment ?? preset.defaultModel;
  if (configuredModel === undefined) {
    throw new ConfigurationError(`${presetName}: pass model (the name of a chat model the server serves)`);
  }
  const model: string = configuredModel;
  const jsonMode = options.jsonMode ?? preset.jsonMode;
  const maxTokensParameter = options.maxTokensParameter ?? preset.maxTokensParameter;
  const sendTemperature = options.sendTemperature ?? !/^(o\d|gpt-5)/i.test(model);
  const name = `${presetName}:${model}`;
  const context = {
    provider: name,
    origin: resolved.origin,
    apiKeyEnv: preset.apiKeyEnv,
    maxRetries: client.maxRetries,
    timeout: client.timeout,
  };

  // Set when the server rejected response_format once: later calls send plain requests (the engine still
  // extracts and validates the JSON), so a server without JSON mode works without configuration.
  let responseFormatRejected = false;

  function buildBody(request: GenerateRequest, responseFormat: ResponseFormat | undefined): CompletionBody {
    const maxOutputTokens = request.maxOutputTokens ?? options.maxOutputTokens;
    let system = request.system;
    // OpenAI answers 400 to json_object unless a message mentions JSON.
    if (responseFormat?.type === 'json_object' && !/json/i.test(system) && !/json/i.test(request.prompt)) {
      system = `${system}\nAnswer in JSON.`;
    }
    return {
      model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: request.prompt },
      ],
      ...(sendTemperature ? { temperature: request.temperature ?? 0 } : {}),
      ...(maxOutputTokens === undefined ? {} : { [maxTokensParameter]: maxOutputTokens }),
      ...(responseFormat === undefined ? {} : { response_format: responseFormat }),
      ...(options.reasoningEffort === undefined ? {} : { reasoning_effort: options.reasoningEffort as 'low' }),
    };
  }

  async function complete(request: GenerateRequest): Promise<Completion> {
    const responseFormat = responseFormatRejected ? undefined : chooseResponseFormat(jsonMode, request.jsonSchema);
    const requestOptions = request.signal === undefined ? undefined : { signal: request.signal };
    try {
      return await client.chat.completions.create(buildBody(request, responseFormat), requestOptions);
    } catch (error) {
      if (responseFormat === undefined || !rejectsResponseFormat(error)) throw error;
      responseFormatRejected = true;
      return await client.chat.completions.create(buildBody(request, undefined), requestOptions);
    }
  }

  return {
    name,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      let completion: Completion;
      try {
        completion = await complete(request);
      } catch (error) {
        throw toModelCallError(error, context, request.signal);
      }
      const choice = completion.choices?.[0];
      const message = (choice?.message ?? {}) as unknown as Record<string, unknown>;
      const reasoning = firstString(message.reasoning_content, message.reasoning);
      const result: GenerateResult = {
        text: typeof message.content === 'string' ? message.content : '',
        finishReason:
          choice?.finish_reason === 'stop' ? 'stop' : choice?.finish_reason === 'length' ? 'length' : 'other',
      };
      if (reasoning !== undefined) result.reasoning = reasoning;
      if (completion.usage) {
        result.usage = {
          promptTokens: completion.usage.prompt_tokens ?? 0,
          completionTokens: completion.usage.completion_tokens ?? 0,
        };
      }
      return result;
    },
  };
}

type CompletionBody = ChatCompletionCreateParamsNonStreaming;
type Completion = ChatCompletion;

/** A 400/422 about JSON mode (by `param` or wording), as servers without it answer. Read, never shown. */
function rejectsResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return error.param === 'response_format' || /response_format|json_object|json_schema|json mode/i.test(error.message);
}

type ResponseFormat = NonNullable<ChatCompletionCreateParamsNonStreaming['response_format']>;

function chooseResponseFormat(
  mode: JsonMode,
  jsonSchema: Record<string, unknown> | undefined,
): ResponseFormat | undefined {
  if (mode === 'off') return undefined;
  if (jsonSchema !== undefined && (mode === 'auto' || mode === 'json_schema')) {
    // Not strict: OpenAI's strict mode forbids optional fields, and the engine validates the answer with zod anyway.
    return { type: 'json_schema', json_schema: { name: 'answer', schema: jsonSchema, strict: false } };
  }
  // A server limited to json_schema gets plain text when there is no schema to send.
  if (mode === 'json_schema') return undefined;
  return { type: 'json_object' };
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value.length > 0) return value;
  return undefined;
}
