import type { MemoryType } from './memory-record.js';
import type { NormalizedMessage } from './messages.js';

/** An existing memory shown to the extractor under a short integer alias (never its real id). */
export interface ExtractionCandidate {
  alias: number;
  text: string;
}

export interface ExtractionInput {
  /** The new messages, validated, text only. */
  messages: NormalizedMessage[];
  /** Existing memories of the same scope most related to the messages. */
  candidates: ExtractionCandidate[];
  /** `procedural_memory`: summarise the run as one memory instead of extracting facts. */
  memoryType: MemoryType;
  /** Replaces the default instructions. */
  prompt?: string;
  /** Appended to the instructions. */
  customInstructions?: string;
  /** Replaces the ADD / UPDATE / DELETE / NONE decision instructions (Mem0's `customUpdateMemoryPrompt`). */
  decisionPrompt?: string;
  /**
   * When the messages were written (now, or the `timestamp` given to `add`): "today", for resolving relative dates
   * ("tomorrow", "next week") into absolute ones.
   */
  now: Date;
  /** IANA time zone in which `now` is a calendar day. @default the extractor's own, else `UTC` */
  timeZone?: string;
  signal?: AbortSignal;
}

/**
 * One decision about one fact. Targets are candidate aliases. The engine validates every alias: an unknown one
 * becomes a warning (an UPDATE with an unknown target is stored as an ADD; a DELETE is skipped).
 */
export type ExtractionOperation =
  | { event: 'ADD'; text: string; reason?: string }
  | { event: 'UPDATE'; target: number; text: string; reason?: string }
  | { event: 'DELETE'; target: number; reason?: string }
  | { event: 'NONE'; target?: number; text?: string; reason?: string };

export interface ExtractionResult {
  operations: ExtractionOperation[];
  /** Model calls and tokens spent (zero for rule-based extraction). */
  usage: { llmCalls: number; promptTokens: number; completionTokens: number };
  /** Set when the model's output needed repair (fenced JSON, trailing text) or a retry. */
  repaired?: boolean;
}

/**
 * Turns new messages into fact-level decisions against existing memories, in ONE step: one LLM call for the
 * model-backed extractor, pure rules for the offline one.
 */
export interface Extractor {
  /** `model:<name>` or `rules`. */
  readonly name: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
  /**
   * Optional: extra search text for finding the memories the messages may change, added to the lexical candidate
   * query (e.g. "I moved to Berlin" -> "Lives in"), for changes that share no word with the old memory.
   */
  candidateQuery?(input: Pick<ExtractionInput, 'messages' | 'now' | 'timeZone'>): string;
}
