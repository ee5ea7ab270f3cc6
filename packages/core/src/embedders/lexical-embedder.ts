import { termId, tokenize } from '../search/tokenize.js';
import type { Embedder, EmbedRequest, EmbedResult } from '../spec/models.js';

export interface LexicalEmbedderOptions {
  /** Vector length. @default 512 */
  dimension?: number;
  /** Weight of character trigrams relative to whole words. @default 0.35 */
  trigramWeight?: number;
}

/**
 * The offline embedder: NOT a neural model. It hashes a text's stemmed words and their character trigrams into a
 * fixed-size vector (signed feature hashing, sublinear term frequency, unit length). Cosine similarity then measures
 * shared words and word parts ("hike"/"hiking", typos), with no key, no download and no network. It knows no
 * synonyms: "car" and "vehicle" do not match. Configure a real embedder for semantic similarity.
 */
export function createLexicalEmbedder(options: LexicalEmbedderOptions = {}): Embedder {
  const dimension = options.dimension ?? 512;
  const trigramWeight = options.trigramWeight ?? 0.35;
  return {
    name: 'lexical',
    dimension,
    async embed(request: EmbedRequest): Promise<EmbedResult> {
      return { embeddings: request.texts.map((text) => embedText(text, dimension, trigramWeight)) };
    },
  };
}

function embedText(text: string, dimension: number, trigramWeight: number): number[] {
  const occurrences = new Map<string, number>();
  for (const term of tokenize(text)) {
    occurrences.set(term, (occurrences.get(term) ?? 0) + 1);
    const padded = ` ${term} `;
    for (let index = 0; index + 3 <= padded.length; index++) {
      const trigram = `#${padded.slice(index, index + 3)}`;
      occurrences.set(trigram, (occurrences.get(trigram) ?? 0) + 1);
    }
  }
  const vector = new Array<number>(dimension).fill(0);
  for (const [feature, count] of occurrences) {
    const hash = termId(feature);
    const weight = (feature.startsWith('#') ? trigramWeight : 1) * (1 + Math.log(count));
    vector[hash % dimension]! += hash & 0x80000000 ? -weight : weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
