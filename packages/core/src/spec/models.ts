/** Token counts reported by a model call. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** One request to a language model. The engine asks for JSON and validates it with zod itself. */
export interface GenerateRequest {
  /** Instructions: static first, so providers can cache the prompt prefix. */
  system: string;
  /** The per-call input. */
  prompt: string;
  /** JSON Schema of the expected answer, for providers with structured output. The engine validates anyway. */
  jsonSchema?: Record<string, unknown>;
  /** @default 0 */
  temperature?: number;
  /** Cap on generated tokens. */
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface GenerateResult {
  /** The answer's text (for JSON requests: the JSON, possibly fenced or preceded by reasoning). */
  text: string;
  /** Reasoning the model returned separately (`reasoning_content` and similar); never parsed as the answer. */
  reasoning?: string;
  /** `length` when the output was cut by the token limit. */
  finishReason?: 'stop' | 'length' | 'other';
  usage?: TokenUsage;
}

/**
 * A language model as the engine uses it: one text-in, text-out call. Implemented for the `openai` SDK in core,
 * and by bridges for AI SDK and LangChain models in the adapter packages.
 */
export interface LanguageModel {
  /** Provider and model, e.g. `openai:gpt-4.1-mini`. */
  readonly name: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}

export interface EmbedRequest {
  texts: string[];
  /** Some embedders encode queries and documents differently. */
  purpose: 'document' | 'query';
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** One vector per text, same order. */
  embeddings: number[][];
  usage?: { tokens: number };
}

/** An embedding model. The engine calls it with batches: one request per `add` and one per `search`. */
export interface Embedder {
  readonly name: string;
  /** Vector length, when known before the first call. */
  readonly dimension?: number;
  embed(request: EmbedRequest): Promise<EmbedResult>;
}

/** Re-scores the fused candidates of a search. Optional. */
export interface Reranker {
  readonly name: string;
  /** Scores in [0, 1], higher is better, one per document, same order. */
  rerank(query: string, documents: string[]): Promise<number[]>;
}
