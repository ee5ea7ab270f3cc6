import { ValidationError } from '../errors.js';
import type { CoordinationStore, StoredMessage } from '../spec/coordination-store.js';
import type { Scope } from '../spec/scope.js';
import { readScope, scopeKey } from './scope.js';

/** A message to keep verbatim in a chat session. */
export interface MessageLogInput {
  role: string;
  content: string;
  data?: Record<string, unknown>;
}

/**
 * Verbatim chat messages per session (for framework chat histories and chat stores), on the configured
 * coordination store: in process by default, Upstash Redis in production. Not memories: nothing is extracted.
 *
 * `memory.messages` keys sessions by session id alone. In a multi-tenant app, use `memory.messages.forScope({
 * userId })`: its sessions are keyed under the scope as well, so one tenant can never read, replace or clear another
 * tenant's session, even with the same session id.
 */
export class MessageLog {
  constructor(
    private readonly store: () => Promise<CoordinationStore>,
    /** The scope's key, when this log is scoped. */
    private readonly scope?: string,
  ) {}

  /**
   * The sessions of one scope (`userId`, `agentId`, `runId`, `appId`; at least one), keyed under it.
   * @throws ValidationError for a malformed scope field, MissingScopeError for an empty scope
   */
  forScope(scope: Scope): MessageLog {
    return new MessageLog(this.store, scopeKey(readScope(scope, 'messages.forScope')));
  }

  /** Appends messages in one round trip. */
  async append(sessionId: string, messages: MessageLogInput[]): Promise<void> {
    const key = this.sessionKey(sessionId);
    const stored = toStored(messages);
    await (await this.store()).appendMessages(key, stored);
  }

  /** Messages of a session, oldest first; with `limit`, the last `limit`. */
  async list(sessionId: string, options: { limit?: number } = {}): Promise<StoredMessage[]> {
    if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
      throw new ValidationError('limit', 'must be a positive whole number');
    }
    return (await this.store()).listMessages(this.sessionKey(sessionId), options);
  }

  /** Replaces a session's messages atomically (for chat stores that edit or delete single messages). */
  async replace(sessionId: string, messages: MessageLogInput[]): Promise<void> {
    const key = this.sessionKey(sessionId);
    const stored = toStored(messages);
    await (await this.store()).replaceMessages(key, stored);
  }

  /** Removes a session's messages. */
  async clear(sessionId: string): Promise<void> {
    await (await this.store()).clearMessages(this.sessionKey(sessionId));
  }

  private sessionKey(sessionId: unknown): string {
    if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 512) {
      throw new ValidationError('sessionId', 'must be a string of 1 to 512 characters');
    }
    // A scope key holds no ':' (its values are URI-encoded), so scoped and unscoped keys never collide.
    return this.scope === undefined ? `session:${sessionId}` : `scoped-session:${this.scope}:${sessionId}`;
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
