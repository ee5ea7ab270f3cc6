import type { ExtractionInput, ExtractionOperation, Extractor } from '../../src/spec/extractor.js';

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
