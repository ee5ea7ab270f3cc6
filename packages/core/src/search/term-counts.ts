import { termFrequencies } from './tokenize.js';

/**
 * A document's lexical terms as the BM25 index takes them: `terms` (those of the text first, in order of first
 * appearance, then those found only in the context) and `counts`, two per term (its count in the text, then in the
 * context). Computed once per write and stored next to a record (the SQLite store keeps {@link encodeTermCounts} in
 * `memories.terms`), so rebuilding a scope's index after a restart does no tokenizing.
 */
export interface TermCounts {
  terms: string[];
  counts: number[];
}

/** The {@link TermCounts} of a record's text and optional context. */
export function termCountsOf(text: string, context?: string): TermCounts {
  const counts = new Map<string, [number, number]>();
  for (const [term, count] of termFrequencies(text)) counts.set(term, [count, 0]);
  if (context) {
    for (const [term, count] of termFrequencies(context)) {
      const entry = counts.get(term);
      if (entry) entry[1] = count;
      else counts.set(term, [0, count]);
    }
  }
  const result: TermCounts = { terms: [], counts: [] };
  for (const [term, [inText, inContext]] of counts) {
    result.terms.push(term);
    result.counts.push(inText, inContext);
  }
  return result;
}

/**
 * {@link TermCounts} as text: the terms separated by spaces, a tab, then the counts separated by spaces (terms never
 * hold white space: see `tokenize`). Splitting this back costs about half of parsing the same as JSON.
 */
export function encodeTermCounts({ terms, counts }: TermCounts): string {
  return `${terms.join(' ')}\t${counts.join(' ')}`;
}

/** Stored {@link encodeTermCounts} read back, or undefined when the text is not in that form (then tokenize). */
export function decodeTermCounts(text: string): TermCounts | undefined {
  const tab = text.indexOf('\t');
  if (tab < 0) return undefined;
  if (tab === 0) return text.length === 1 ? { terms: [], counts: [] } : undefined;
  const terms = text.slice(0, tab).split(' ');
  const digits = text.slice(tab + 1).split(' ');
  if (digits.length !== terms.length * 2) return undefined;
  const counts = new Array<number>(digits.length);
  for (let index = 0; index < digits.length; index++) {
    const count = +digits[index]!;
    if (!(count >= 0)) return undefined;
    counts[index] = count;
  }
  return { terms, counts };
}
