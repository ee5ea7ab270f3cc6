import type { ChatMessage } from '@llamaindex/core/llms';
import { extractText } from '@llamaindex/core/utils';

/** The user's words and the assistant's final answer of the latest turn of a LlamaIndex conversation. */
export interface LatestTurn {
  userTexts: string[];
  assistantText: string;
}

function isToolResult(message: ChatMessage<object>): boolean {
  return typeof message.options === 'object' && message.options !== null && 'toolResult' in message.options;
}

function isToolCall(message: ChatMessage<object>): boolean {
  return typeof message.options === 'object' && message.options !== null && 'toolCall' in message.options;
}

/**
 * Whether `message` ends a turn: an assistant message that is an answer, not a request to call tools (LlamaIndex
 * agents add those, and the tool results, to memory before the final answer).
 */
export function isFinalAnswer(message: unknown): message is ChatMessage<object> {
  const candidate = message as ChatMessage<object> | undefined;
  return candidate?.role === 'assistant' && !isToolCall(candidate);
}

/**
 * The latest turn: the user messages that start it (tool results, which LlamaIndex sends as `user` messages, are
 * not the user's words) and the text of the last assistant answer after them. Tool calls and results are left out.
 */
export function latestTurn(messages: ReadonlyArray<ChatMessage<object>>): LatestTurn {
  let start = messages.length;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'user' && !isToolResult(message)) {
      start = index;
      break;
    }
  }
  while (start > 0 && messages[start - 1]?.role === 'user' && !isToolResult(messages[start - 1]!)) start--;
  const userTexts: string[] = [];
  let assistantText = '';
  for (const message of messages.slice(start)) {
    if (message.role === 'user' && !isToolResult(message)) userTexts.push(extractText(message.content));
    else if (isFinalAnswer(message)) assistantText = extractText(message.content);
  }
  return { userTexts, assistantText };
}
