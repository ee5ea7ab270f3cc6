import { z } from 'zod';

// Request bodies as Mem0's clients send them (snake_case). Unknown fields are ignored, as Mem0's platform does;
// fields naming platform features this service does not have are refused (see `unsupportedAddFields`).

const entityId = z.string().min(1).max(256);
const scopeFields = {
  user_id: entityId.optional(),
  agent_id: entityId.optional(),
  app_id: entityId.optional(),
  run_id: entityId.optional(),
};
const metadata = z.record(z.string(), z.unknown());
const filters = z.record(z.string(), z.unknown());

const messagePart = z.looseObject({ type: z.string() });
export const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system', 'tool']),
  content: z.union([z.string(), messagePart, z.array(messagePart)]),
  name: z.string().optional(),
});

export const addBody = z.looseObject({
  messages: z.union([z.string().min(1), z.array(messageSchema).min(1)]),
  ...scopeFields,
  metadata: metadata.optional(),
  infer: z.boolean().optional(),
  /** Mem0's default: the write is queued and an event id returned. `false` answers with the events. */
  async_mode: z.boolean().optional(),
  expiration_date: z.string().nullable().optional(),
  custom_instructions: z.string().max(8_000).optional(),
  prompt: z.string().max(32_000).optional(),
  memory_type: z.enum(['semantic_memory', 'procedural_memory']).optional(),
  /** With `infer: false`: neighbouring messages kept as each memory's lexical context, `[before, after]`. */
  context_window: z.tuple([z.number().int().min(0).max(20), z.number().int().min(0).max(20)]).optional(),
  /**
   * When the conversation happened, as Mem0's platform takes it: Unix seconds, or (memzero) an ISO 8601 string. The
   * engine checks the value (milliseconds and unparsable strings are a `validation` error).
   */
  timestamp: z
    .union([z.number(), z.string().max(64)])
    .nullable()
    .optional(),
  /**
   * memzero: the conversation these messages belong to (Mem0's platform has no such field; its `run_id` is a scope,
   * and the engine's default conversation). Turns of one conversation stored one request at a time share neighbour
   * context with `infer: false`.
   */
  conversation_id: entityId.optional(),
  /** memzero: IANA time zone of the conversation (relative dates, `timestamp` without an offset). */
  time_zone: z.string().min(1).max(64).optional(),
});

/** Add options of Mem0's platform that have no self-hosted counterpart: refused, never ignored. */
export const unsupportedAddFields = [
  'custom_categories',
  'structured_data_schema',
  'agent_custom_instructions',
  'includes',
  'excludes',
] as const;

export const searchBody = z.looseObject({
  query: z.string().min(1),
  ...scopeFields,
  filters: filters.optional(),
  top_k: z.number().int().min(1).max(1_000).optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
  threshold: z.number().min(0).max(1).optional(),
  rerank: z.boolean().optional(),
  show_expired: z.boolean().optional(),
  categories: z
    .array(z.string())
    .max(0, 'categories are a Mem0 platform feature this service does not have')
    .optional(),
});

export const listBody = z.looseObject({
  ...scopeFields,
  filters: filters.optional(),
  /** memzero's cursor paging: with `cursor` or `limit` the answer carries `next_cursor` instead of page links. */
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
  show_expired: z.boolean().optional(),
  include_invalidated: z.boolean().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  categories: z
    .array(z.string())
    .max(0, 'categories are a Mem0 platform feature this service does not have')
    .optional(),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  page_size: z.coerce.number().int().min(1).max(1_000).optional(),
});

export const updateBody = z
  .looseObject({
    text: z.string().min(1).optional(),
    metadata: metadata.optional(),
    expiration_date: z.string().nullable().optional(),
  })
  .refine((body) => body.text !== undefined || body.metadata !== undefined || body.expiration_date !== undefined, {
    message: 'pass at least one of text, metadata, expiration_date',
  });

export const scopeQuery = z.looseObject(scopeFields);

const batchSize = 1_000;
export const batchUpdateBody = z.object({
  memories: z
    .array(z.object({ memory_id: entityId, text: z.string().min(1) }))
    .min(1)
    .max(batchSize),
});
export const batchDeleteBody = z.object({
  memories: z
    .array(z.object({ memory_id: entityId }))
    .min(1)
    .max(batchSize),
});

export const feedbackBody = z.object({
  memory_id: entityId,
  feedback: z.enum(['POSITIVE', 'NEGATIVE', 'VERY_NEGATIVE']).nullable().optional(),
  feedback_reason: z.string().max(2_000).nullable().optional(),
});

export const entityType = z.enum(['user', 'agent', 'app', 'run']);
