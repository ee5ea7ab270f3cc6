import type { ExtractionOperation } from '../spec/extractor.js';
import type { MemoryRecord } from '../spec/memory-record.js';
import type { MemoryEvent, Warning } from '../spec/results.js';
import { contentHash } from './normalize.js';
import { inputLimits } from './validate.js';

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
 * Unknown aliases become warnings, never crashes or silent drops: an UPDATE or a NONE with text that names an
 * unknown memory keeps its fact as an ADD, a DELETE of one is reported as NONE. Facts that repeat an existing
 * memory or an earlier fact of the same call become NONE with the reason. Conflicting decisions about one memory
 * are resolved the same way whatever their order, with a `conflicting_operations` warning: an UPDATE wins over a
 * DELETE (the memory is replaced, not lost), the first UPDATE applies and a later one keeps its fact as an ADD.
 * Texts longer than `inputLimits.memoryCharacters` are cut at a word boundary with a `memory_truncated` warning.
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
  const updatedTargets = new Set(
    operations.flatMap((operation) =>
      operation.event === 'UPDATE' && operation.text.trim() !== '' && candidates.has(operation.target)
        ? [operation.target]
        : [],
    ),
  );

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
  const conflict = (message: string): void => {
    warnings.push({ code: 'conflicting_operations', message });
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
    const text = 'text' in operation && typeof operation.text === 'string' ? capText(operation.text, warnings) : '';
    switch (operation.event) {
      case 'ADD':
        if (text.length === 0) events.push({ event: 'NONE', memory: '', noneReason: 'empty', reason: 'empty fact' });
        else addFact(text, operation.reason);
        break;
      case 'UPDATE': {
        const target = resolveTarget(operation.target, 'UPDATE');
        if (text.length === 0) {
          events.push({ event: 'NONE', memory: '', noneReason: 'empty', reason: 'empty fact' });
        } else if (!target) {
          addFact(text, operation.reason);
        } else if (touched.has(target.id)) {
          conflict(
            `the extractor updated memory #${operation.target} twice; the first UPDATE applied, the later one was added as a new memory`,
          );
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
        if (!target) {
          events.push({ event: 'NONE', memory: '', noneReason: 'unknown_target', reason: 'nothing to delete' });
        } else if (touched.has(target.id) && !updatedTargets.has(operation.target)) {
          events.push({
            event: 'NONE',
            id: target.id,
            memory: target.memory,
            noneReason: 'duplicate',
            reason: 'deleted earlier in this call',
          });
        } else if (updatedTargets.has(operation.target)) {
          conflict(`the extractor both updated and deleted memory #${operation.target}; the UPDATE applied`);
          events.push({
            event: 'NONE',
            id: target.id,
            memory: target.memory,
            noneReason: 'conflict',
            reason: 'updated in the same call',
          });
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
        const target = operation.target === undefined ? undefined : resolveTarget(operation.target, 'NONE');
        if (!target && operation.target !== undefined && text.length > 0) {
          // A NONE about a memory the model was never shown: its fact may be new, so it is kept.
          addFact(text, operation.reason);
          break;
        }
        events.push({
          event: 'NONE',
          ...(target ? { id: target.id } : {}),
          memory: target?.memory ?? text,
          noneReason: target ? 'already_known' : operation.target === undefined ? 'model_said_none' : 'unknown_target',
          reason: operation.reason ?? (target ? 'already known' : 'nothing to remember'),
        });
        break;
      }
    }
  }
  return { events, changes };
}

/** A model-written memory is capped like an application's (`inputLimits.memoryCharacters`), at a word boundary. */
function capText(raw: string, warnings: Warning[]): string {
  const text = raw.normalize('NFC').trim();
  if (text.length <= inputLimits.memoryCharacters) return text;
  warnings.push({
    code: 'memory_truncated',
    message: `a memory of ${text.length} characters was cut to ${inputLimits.memoryCharacters}`,
  });
  const cut = text.slice(0, inputLimits.memoryCharacters);
  const space = cut.search(/\s\S*$/);
  return (space > inputLimits.memoryCharacters * 0.8 ? cut.slice(0, space) : cut).trim();
}
