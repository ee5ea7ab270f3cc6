/**
 * Runs tasks one at a time per key, in call order, within this process; a failed task does not stop the ones queued
 * after it. The in-process half of every store's `withLock`.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    return run.finally(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
  }
}
