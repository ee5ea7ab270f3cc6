/**
 * The rule corpus, case by case: each sentence gives exactly its expected operations (the extractor is
 * deterministic). Precision and recall over the corpus are benchmark figures (`npm run bench -- --only rules`).
 */
import { describe, expect, it } from 'vitest';
import { ruleCorpus } from './rule-corpus.js';
import { corpusOperations } from './rule-extractor-helpers.js';

describe('rule extractor: corpus', () => {
  for (const group of ruleCorpus) {
    it.each(group.cases.map((corpusCase) => [corpusCase.say, corpusCase] as const))(
      `${group.kind}: %s`,
      async (_say, c) => {
        expect((await corpusOperations(c)).sort()).toEqual([...c.expect].sort());
      },
    );
  }

  it('holds at least 200 sentences, with sentences that must change nothing in most kinds', () => {
    const cases = ruleCorpus.flatMap((group) => group.cases);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(ruleCorpus.filter((group) => group.cases.some((c) => c.expect.length === 0)).length).toBeGreaterThan(8);
  });
});
