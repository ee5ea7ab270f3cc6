import type { ChatMessage } from '@llamaindex/core/llms';
import { BaseChatStore } from '@llamaindex/core/storage/chat-store';
import { type MessageLog, type Scope, scopedMessageLog } from '@memzero/core';
import { fromStoredMessage, type StorableMessage, toStorableMessage } from './message-conversion.js';
import { type Operation, WriteQueue } from './write-queue.js';

/** The message storage operations the chat store uses. */
type ChatStoreLog = Pick<MessageLog, 'append' | 'list' | 'clear' | 'replace'>;

/**
 * Options of {@link Mem0ChatStore}. `userId`, `agentId`, `runId`, `appId`: when given, the chats are kept under that
 * scope (`memory.messages.forScope`), so another user's chat with the same key is another chat. LlamaIndex's chat
 * store API names no user: without a scope, the key alone names the chat (single-tenant apps).
 */
export interface Mem0ChatStoreOptions extends Scope {
  /**
   * The memzero engine whose message storage keeps the chats: in process by default, Upstash Redis when the engine
   * is configured with it.
   */
  memory: { messages: ChatStoreLog & { forScope?: (scope: Scope) => ChatStoreLog } };
  /** Prepended to every chat store key to form the session id, e.g. `'llamaindex:'`. @default '' */
  sessionPrefix?: string;
}

/**
 * A LlamaIndex `BaseChatStore` backed by memzero's message storage (`memory.messages`).
 *
 * LlamaIndex calls the mutators (`addMessage`, `setMessages`, ...) without awaiting them, so each one only queues
 * its write and returns. Writes run in call order, one key at a time, and consecutive appends go out as one round
 * trip. `getMessages` waits for the key's pending writes first (read-your-writes); `flush()` waits for all of them
 * and throws the first write that failed since the last flush (a failed write is lost; later writes still run).
 */
export class Mem0ChatStore<O extends object = object> extends BaseChatStore<O> {
  readonly #messages: ChatStoreLog;
  readonly #prefix: string;
  readonly #queues = new Map<string, WriteQueue>();
  /** Keys known to hold messages: the message storage cannot list sessions, so `getKeys` reports what it saw. */
  readonly #keys = new Set<string>();

  constructor(options: Mem0ChatStoreOptions) {
    super();
    this.#messages = scopedMessageLog(options.memory.messages, options, 'Mem0ChatStore');
    this.#prefix = options.sessionPrefix ?? '';
  }

  setMessages(key: string, messages: ChatMessage<O>[]): void {
    this.#enqueue(key, { kind: 'replace', messages: messages.map(toStorableMessage) });
  }

  addMessage(key: string, message: ChatMessage<O>, idx?: number): void {
    const stored = toStorableMessage(message);
    if (idx === undefined) {
      this.#enqueue(key, { kind: 'append', messages: [stored] });
      return;
    }
    this.#enqueue(key, { kind: 'edit', edit: (messages) => messages.toSpliced(idx, 0, stored) });
  }

  deleteMessages(key: string): void {
    this.#enqueue(key, { kind: 'replace', messages: [] });
  }

  deleteMessage(key: string, idx: number): void {
    this.#enqueue(key, { kind: 'edit', edit: (messages) => messages.toSpliced(idx, 1) });
  }

  /** The key's messages, oldest first, after its pending writes have run. */
  async getMessages(key: string): Promise<ChatMessage<O>[]> {
    await this.#queues.get(key)?.idle();
    const stored = await this.#messages.list(this.#prefix + key);
    if (stored.length > 0) this.#keys.add(key);
    return stored.map((message) => fromStoredMessage<O>(message));
  }

  /** Keys this store instance has written to or read messages from, that still hold messages. */
  async getKeys(): Promise<IterableIterator<string>> {
    await this.flush();
    return new Set(this.#keys).values();
  }

  /** Waits for every pending write (or only `key`'s) and throws the first that failed since the last flush. */
  async flush(key?: string): Promise<void> {
    const queues = key === undefined ? [...this.#queues.values()] : [this.#queues.get(key)];
    const errors: unknown[] = [];
    for (const queue of queues) {
      const error = await queue?.settle();
      if (error !== undefined) errors.push(error);
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Mem0ChatStore: several chat store writes failed');
  }

  #enqueue(key: string, operation: Operation): void {
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new WriteQueue((operations) => this.#apply(key, operations));
      this.#queues.set(key, queue);
    }
    queue.push(operation);
  }

  /** Applies a batch from the queue: all appends in one round trip, anything else as one read and one replace. */
  async #apply(key: string, operations: Operation[]): Promise<void> {
    const session = this.#prefix + key;
    const messages = this.#messages;
    if (operations.every((operation) => operation.kind === 'append')) {
      await messages.append(
        session,
        operations.flatMap((operation) => operation.messages),
      );
      this.#keys.add(key);
      return;
    }
    let current: StorableMessage[] | undefined;
    for (const operation of operations) {
      if (operation.kind === 'replace') {
        current = operation.messages;
        continue;
      }
      current ??= (await messages.list(session)).map(({ role, content, data }) =>
        data === undefined ? { role, content } : { role, content, data },
      );
      current = operation.kind === 'append' ? [...current, ...operation.messages] : operation.edit(current);
    }
    // The write replaces the list in one step (a failure keeps the old list). Writes of one key are ordered within
    // this process; another process editing the same key between our `list` and `replace` can still be overwritten.
    await messages.replace(session, current ?? []);
    if (current !== undefined && current.length > 0) this.#keys.add(key);
    else this.#keys.delete(key);
  }
}
