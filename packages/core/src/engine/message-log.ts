import { ValidationError } from '../errors.js';
import type { CoordinationStore, StoredMessage } from '../spec/coordination-store.js';

/** A message to keep verbatim in a chat session. */
export interface MessageLogInput {
  role: string;
  content: string;
  data?: Record<string, unknown>;
}

/**
 * Verbatim chat messages per session (for framework chat histories and chat stores), on the configured
 * coordination store: in process by default, Upstash Redis in production. Not memories: nothing is extracted.
 */
export class MessageLog {
  constructor(private readonly store: () => Promise<CoordinationStore>) {}

  /** Appends messages in one round trip. */
  async append(sessionId: string, messages: MessageLogInput[]): Promise<void> {
    const key = sessionKey(sessionId);
    const stored = toStored(messages);
    await (await this.store()).appendMessages(key, stored);
  }

  /** Messages of a session, oldest first; with `limit`, the last `limit`. */
  async list(sessionId: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
      throw new ValidationError('limit', 'must be a positive whole number');
    }
    return (await this.store()).listMessages(sessionKey(sessionId), options);
  }

  /** Replaces a session's messages atomically (for chat stores that edit or delete single messages). */
  async replace(sessionId: string, messages: MessageLogInput[]): Promise<void> {
    const key = sessionKey(sessionId);
    const stored = toStored(messages);
    await (await this.store()).replaceMessages(key, stored);
  }

  async clear(sessionId: string): Promise<void> {
    await (await this.store()).clearMessages(sessionKey(sessionId));
  }
}

function toStored(messages: unknown): StoredMessage[] {
  if (!Array.isArray(messages)) throw new ValidationError('messages', 'expected a list of messages');
  const createdAt = new Date().toISOString();
  return messages.map((message: MessageLogInput | undefined, index): StoredMessage => {
    if (typeof message?.role !== 'string' || typeof message.content !== 'string') {
      throw new ValidationError(`messages[${index}]`, 'expected { role: string, content: string }');
    }
    return { role: message.role, content: message.content, createdAt, ...(message.data ? { data: message.data } : {}) };
  });
}

function sessionKey(sessionId: unknown): string {
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 512) {
    throw new ValidationError('sessionId', 'must be a string of 1 to 512 characters');
  }
  return `session:${sessionId}`;
}
