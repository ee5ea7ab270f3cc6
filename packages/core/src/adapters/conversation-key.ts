import { ValidationError } from '../errors.js';

/**
 * A framework's own conversation key (LangGraph's `thread_id`, Mastra's `threadId`, a LlamaIndex session, the AI
 * SDK chat id) as the `conversationId` option of `memory.add`, so turns stored one call at a time share neighbour
 * context (used by `infer: false`; see `AddOptions.conversationId`). The key never changes the memory scope.
 *
 * Returns `{ conversationId }` for a string of 1 to 256 characters or a finite number (written in decimal), and `{}`
 * when `key` is undefined. Any other key (empty, too long, an object) gives `{}` too when it comes from the framework
 * (the turn is stored without cross-call context rather than refused); with `optionPath` (the caller passed the key
 * as an adapter option) it throws `ValidationError` naming that option instead.
 *
 * @example
 * memory.add(turn, { ...scope, ...conversationOption(config.configurable?.thread_id) });
 */
export function conversationOption(key: unknown, optionPath?: string): { conversationId?: string } {
  if (key === undefined) return {};
  const text = typeof key === 'number' && Number.isFinite(key) ? String(key) : key;
  if (typeof text === 'string' && text.length > 0 && text.length <= maxConversationKeyLength) {
    return { conversationId: text };
  }
  if (optionPath !== undefined) {
    throw new ValidationError(optionPath, `must be a string of 1 to ${maxConversationKeyLength} characters`);
  }
  return {};
}

/** Longest `conversationId` the engine accepts, in characters. */
export const maxConversationKeyLength = 256;
