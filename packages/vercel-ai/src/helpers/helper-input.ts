import type { Message } from '@memzero/core';

/**
 * What the Mem0-named helpers accept: a string (one user message), AI SDK model messages (`ModelMessage[]`), a
 * language-model prompt (`LanguageModelV4Prompt`), or OpenAI-style chat messages as Mem0's examples pass them
 * (an assistant turn that only calls tools has `content: null` and `tool_calls`). Only text parts are used.
 */
export type HelperInput =
  | string
  | ReadonlyArray<{ role: string; content?: string | null | ReadonlyArray<{ type: string; text?: string }> }>;

const roles = new Set<Message['role']>(['user', 'assistant', 'system']);

/**
 * The input as core messages, text only: tool messages, tool-call and reasoning parts, and messages without text
 * (`content: null` or empty) are dropped.
 */
export function toMemoryMessages(input: HelperInput): Message[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const messages: Message[] = [];
  for (const message of input) {
    if (!roles.has(message.role as Message['role'])) continue;
    const content = message.content;
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content
              .filter((part) => part?.type === 'text' && typeof part.text === 'string')
              .map((part) => part.text)
              .join('\n')
          : '';
    if (text.trim().length > 0) messages.push({ role: message.role as Message['role'], content: text });
  }
  return messages;
}

/** The search query of an input: the string itself, or the text of the last user message. */
export function toQuery(input: HelperInput): string {
  const messages = toMemoryMessages(input).filter((message) => message.role === 'user');
  const last = messages.at(-1);
  return typeof last?.content === 'string' ? last.content : '';
}
