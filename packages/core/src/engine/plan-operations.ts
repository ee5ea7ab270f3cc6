import type { ExtractionOperation } from '../spec/extractor.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { MemoryEvent, Warning } from '../spec/results.js';
import { contentHash } from './normalize.js';

/** A change to apply, with the index of the event it answers. */
export type PlannedChange =
  | {
      kind: 'add';
      event: number;
      text: string;
      hash: string;
      /** Verbatim memories: a derived id, their own metadata and their conversation context. */
      id?: string;
      metadata?: Record<string, unknown>;
      context?: string;
    }
  | { kind: 'update'; event: number; target: MemoryRecord; text: string; hash: string }
  | { kind: 'invalidate'; event: number; target: MemoryRecord; reason?: string };

export interface OperationPlan {
  /** One event per operation, in order; ADD/UPDATE/DELETE events get their records when applied. */
  events: MemoryEvent[];
  changes: PlannedChange[];
  /** Earlier verbatim memories whose lexical `context` changes: patched in place, no new version, no history. */
  contextPatches?: MemoryRecord[];
}

/**
 * Validates the extractor's decisions against the candidates it was shown (by alias) and turns them into changes.
 * Unknown aliases become warnings, never crashes or silent drops: an UPDATE of an unknown memory is kept as an
 * ADD, a DELETE of one is reported as NONE. Facts that repeat an existing memory or an earlier fact of the same
 * call become NONE with the reason.
 */
export function planOperations(
  operations: ExtractionOperation[],
  candidates: ReadonlyMap<number, MemoryRecord>,
  warnings: Warning[],
): OperationPlan {
  const events: MemoryEvent[] = [];
  const changes: PlannedChange[] = [];
  const existingByHash = new Map<string, MemoryRecord>();
  for (const record of candidates.values()) existingByHash.set(record.hash, record);
  const hashesOfCall = new Set<string>();
  const touched = new Set<string>();

  const resolveTarget = (alias: number, event: string): MemoryRecord | undefined => {
    const target = candidates.get(alias);
    if (!target) {
      warnings.push({
        code: 'unknown_memory_id',
        message: `the extractor's ${event} referred to memory #${String(alias).slice(0, 12)}, which it was not shown`,
      });
    }
    return target;
  };

  const addFact = (text: string, reason: string | undefined): void => {
    const hash = contentHash(text);
    const existing = existingByHash.get(hash);
    if (existing) {
      events.push({
        event: 'NONE',
        id: existing.id,
        memory: existing.memory,
        noneReason: 'duplicate',
        reason: 'already stored',
      });
    } else if (hashesOfCall.has(hash)) {
      warnings.push({ code: 'dedup_within_call', message: 'a fact was extracted twice in one call; stored once' });
      events.push({ event: 'NONE', memory: text, noneReason: 'duplicate', reason: 'repeated within this call' });
    } else {
      hashesOfCall.add(hash);
      changes.push({ kind: 'add', event: events.length, text, hash });
      events.push({ event: 'ADD', memory: text, ...(reason ? { reason } : {}) });
    }
  };

  for (const operation of operations) {
    const text = 'text' in operation && typeof operation.text === 'string' ? operation.text.trim() : '';
    switch (operation.event) {
      case 'ADD':
        if (text.length === 0) events.push({ event: 'NONE', memory: '', noneReason: 'empty', reason: 'empty fact' });
        else addFact(text, operation.reason);
        break;
      case 'UPDATE': {
        const target = resolveTarget(operation.target, 'UPDATE');
        if (text.length === 0) {
          events.push({ event: 'NONE', memory: '', noneReason: 'empty', reason: 'empty fact' });
        } else if (!target || touched.has(target.id)) {
          addFact(text, operation.reason);
        } else {
          const hash = contentHash(text);
          if (hash === target.hash || existingByHash.has(hash) || hashesOfCall.has(hash)) {
            const known = existingByHash.get(hash) ?? target;
            events.push({
              event: 'NONE',
              id: known.id,
              memory: known.memory,
              noneReason: 'already_known',
              reason: 'already stored',
            });
          } else {
            touched.add(target.id);
            hashesOfCall.add(hash);
            changes.push({ kind: 'update', event: events.length, target, text, hash });
            events.push({
              event: 'UPDATE',
              id: target.id,
              memory: text,
              previousMemory: target.memory,
              ...(operation.reason ? { reason: operation.reason } : {}),
            });
          }
        }
        break;
      }
      case 'DELETE': {
        const target = resolveTarget(operation.target, 'DELETE');
        if (!target || touched.has(target.id)) {
          events.push({ event: 'NONE', memory: '', noneReason: 'unknown_target', reason: 'nothing to delete' });
        } else {
          touched.add(target.id);
          changes.push({
            kind: 'invalidate',
            event: events.length,
            target,
            ...(operation.reason ? { reason: operation.reason } : {}),
          });
          events.push({
            event: 'DELETE',
            id: target.id,
            memory: target.memory,
            previousMemory: target.memory,
            ...(operation.reason ? { reason: operation.reason } : {}),
          });
        }
        break;
      }
      case 'NONE': {
        const target = operation.target === undefined ? undefined : candidates.get(operation.target);
        events.push({
          event: 'NONE',
          ...(target ? { id: target.id } : {}),
          memory: target?.memory ?? text,
          noneReason: target ? 'already_known' : 'model_said_none',
          reason: operation.reason ?? (target ? 'already known' : 'nothing to remember'),
        });
        break;
      }
    }
  }
  return { events, changes };
}
