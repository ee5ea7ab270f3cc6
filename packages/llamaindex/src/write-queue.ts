import type { StorableMessage } from './message-conversion.js';

/** One queued chat store write. */
export type Operation =
  | { kind: 'append'; messages: StorableMessage[] }
  | { kind: 'replace'; messages: StorableMessage[] }
  | { kind: 'edit'; edit: (messages: StorableMessage[]) => StorableMessage[] };

/**
 * Runs the writes of one chat store key in order, one batch at a time. Everything queued while a batch runs forms
 * the next batch, so a burst of appends costs one round trip. A failed batch never rejects a promise nobody awaits:
 * the first failure is kept until `settle()` hands it out.
 */
export class WriteQueue {
  readonly #apply: (operations: Operation[]) => Promise<void>;
  #operations: Operation[] = [];
  #running: Promise<void> | undefined;
  #error: unknown;

  constructor(apply: (operations: Operation[]) => Promise<void>) {
    this.#apply = apply;
  }

  push(operation: Operation): void {
    this.#operations.push(operation);
    this.#running ??= this.#drain();
  }

  /** Resolves when every write queued so far has run. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** Waits until the queue is empty; returns (and forgets) the first failure since the last call. */
  async settle(): Promise<unknown> {
    await this.idle();
    const error = this.#error;
    this.#error = undefined;
    return error;
  }

  async #drain(): Promise<void> {
    // Yield once so that writes made in the same synchronous burst join the first batch.
    await Promise.resolve();
    while (this.#operations.length > 0) {
      const batch = this.#operations;
      this.#operations = [];
      try {
        await this.#apply(batch);
      } catch (error) {
        this.#error ??= error;
      }
    }
    // Cleared synchronously after the emptiness check, so a push can never land in a finished drain.
    this.#running = undefined;
  }
}
