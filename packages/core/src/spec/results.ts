import type { MemoryRecord } from './memory-record.js';

/** What the engine did with one extracted fact. */
export type MemoryEventType = 'ADD' | 'UPDATE' | 'DELETE' | 'NONE';

/** Why nothing was stored for a fact. */
export type NoneReason =
  | 'duplicate'
  | 'already_known'
  | 'unknown_target'
  | 'model_said_none'
  | 'empty'
  /** The extractor also updated this memory in the same call; the UPDATE applied. */
  | 'conflict';

/** One outcome of an `add`. */
export interface MemoryEvent {
  event: MemoryEventType;
  /** The memory written, updated or invalidated; for NONE, the existing memory it matched (if any). */
  id?: string;
  /** Text after the event (ADD, UPDATE), or the matched text (NONE). */
  memory: string;
  /** Text before an UPDATE or DELETE. */
  previousMemory?: string;
  /** For NONE: why nothing changed. For others: the model's or rules' reason, when given. */
  reason?: string;
  /** Machine-readable NONE reason. */
  noneReason?: NoneReason;
  /** The record after the event (ADD, UPDATE, DELETE). */
  record?: MemoryRecord;
}

/** Something the caller should know that did not fail the call. Never contains memory text or secrets. */
export interface Warning {
  code:
    | 'unknown_memory_id'
    | 'lexical_signal_unavailable'
    | 'reranker_failed'
    | 'dedup_within_call'
    | 'reconciled_pending_writes'
    | 'truncated_input'
    | 'image_ignored'
    | 'model_output_repaired'
    /** The extractor made incompatible decisions about one memory; see the message for how they were resolved. */
    | 'conflicting_operations'
    /** A model-written memory exceeded the length cap and was cut. */
    | 'memory_truncated'
    /** A config key or option this engine does not support was ignored (Mem0 compatibility). */
    | 'unsupported_option';
  message: string;
}

/** What a call cost. Counts are per call. */
export interface Usage {
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** Embedding requests (a batch is one request). */
  embeddingCalls: number;
  /** Texts embedded. */
  embeddedTexts: number;
  /** Calls to the vector store and the coordination store. */
  storeCalls: number;
}

export interface AddResult {
  /** One event per extracted fact, in order. */
  results: MemoryEvent[];
  warnings: Warning[];
  usage: Usage;
}

/** Which retrieval signals found a result, with their scores. */
export interface SearchSignals {
  /** Cosine similarity of the embeddings. */
  dense?: number;
  /** Calibrated lexical (BM25) score in [0, 1). */
  lexical?: number;
  /** The reranker's score, when a reranker ran. */
  rerank?: number;
}

export interface SearchHit extends MemoryRecord {
  /**
   * Relevance in [0, 1], comparable across queries: a fixed blend of the calibrated signals (not normalised by the
   * best hit of the query), or the reranker's score when one ran. `threshold` applies to it.
   */
  score: number;
  signals: SearchSignals;
}

export interface SearchResult {
  results: SearchHit[];
  warnings: Warning[];
  usage: Usage;
}

export interface GetAllResult {
  results: MemoryRecord[];
  /** Pass as `cursor` to read the next page; absent on the last page. */
  nextCursor?: string;
  usage: Usage;
}

export interface DeleteResult {
  /** Ids removed. */
  deleted: string[];
}
