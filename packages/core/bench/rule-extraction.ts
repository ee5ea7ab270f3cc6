import { type CorpusCase, type CorpusGroup, ruleCorpus } from '../test/extraction/rule-corpus.js';
import { ruleCorpusHeldOut } from '../test/extraction/rule-corpus-held-out.js';
import { corpusOperations } from '../test/extraction/rule-extractor-helpers.js';

/** Precision and recall of the offline rule extractor on one kind of sentence (or on all of them). */
export interface RuleExtractionRow {
  kind: string;
  sentences: number;
  /** Sentences whose operations are exactly the expected ones. */
  exact: number;
  /** Expected operations, produced operations, and produced operations that were expected. */
  expected: number;
  produced: number;
  correct: number;
  /** Sentences that must change nothing, and how many of them changed something. */
  silent: number;
  silentViolated: number;
}

/** Counts, over the expected and produced operations of each case, the ones both share (as multisets). */
async function score(kind: string, cases: CorpusCase[]): Promise<RuleExtractionRow> {
  const row: RuleExtractionRow = {
    kind,
    sentences: cases.length,
    exact: 0,
    expected: 0,
    produced: 0,
    correct: 0,
    silent: 0,
    silentViolated: 0,
  };
  for (const corpusCase of cases) {
    const produced = await corpusOperations(corpusCase);
    const remaining = [...corpusCase.expect];
    let correct = 0;
    for (const operation of produced) {
      const index = remaining.indexOf(operation);
      if (index === -1) continue;
      remaining.splice(index, 1);
      correct += 1;
    }
    row.expected += corpusCase.expect.length;
    row.produced += produced.length;
    row.correct += correct;
    if (correct === produced.length && correct === corpusCase.expect.length) row.exact += 1;
    if (corpusCase.expect.length === 0) {
      row.silent += 1;
      if (produced.length > 0) row.silentViolated += 1;
    }
  }
  return row;
}

/**
 * Runs a corpus through the rule extractor: one row per kind and a total. Precision = correct / produced operations,
 * recall = correct / expected operations; an operation is correct when its event, target and memory text are exactly
 * the expected ones. `corpus` is the tuned corpus (packages/core/test/extraction/rule-corpus.ts) or the held-out one.
 */
export async function measureRuleExtraction(corpus: 'corpus' | 'held-out'): Promise<RuleExtractionRow[]> {
  const groups: CorpusGroup[] = corpus === 'corpus' ? ruleCorpus : ruleCorpusHeldOut;
  const rows: RuleExtractionRow[] = [];
  for (const group of groups) rows.push(await score(group.kind, group.cases));
  rows.push(
    await score(
      '**all**',
      groups.flatMap((group) => group.cases),
    ),
  );
  return rows;
}
