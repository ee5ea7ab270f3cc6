import * as z from 'zod';
import type { ExtractionOperation } from '../spec/extractor.js';

/** The extractor's answer after normalisation. */
export interface ParsedExtraction {
  operations: ExtractionOperation[];
  /** Entries dropped or rewritten because they were malformed. */
  fixedEntries: number;
}

/**
 * JSON Schema sent to providers with structured output. Deliberately loose (ids may come back as strings): the
 * zod schema below normalises, and the engine validates every alias.
 */
export const extractionJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    memories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          op: { type: 'string', enum: ['ADD', 'UPDATE', 'DELETE', 'NONE'] },
          id: { type: 'integer' },
          text: { type: 'string' },
          reason: { type: 'string' },
        },
        required: ['op'],
      },
    },
  },
  required: ['memories'],
};

const opNames: Record<string, ExtractionOperation['event']> = {
  ADD: 'ADD',
  UPDATE: 'UPDATE',
  DELETE: 'DELETE',
  NONE: 'NONE',
  NOOP: 'NONE',
  NO_OP: 'NONE',
};

/** Accepts `3`, `"3"`, `"#3"`, `"[3]"`; anything else is not an alias. */
export function coerceAlias(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*[#[]?\s*(\d{1,9})\s*\]?\s*$/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function cleanString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Normalises one raw entry. An UPDATE whose id is not an integer becomes an ADD (the fact is kept, as the engine
 * does for unknown targets); a DELETE without a usable id, or an ADD/UPDATE without text, is dropped.
 */
function normalizeEntry(raw: unknown): { operation?: ExtractionOperation; fixed: boolean } {
  // Mem0's fact-extraction prompt asks for `{"facts": ["...", ...]}`: each string is a new fact.
  if (typeof raw === 'string') {
    const text = cleanString(raw);
    return text === undefined ? { fixed: true } : { operation: { event: 'ADD', text }, fixed: false };
  }
  if (typeof raw !== 'object' || raw === null) return { fixed: true };
  const entry = raw as Record<string, unknown>;
  const op = typeof entry.op === 'string' ? opNames[entry.op.trim().toUpperCase()] : undefined;
  const event = op ?? (typeof entry.event === 'string' ? opNames[entry.event.trim().toUpperCase()] : undefined);
  const target = coerceAlias(entry.id ?? entry.target);
  const text = cleanString(entry.text);
  const reason = cleanString(entry.reason)?.slice(0, 300);
  const withReason = reason === undefined ? {} : { reason };
  const loose = op === undefined || (entry.id !== undefined && typeof entry.id !== 'number');
  switch (event) {
    case 'ADD':
      return text === undefined ? { fixed: true } : { operation: { event, text, ...withReason }, fixed: loose };
    case 'UPDATE':
      if (text === undefined) return { fixed: true };
      if (target === undefined) return { operation: { event: 'ADD', text, ...withReason }, fixed: true };
      return { operation: { event, target, text, ...withReason }, fixed: loose };
    case 'DELETE':
      return target === undefined ? { fixed: true } : { operation: { event, target, ...withReason }, fixed: loose };
    case 'NONE': {
      const operation: ExtractionOperation = { event, ...withReason };
      if (target !== undefined) operation.target = target;
      if (text !== undefined) operation.text = text;
      return { operation, fixed: loose || (entry.id !== undefined && target === undefined) };
    }
    default:
      return { fixed: true };
  }
}

/**
 * Finds the list whatever key the model used: `memories` (asked for), `memory` (Mem0's update prompt:
 * `{"memory": [{"id", "text", "event", "old_memory"}]}`), `facts` (Mem0's fact prompt: a list of strings),
 * `operations`, or a bare list.
 */
function listOf(value: unknown): unknown {
  if (Array.isArray(value)) return { memories: value };
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of ['memories', 'memory', 'facts', 'operations']) {
    if (Array.isArray(record[key])) return { memories: record[key] };
  }
  return value;
}

/** The shapes the extractor accepts, for error messages (a custom prompt must ask for one of them). */
export const extractionShapes =
  '{"memories":[{"op":"ADD|UPDATE|DELETE|NONE","id":<alias>,"text":"..."}]}, or Mem0\'s {"facts":["..."]} or {"memory":[{"event","id","text"}]}';

/**
 * Validates and normalises the extractor's answer. Fails (so the caller retries) only when the list is missing or
 * every entry is unusable; single bad entries are dropped and counted.
 */
export const extractionSchema: z.ZodType<ParsedExtraction> = z
  .preprocess(listOf, z.object({ memories: z.array(z.unknown()) }))
  .transform((value, context): ParsedExtraction => {
    const operations: ExtractionOperation[] = [];
    let fixedEntries = 0;
    for (const raw of value.memories) {
      const { operation, fixed } = normalizeEntry(raw);
      if (operation !== undefined) operations.push(operation);
      if (fixed) fixedEntries++;
    }
    if (value.memories.length > 0 && operations.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['memories'],
        message:
          'no usable entry: each needs op ADD|UPDATE|DELETE|NONE, an integer id for UPDATE/DELETE/NONE, text for ADD/UPDATE (or is a fact string)',
      });
      return z.NEVER;
    }
    return { operations, fixedEntries };
  });
