import { BaseListChatMessageHistory } from '@langchain/core/chat_history';
import {
  type BaseMessage,
  mapChatMessagesToStoredMessages,
  mapStoredMessagesToChatMessages,
  type StoredMessage,
} from '@langchain/core/messages';
import type { Memory, StoredMessage as MemoryStoredMessage, Scope } from '@memzero/core';
import { scopedMessageLog, ValidationError } from '@memzero/core';

/** Options of {@link Mem0ChatMessageHistory}. */
export interface Mem0ChatMessageHistoryOptions extends Scope {
  /** The memzero engine; messages live in its coordination store (in process, or Upstash Redis). */
  memory: Memory;
  /**
   * The conversation. With a scope (`userId`, ...) sessions are kept under it (`memory.messages.forScope`): the same
   * session id of another user is another session. Without one, the session id alone names it (single-tenant apps).
   */
  sessionId: string;
  /** Read only the last `limit` messages. @default undefined (all) */
  limit?: number;
}

/** Roles written for LangChain message types, so other memzero adapters can read the same session. */
const roleOfType: Record<string, string> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool' };
const typeOfRole: Record<string, string> = { user: 'human', assistant: 'ai', system: 'system' };

/**
 * A LangChain chat message history kept verbatim in memzero's message storage (`memory.messages`), not in the
 * memory index. Every message type round-trips: the LangChain `StoredMessage` (tool calls, ids, names, content
 * blocks) is kept in the stored message's `data`, next to a plain `role`/`content` view other adapters can read.
 */
export class Mem0ChatMessageHistory extends BaseListChatMessageHistory {
  static override lc_name(): string {
    return 'Mem0ChatMessageHistory';
  }

  override lc_namespace = ['memzero', 'stores', 'message'];

  private readonly messages: Memory['messages'];
  private readonly sessionId: string;
  private readonly limit: number | undefined;

  constructor(options: Mem0ChatMessageHistoryOptions) {
    super(options);
    if (typeof options.sessionId !== 'string' || options.sessionId.length === 0) {
      throw new ValidationError('sessionId', 'pass a non-empty string naming the conversation');
    }
    this.messages = scopedMessageLog(options.memory.messages, options, 'Mem0ChatMessageHistory');
    this.sessionId = options.sessionId;
    this.limit = options.limit;
  }

  override async getMessages(): Promise<BaseMessage[]> {
    const stored = await this.messages.list(this.sessionId, { limit: this.limit });
    return mapStoredMessagesToChatMessages(stored.map(toLangChainStoredMessage));
  }

  override async addMessage(message: BaseMessage): Promise<void> {
    await this.addMessages([message]);
  }

  /** Appends all messages in one round trip (the default implementation makes one per message). */
  override async addMessages(messages: BaseMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const stored = mapChatMessagesToStoredMessages(messages);
    await this.messages.append(
      this.sessionId,
      stored.map((message, index) => ({
        role: roleOfType[message.type] ?? message.data.role ?? message.type,
        content: messages[index]?.text ?? '',
        data: { type: message.type, data: message.data },
      })),
    );
  }

  override async clear(): Promise<void> {
    await this.messages.clear(this.sessionId);
  }
}

/** A LangChain stored message from ours; messages written by other adapters (no `data`) become plain messages. */
function toLangChainStoredMessage(message: MemoryStoredMessage): StoredMessage {
  const data = message.data as { type?: unknown; data?: unknown } | undefined;
  if (data && typeof data.type === 'string' && typeof data.data === 'object' && data.data !== null) {
    return { type: data.type, data: data.data as StoredMessage['data'] };
  }
  const type = typeOfRole[message.role] ?? 'generic';
  return {
    type,
    data: {
      content: message.content,
      role: type === 'generic' ? message.role : undefined,
      name: undefined,
      tool_call_id: undefined,
    },
  };
}
