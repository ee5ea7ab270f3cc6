import type { Usage } from '../spec/results.js';
import type { EngineContext } from './engine-context.js';

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

/**
 * Runs `task` with a fresh usage record and a view of `context` whose stores count every call into it. The count is
 * carried by the view, not by an ambient async context, so concurrent engine calls each see only their own counts in
 * any runtime (no `AsyncLocalStorage` needed).
 */
export async function withUsage<T>(
  context: EngineContext,
  task: (context: EngineContext, usage: Usage) => Promise<T>,
): Promise<T> {
  const usage = emptyUsage();
  const metered: EngineContext = {
    ...context,
    vectorStore: meterStore(context.vectorStore, usage),
    coordination: meterStore(context.coordination, usage),
  };
  return task(metered, usage);
}

/** Wraps a store so every method call (except `withLock`, which only waits) counts as one store call. */
function meterStore<T extends object>(store: T, usage: Usage): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'withLock' || property === 'constructor') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        usage.storeCalls += 1;
        return (value as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
