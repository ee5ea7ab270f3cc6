import { StoreError } from '../../src/errors.js';
import type { ExtractionInput, ExtractionOperation, Extractor } from '../../src/spec/extractor.js';
import type { VectorStore } from '../../src/spec/vector-store.js';

/** An extractor whose decisions a test scripts, recording what it was shown. */
export function scriptedExtractor(
  decide: (input: ExtractionInput) => ExtractionOperation[] | Promise<ExtractionOperation[]>,
): Extractor & { calls: ExtractionInput[] } {
  const calls: ExtractionInput[] = [];
  return {
    name: 'scripted',
    calls,
    async extract(input) {
      calls.push(structuredClone({ ...input, signal: undefined }));
      return { operations: await decide(input), usage: { llmCalls: 1, promptTokens: 100, completionTokens: 20 } };
    },
  };
}

/** Decides ADD for each user message, NONE when a candidate already says the same. */
export const addEachUserMessage = scriptedExtractor((input) =>
  input.messages
    .filter((message) => message.role === 'user')
    .map((message): ExtractionOperation => {
      const known = input.candidates.find((candidate) => candidate.text === message.text);
      return known ? { event: 'NONE', target: known.alias, reason: 'known' } : { event: 'ADD', text: message.text };
    }),
);

/** The store, with `count` upserts failing like a dropped connection after the first `succeeding` ones. */
export function failingUpserts(store: VectorStore, count: number, succeeding = 0): VectorStore {
  let remaining = count;
  let skipped = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'upsert') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<VectorStore['upsert']>) => {
        if (skipped++ >= succeeding && remaining > 0) {
          remaining -= 1;
          throw new StoreError('flaky', 'upsert', 'connection reset', { isRetryable: true });
        }
        return target.upsert(...args);
      };
    },
  });
}
