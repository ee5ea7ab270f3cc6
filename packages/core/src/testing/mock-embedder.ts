import type { Embedder, EmbedRequest, EmbedResult } from '../spec/models.js';

export interface MockEmbedderOptions {
  /** @default 'mock:embedder' */
  name?: string;
  /** Vector length. @default 64 */
  dimension?: number;
  /** Computes one vector per text instead of the default bag-of-words hashing. @default hashed bag of words */
  embed?: (text: string, purpose: EmbedRequest['purpose']) => number[];
}

/**
 * A deterministic `Embedder` for tests that records every request (`calls`). By default each word adds to a bucket
 * chosen by its hash and the vector is L2-normalised, so texts sharing words are similar and equal texts are equal.
 */
export class MockEmbedder implements Embedder {
  readonly name: string;
  readonly dimension: number;
  /** Every request received, in order. */
  readonly calls: EmbedRequest[] = [];
  readonly #embed: (text: string, purpose: EmbedRequest['purpose']) => number[];

  constructor(options: MockEmbedderOptions = {}) {
    this.name = options.name ?? 'mock:embedder';
    this.dimension = options.dimension ?? 64;
    this.#embed = options.embed ?? ((text) => hashedBagOfWords(text, this.dimension));
  }

  async embed(request: EmbedRequest): Promise<EmbedResult> {
    this.calls.push(request);
    const embeddings = request.texts.map((text) => this.#embed(text, request.purpose));
    return { embeddings, usage: { tokens: request.texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0) } };
  }

  /** Total texts embedded over all calls. */
  get textCount(): number {
    return this.calls.reduce((sum, call) => sum + call.texts.length, 0);
  }
}

function hashedBagOfWords(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 2166136261;
    for (let index = 0; index < word.length; index++) {
      hash = Math.imul(hash ^ word.charCodeAt(index), 16777619);
    }
    const bucket = (hash >>> 0) % dimension;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}
