/**
 * Tracks fire-and-forget work (storing a turn) so that serverless handlers can wait for it. Tasks never reject:
 * their failures are reported through the callback given to `run`.
 */
export class BackgroundTasks {
  readonly #pending = new Set<Promise<void>>();

  /** Starts `task` without blocking the caller and returns a promise that settles (never rejects) when it is done. */
  run(task: () => Promise<unknown>, onFailure: (error: unknown) => void): Promise<void> {
    const promise: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => {
          try {
            onFailure(error);
          } catch {
            // A throwing error hook must not turn into an unhandled rejection.
          }
        },
      )
      .finally(() => this.#pending.delete(promise));
    this.#pending.add(promise);
    return promise;
  }

  /** How many tasks are still running. */
  get size(): number {
    return this.#pending.size;
  }

  /** Resolves when every task started so far, and any started while waiting, has settled. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
