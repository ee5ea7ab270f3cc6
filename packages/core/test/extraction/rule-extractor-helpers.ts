import { createRuleExtractor, type RuleExtractorOptions } from '../../src/extraction/rules/index.js';
import type { ExtractionCandidate, ExtractionOperation } from '../../src/spec/extractor.js';
import type { NormalizedMessage } from '../../src/spec/messages.js';

/** Tuesday 24 November 2026, 10:00 UTC. */
export const now = new Date('2026-11-24T10:00:00Z');

/** Operations for one user message (or several messages) against candidate texts aliased 1, 2, ... */
export async function extract(
  input: string | NormalizedMessage[],
  candidates: string[] = [],
  options: RuleExtractorOptions = {},
  at: Date = now,
): Promise<ExtractionOperation[]> {
  const messages = typeof input === 'string' ? [{ role: 'user' as const, text: input }] : input;
  const result = await createRuleExtractor(options).extract({
    messages,
    candidates: candidates.map((text, index) => ({ alias: index + 1, text })),
    memoryType: 'semantic_memory',
    now: at,
  });
  return result.operations;
}

/** Texts of the ADD operations. */
export async function added(text: string): Promise<string[]> {
  return (await extract(text)).flatMap((operation) => (operation.event === 'ADD' ? [operation.text] : []));
}

/**
 * A user's memories across sessions: each `say` sends the current memories as candidates, applies the operations
 * the way the engine does, and returns them.
 */
export class Conversation {
  private readonly memories = new Map<number, string>();
  private nextAlias = 1;

  constructor(private readonly options: RuleExtractorOptions = {}) {}

  async say(text: string, at: Date = now): Promise<ExtractionOperation[]> {
    const candidates: ExtractionCandidate[] = [...this.memories].map(([alias, memory]) => ({ alias, text: memory }));
    const { operations, usage } = await createRuleExtractor(this.options).extract({
      messages: [{ role: 'user', text }],
      candidates,
      memoryType: 'semantic_memory',
      now: at,
    });
    if (usage.llmCalls !== 0 || usage.promptTokens !== 0 || usage.completionTokens !== 0) throw new Error('usage');
    for (const operation of operations) {
      if (operation.event === 'ADD') this.memories.set(this.nextAlias++, operation.text);
      if (operation.event === 'UPDATE') this.memories.set(operation.target, operation.text);
      if (operation.event === 'DELETE') this.memories.delete(operation.target);
    }
    return operations;
  }

  /** The current memory texts, in creation order. */
  texts(): string[] {
    return [...this.memories.values()];
  }
}

/** A compact view of operations for table assertions: "ADD Likes sushi", "UPDATE 1 Lives in Berlin", "DELETE 2". */
export function summarize(operations: ExtractionOperation[]): string[] {
  return operations.map((operation) => {
    switch (operation.event) {
      case 'ADD':
        return `ADD ${operation.text}`;
      case 'UPDATE':
        return `UPDATE ${operation.target} ${operation.text}`;
      case 'DELETE':
        return `DELETE ${operation.target}`;
      default:
        return `NONE ${operation.target ?? ''}`.trim();
    }
  });
}

/** What the extractor does with one corpus case, NONE left out (the form of `CorpusCase.expect`). */
export async function corpusOperations(corpusCase: { say: string; memories?: string[] }): Promise<string[]> {
  const operations = await extract(corpusCase.say, corpusCase.memories ?? []);
  return summarize(operations).filter((operation) => !operation.startsWith('NONE'));
}
