import { MemoryError } from '../errors.js';
import type { Scope } from '../spec/scope.js';
import type { MemoryErrorContext, MemoryOperation, StorageOptions } from './adapter-options.js';

/**
 * The one storage rule of every memzero adapter: storing a turn never delays or fails the user's answer. Writes run
 * in the background, their failures go to `onError` (or a one-line warning without memory text), `waitUntil`
 * receives each write, and `flush()` waits for them. With `awaitStorage: true` a write runs in the caller's flow
 * instead and its failure propagates.
 *
 * @example
 * const writes = new BackgroundWrites('@memzero/langchain', options);
 * await writes.store(scope, () => memory.add(turn, { ...scope })); // returns at once unless awaitStorage
 * await writes.flush(); // in scripts, tests and queues
 */
export class BackgroundWrites {
  readonly #source: string;
  readonly #options: Pick<StorageOptions, 'awaitStorage' | 'waitUntil' | 'onError' | 'logger'>;
  readonly #pending = new Set<Promise<void>>();

  /** `source` names the adapter in warnings, e.g. `'@memzero/mastra'`. */
  constructor(source: string, options: Pick<StorageOptions, 'awaitStorage' | 'waitUntil' | 'onError' | 'logger'>) {
    this.#source = source;
    this.#options = options;
  }

  /**
   * Runs `write` for `scope`. In the background (default) it resolves at once and a failure is reported; with
   * `awaitStorage` it resolves when the write is done and rejects with its error.
   */
  async store(scope: Scope, write: () => Promise<unknown>): Promise<void> {
    if (this.#options.awaitStorage === true) {
      await write();
      return;
    }
    const promise: Promise<void> = Promise.resolve()
      .then(write)
      .then(
        () => undefined,
        (error: unknown) => this.report(error, 'store', scope),
      )
      .finally(() => this.#pending.delete(promise));
    this.#pending.add(promise);
    this.#options.waitUntil?.(promise);
  }

  /** Reports a failure that did not fail the answer: to `onError`, else as a warning naming only the error's kind. */
  report(error: unknown, operation: MemoryOperation, scope: Scope): void {
    const context: MemoryErrorContext = { operation, scope };
    if (this.#options.onError !== undefined) {
      try {
        this.#options.onError(error, context);
      } catch {
        // A throwing hook must not fail the answer or become an unhandled rejection.
      }
      return;
    }
    if (this.#options.logger === false) return;
    // memzero errors never hold memory text; other errors might, so only their name is logged.
    const kind = MemoryError.isInstance(error) ? `${error.name} (${error.code})` : errorName(error);
    const action = operation === 'retrieve' ? 'retrieving memories' : 'storing the turn';
    (this.#options.logger ?? console).warn(
      `${this.#source}: ${action} failed with ${kind}; the answer was not affected. Pass onError to handle it.`,
    );
  }

  /** Resolves when every write started so far, and any started while waiting, has settled. Never rejects. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** How many background writes are still running. */
  pending(): number {
    return this.#pending.size;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
