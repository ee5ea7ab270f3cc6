import { AsyncLocalStorage } from 'node:async_hooks';
import type { Usage } from '../spec/results.js';

const currentUsage = new AsyncLocalStorage<Usage>();

/** A zeroed usage record. */
export function emptyUsage(): Usage {
  return {
    llmCalls: 0,
    promptTokens: 0,
    completionTokens: 0,
    embeddingCalls: 0,
    embeddedTexts: 0,
    storeCalls: 0,
  };
}

/** Runs `task` with a fresh usage record that metered stores add to; returns both. */
export async function withUsage<T>(task: (usage: Usage) => Promise<T>): Promise<T> {
  const usage = emptyUsage();
  return currentUsage.run(usage, () => task(usage));
}

/**
 * Wraps a store so every method call counts as one store call in the usage of the engine call in progress.
 * Concurrent engine calls each see only their own counts.
 */
export function meterStore<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'withLock' || property === 'constructor') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const usage = currentUsage.getStore();
        if (usage) usage.storeCalls += 1;
        return (value as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
