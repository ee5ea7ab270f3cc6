import type { ScriptedResponse } from './openai-server.js';

export interface ChatCompletionOptions {
  /** DeepSeek / vLLM style separate reasoning. @default none */
  reasoningContent?: string;
  /** OpenRouter / Groq style separate reasoning. @default none */
  reasoning?: string;
  /** @default 'stop' */
  finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
  /** @default characters / 4 of the request's messages and of the content, computed by the server */
  usage?: { promptTokens: number; completionTokens: number };
  /** @default 'test-model' */
  model?: string;
}

/** A chat-completions answer whose message content is `content`. */
export function chatCompletion(content: string | null, options: ChatCompletionOptions = {}): ScriptedResponse {
  const message: Record<string, unknown> = { role: 'assistant', content, refusal: null };
  if (options.reasoningContent !== undefined) message.reasoning_content = options.reasoningContent;
  if (options.reasoning !== undefined) message.reasoning = options.reasoning;
  // Without scripted usage, the server fills it in from the actual request (characters / 4).
  const usage =
    options.usage === undefined
      ? undefined
      : {
          prompt_tokens: options.usage.promptTokens,
          completion_tokens: options.usage.completionTokens,
          total_tokens: options.usage.promptTokens + options.usage.completionTokens,
        };
  return {
    body: {
      id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: options.model ?? 'test-model',
      choices: [{ index: 0, message, finish_reason: options.finishReason ?? 'stop', logprobs: null }],
      ...(usage === undefined ? {} : { usage }),
    },
  };
}

export interface ApiErrorOptions {
  message?: string;
  type?: string;
  code?: string;
  /** Extra headers. 429 and 5xx get `retry-after-ms: 1` unless given, so the SDK's retries are fast in tests. */
  headers?: Record<string, string>;
}

/** An OpenAI-style error answer. */
export function apiError(status: number, options: ApiErrorOptions = {}): ScriptedResponse {
  const retryable = status === 429 || status >= 500;
  return {
    status,
    headers: { ...(retryable ? { 'retry-after-ms': '1' } : {}), ...options.headers },
    body: {
      error: {
        message: options.message ?? `scripted error ${status}`,
        type: options.type ?? (status === 429 ? 'rate_limit_error' : 'server_error'),
        code: options.code ?? null,
        param: null,
      },
    },
  };
}

/**
 * Ready-made answers for the cases provider and extractor tests cover. The JSON payloads follow memzero's
 * extraction format (`{"memories":[{"op","id","text","reason"}]}`) where a payload is implied.
 */
export const scriptedResponses = {
  /** The value as plain JSON content. */
  valid: (value: unknown, options?: ChatCompletionOptions): ScriptedResponse =>
    chatCompletion(JSON.stringify(value), options),
  /** Content that is not JSON at all. */
  malformed: (text = 'Sure! Here are the facts I found: the user likes tea.'): ScriptedResponse => chatCompletion(text),
  /** The JSON inside a ```json fence, with prose around it. */
  fenced: (value: unknown): ScriptedResponse =>
    chatCompletion(
      `Here is the result:\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\nLet me know if you need more.`,
    ),
  /** The JSON with reasoning in `reasoning_content` (DeepSeek style) that itself contains JSON-looking text. */
  reasoning: (value: unknown, thoughts = 'Maybe {"memories": []}? No, there is a fact.'): ScriptedResponse =>
    chatCompletion(JSON.stringify(value), { reasoningContent: thoughts }),
  /** The JSON preceded by an inline `<think>` block, as local reasoning models emit it. */
  thinkTags: (value: unknown, thoughts = 'The answer could be {"memories": [1]} but no.'): ScriptedResponse =>
    chatCompletion(`<think>\n${thoughts}\n</think>\n\n${JSON.stringify(value)}`),
  /** The JSON cut after `keepCharacters` characters with `finish_reason: length`. */
  truncated: (value: unknown, keepCharacters: number): ScriptedResponse =>
    chatCompletion(JSON.stringify(value).slice(0, keepCharacters), { finishReason: 'length' }),
  /** Extraction operations whose ids are unknown or oddly typed: `99`, `"3"`, `"#2"`, `"x"`. */
  hallucinatedIds: (): ScriptedResponse =>
    chatCompletion(
      JSON.stringify({
        memories: [
          { op: 'UPDATE', id: 99, text: 'User lives in Berlin', reason: 'moved' },
          { op: 'DELETE', id: '3', reason: 'retracted' },
          { op: 'NONE', id: '#2', reason: 'already known' },
          { op: 'DELETE', id: 'x', reason: 'garbage id' },
        ],
      }),
    ),
  rateLimited: (): ScriptedResponse => apiError(429, { message: 'Rate limit reached', code: 'rate_limit_exceeded' }),
  serverError: (): ScriptedResponse => apiError(500, { message: 'The server had an error' }),
  unauthorized: (): ScriptedResponse =>
    apiError(401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' }),
};
