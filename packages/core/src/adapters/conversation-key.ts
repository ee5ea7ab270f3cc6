/**
 * A framework's own conversation key (LangGraph's `thread_id`, Mastra's `threadId`, a LlamaIndex session, the AI
 * SDK chat id) as the `conversationId` option of `memory.add`, so turns stored one call at a time share neighbour
 * context (used by `infer: false`; see `AddOptions.conversationId`). The key never changes the memory scope.
 *
 * Returns `{ conversationId }` for a string of 1 to 256 characters or a finite number (written in decimal), and `{}`
 * for anything else (absent, empty, too long, an object): the turn is then stored without cross-call context rather
 * than refused, because the key comes from the framework, not from the caller.
 *
 * @example
 * memory.add(turn, { ...scope, ...conversationOption(config.configurable?.thread_id) });
 */
export function conversationOption(key: unknown): { conversationId?: string } {
  const text = typeof key === 'number' && Number.isFinite(key) ? String(key) : key;
  if (typeof text !== 'string' || text.length === 0 || text.length > maxConversationKeyLength) return {};
  return { conversationId: text };
}

/** Longest `conversationId` the engine accepts, in characters. */
export const maxConversationKeyLength = 256;
