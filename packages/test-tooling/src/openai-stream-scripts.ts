import type { ScriptedResponse } from './openai-server.js';

/** A tool call in a streamed answer. */
export interface StreamedToolCall {
  id: string;
  name: string;
  /** The arguments as a JSON value (serialised into the stream). */
  arguments: unknown;
}

/**
 * A chat-completions answer as a server-sent event stream (`stream: true` requests), the way OpenAI sends it: a
 * role chunk, the content in a few chunks (or the tool calls), a chunk with the finish reason, then `[DONE]`.
 */
export function chatCompletionStream(
  content: string,
  options: { toolCalls?: StreamedToolCall[]; model?: string } = {},
): ScriptedResponse {
  const base = { id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: 1_700_000_000 };
  const model = options.model ?? 'test-model';
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    `data: ${JSON.stringify({ ...base, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' })];
  const toolCalls = options.toolCalls ?? [];
  if (toolCalls.length > 0) {
    events.push(
      chunk({
        tool_calls: toolCalls.map((call, index) => ({
          index,
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
      }),
    );
  } else {
    const middle = Math.ceil(content.length / 2);
    for (const piece of [content.slice(0, middle), content.slice(middle)]) {
      if (piece.length > 0) events.push(chunk({ content: piece }));
    }
  }
  events.push(chunk({}, toolCalls.length > 0 ? 'tool_calls' : 'stop'), 'data: [DONE]\n\n');
  return { body: events.join(''), headers: { 'content-type': 'text/event-stream' } };
}
