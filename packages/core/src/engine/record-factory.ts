import { randomUUID } from '../runtime/random-uuid.js';
import type { FilterNode } from '../spec/filter.js';
import type { MemoryRecord, MemoryType } from '../spec/memory-record.js';
import type { Scope } from '../spec/scope.js';

/** The fields every new memory of one call shares. */
export interface NewRecordFields {
  scope: Scope;
  metadata: Record<string, unknown>;
  memoryType: MemoryType;
  expiresAt?: string;
  /** When the conversation happened (`add`'s `timestamp`), ISO 8601. */
  eventAt?: string;
}

/** A new active memory. */
export function newRecord(text: string, hash: string, fields: NewRecordFields, now: Date, id?: string): MemoryRecord {
  const timestamp = now.toISOString();
  return {
    id: id ?? randomUUID(),
    memory: text,
    hash,
    ...fields.scope,
    metadata: structuredClone(fields.metadata),
    memoryType: fields.memoryType,
    status: 'active',
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
    ...(fields.expiresAt === undefined ? {} : { expiresAt: fields.expiresAt }),
    ...(fields.eventAt === undefined ? {} : { eventAt: fields.eventAt }),
  };
}

/** Records that are current: active and, unless asked otherwise, not past their expiration date. */
export function currentFilter(
  now: Date,
  options: { includeInvalidated?: boolean; includeExpired?: boolean } = {},
): FilterNode[] {
  const nodes: FilterNode[] = [];
  if (!options.includeInvalidated) nodes.push({ kind: 'compare', field: 'status', operator: 'eq', value: 'active' });
  if (!options.includeExpired) {
    nodes.push({
      kind: 'or',
      nodes: [
        { kind: 'not', node: { kind: 'exists', field: 'expiresAt' } },
        { kind: 'compare', field: 'expiresAt', operator: 'gt', value: now.getTime() },
      ],
    });
  }
  return nodes;
}

/** Combines filter nodes with AND. */
export function allOf(nodes: Array<FilterNode | undefined>): FilterNode | undefined {
  const present = nodes.filter((node): node is FilterNode => node !== undefined);
  if (present.length <= 1) return present[0];
  return { kind: 'and', nodes: present };
}
