import type { ChatMessage, MessageContent, MessageType } from '@llamaindex/core/llms';
import { extractText } from '@llamaindex/core/utils';
import type { Message, MessageLogInput } from '@memzero/core';

/** What `memory.messages.append` takes for one message. */
export type StorableMessage = MessageLogInput;

const conversationRoles: ReadonlySet<string> = new Set(['user', 'assistant']);

/**
 * The user and assistant turns of LlamaIndex messages as engine messages, text only. System, developer and `memory`
 * messages are left out: they are instructions or injected memories, not facts the user stated.
 */
export function toEngineMessages(messages: ReadonlyArray<ChatMessage<object>>): Message[] {
  const result: Message[] = [];
  for (const message of messages) {
    if (!conversationRoles.has(message.role)) continue;
    const text = extractText(message.content).trim();
    if (text.length === 0) continue;
    result.push({ role: message.role as 'user' | 'assistant', content: text });
  }
  return result;
}

/** The text of the last user message, or undefined when there is none with text. */
export function latestUserText(messages: ReadonlyArray<ChatMessage<object>>): string | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'user') continue;
    const text = extractText(message.content).trim();
    if (text.length > 0) return text;
  }
  return undefined;
}

/**
 * A LlamaIndex message in the core's message storage: multi-part content keeps its text searchable in `content` and
 * its full parts in `data.content`; `options` (tool calls, tool results) go to `data.options`.
 */
export function toStorableMessage<O extends object>(message: ChatMessage<O>): StorableMessage {
  const data: Record<string, unknown> = {};
  if (typeof message.content !== 'string') data.content = message.content;
  if (message.options !== undefined) data.options = message.options;
  const stored: StorableMessage = { role: message.role, content: extractText(message.content) };
  if (Object.keys(data).length > 0) stored.data = data;
  return stored;
}

/** The inverse of {@link toStorableMessage}. */
export function fromStoredMessage<O extends object>(stored: StorableMessage): ChatMessage<O> {
  const content = (Array.isArray(stored.data?.content) ? stored.data.content : stored.content) as MessageContent;
  const message: ChatMessage<O> = { role: stored.role as MessageType, content };
  if (stored.data?.options !== undefined) message.options = stored.data.options as O;
  return message;
}
