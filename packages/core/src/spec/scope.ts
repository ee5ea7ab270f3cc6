/**
 * Who a memory belongs to. At least one field is required on every write and every scoped read.
 * Scope is structural: it is stored in the record's own fields (never in user metadata) and the engine applies it
 * to every read and write, so a caller's filter can narrow a scope but never widen it.
 */
export interface Scope {
  /** The end user the memory is about. */
  userId?: string;
  /** The agent that owns the memory (agent-level memories, procedural memory). */
  agentId?: string;
  /** One run, session or conversation. */
  runId?: string;
  /** The application or tenant. */
  appId?: string;
}

/** The scope fields in a fixed order. */
export const scopeKeys = ['userId', 'agentId', 'runId', 'appId'] as const;

/** One of the scope fields. */
export type ScopeKey = (typeof scopeKeys)[number];
