import {
  type AddOptions,
  type FilterInput,
  type GetAllOptions,
  type MemoryRecord,
  type Message,
  MissingScopeError,
  NotFoundError,
  type Scope,
} from '@memzero/core';
import type { Hono } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../http-error.js';
import { toAddJson, toHistoryJson, toMemoryJson, toUsageJson } from '../mem0-shapes.js';
import {
  type Caller,
  parseWith,
  readBody,
  readJson,
  type ServerContext,
  type ServerEnv,
  type ServerState,
} from '../request-context.js';
import { mergeScopes, restrictScope, scopeOf, splitFilters } from '../request-scope.js';
import { addBody, listBody, pageQuery, scopeQuery, searchBody, unsupportedAddFields, updateBody } from '../schemas.js';
import { queueAdd } from './add-async.js';

/** Mem0's memory endpoints: add, search, list, get, update, delete, delete-all, history. */
export function memoryRoutes(app: Hono<ServerEnv>, state: ServerState): void {
  app.post('/v3/memories/add', async (context) => {
    const body = await readBody(context, addBody);
    const refused = unsupportedAddFields.find((field) => body[field] !== undefined && body[field] !== null);
    if (refused) {
      throw new HttpError(400, 'unsupported', `${refused}: a Mem0 platform option this service does not have`, refused);
    }
    const caller = context.get('caller');
    const scope = restrictScope(scopeOf(body), caller.key);
    if (Object.keys(scope).length === 0) throw new MissingScopeError('add');
    const messages = toEngineMessages(body.messages);
    const options = addOptions(body, scope);
    // The entity is indexed first: a failed add then leaves an entity with no memories (not listed), never
    // memories that the entities endpoints cannot find.
    const write = async () => {
      await caller.entities.remember(scope);
      return caller.memory.add(messages, options);
    };
    if (body.async_mode === false) return context.json(toAddJson(await state.track(write())));
    return queueAdd(context, state, write);
  });

  app.post('/v3/memories/search', async (context) => {
    const body = await readBody(context, searchBody);
    const caller = context.get('caller');
    const { scope, filters } = readScope(caller, body);
    const result = await caller.memory.search(body.query, {
      ...scope,
      ...optional('limit', body.limit ?? body.top_k),
      ...optional('threshold', body.threshold),
      ...optional('filters', filters),
      ...optional('rerank', body.rerank),
      ...optional('includeExpired', body.show_expired),
    });
    return context.json({
      results: result.results.map(toMemoryJson),
      warnings: result.warnings,
      usage: toUsageJson(result.usage),
    });
  });

  app.post('/v3/memories', async (context) => {
    const query = parseWith(pageQuery, context.req.query());
    const body = parseWith(listBody, (await readJson(context, { optional: true })) ?? {});
    const caller = context.get('caller');
    const { scope, filters } = readScope(caller, body);
    const options: GetAllOptions = {
      ...scope,
      ...optional('filters', withDateRange(filters, body.start_date, body.end_date)),
      ...optional('includeExpired', body.show_expired),
      ...optional('includeInvalidated', body.include_invalidated),
    };
    if (body.cursor !== undefined || body.limit !== undefined) {
      const page = await caller.memory.getAll({
        ...options,
        limit: body.limit ?? 100,
        ...optional('cursor', body.cursor || undefined),
      });
      return context.json({
        count: page.results.length,
        next: null,
        previous: null,
        results: page.results.map(toMemoryJson),
        next_cursor: page.nextCursor ?? null,
      });
    }
    const all = await listAll(caller, options);
    const pageSize = query.page_size ?? 100;
    const page = query.page ?? 1;
    const link = (number: number) =>
      `${new URL(context.req.url).origin}/v3/memories/?page=${number}&page_size=${pageSize}`;
    return context.json({
      count: all.length,
      next: page * pageSize < all.length ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: all.slice((page - 1) * pageSize, page * pageSize).map(toMemoryJson),
    });
  });

  app.get('/v1/memories/:id', async (context) => {
    const caller = context.get('caller');
    return context.json(toMemoryJson(await getRecord(caller, context.req.param('id'), idScope(context))));
  });

  app.put('/v1/memories/:id', async (context) => {
    const body = await readBody(context, updateBody);
    // Mem0's platform can re-date a memory; the engine keeps a memory's event time as its add set it.
    if (body.timestamp !== undefined && body.timestamp !== null) {
      throw new HttpError(
        400,
        'unsupported',
        'timestamp: changing when a memory happened is not supported',
        'timestamp',
      );
    }
    const caller = context.get('caller');
    const change = {
      ...optional('text', body.text),
      ...optional('metadata', body.metadata),
      ...(body.expiration_date === undefined ? {} : { expirationDate: body.expiration_date }),
    };
    const record = await state.track(caller.memory.update(context.req.param('id'), change, idScope(context)));
    return context.json(toMemoryJson(record));
  });

  app.delete('/v1/memories/:id', async (context) => {
    const caller = context.get('caller');
    const id = context.req.param('id');
    const purge = context.req.query('purge') === 'true';
    await state.track(caller.memory.delete(id, { ...idScope(context), purge }));
    return context.json({ message: 'Memory deleted successfully!', deleted: [id] });
  });

  app.delete('/v1/memories', async (context) => {
    const caller = context.get('caller');
    const scope = restrictScope(scopeOf(parseWith(scopeQuery, context.req.query())), caller.key);
    const purge = context.req.query('purge') === 'true';
    const result = await state.track(caller.memory.deleteAll({ ...scope, purge }));
    return context.json({ message: 'Memories deleted successfully!', deleted: result.deleted });
  });

  app.get('/v1/memories/:id/history', async (context) => {
    const caller = context.get('caller');
    const id = context.req.param('id');
    // Scoped history: a restricted key sees only its app's entries, also of a deleted memory; others see any memory's
    // of their organisation (narrowed by `?user_id=` and the like).
    const scope = idScope(context);
    const [record, history] = await Promise.all([caller.memory.get(id, scope), caller.memory.history(id, scope)]);
    if (history.length === 0 && !record) throw new NotFoundError(id);
    return context.json(history.map((entry) => toHistoryJson(entry, record)));
  });
}

/** Reads a memory of the caller (within the key's app when restricted, and the given scope), or 404. */
export async function getRecord(caller: Caller, id: string, scope = keyScope(caller)): Promise<MemoryRecord> {
  const record = await caller.memory.get(id, scope);
  if (!record) throw new NotFoundError(id);
  return record;
}

/** The scope that narrows id-based calls: the key's app, when the key is restricted to one. */
export function keyScope(caller: Caller): Scope | undefined {
  return caller.key.appId ? { appId: caller.key.appId } : undefined;
}

/** The scope of an id-based call: query parameters (`?user_id=`), narrowed to the key's app. */
function idScope(context: ServerContext): Scope | undefined {
  const caller = context.get('caller');
  const scope = restrictScope(scopeOf(parseWith(scopeQuery, context.req.query())), caller.key);
  return Object.keys(scope).length > 0 ? scope : undefined;
}

function readScope(
  caller: Caller,
  body: Record<string, unknown> & { filters?: Record<string, unknown> | undefined },
): { scope: Scope; filters?: FilterInput } {
  const split = splitFilters(body.filters);
  const scope = restrictScope(mergeScopes(scopeOf(body), split.scope), caller.key);
  return split.filters ? { scope, filters: split.filters } : { scope };
}

/** Every memory matching `options`, read a page of 1000 at a time. */
export async function listAll(caller: Caller, options: GetAllOptions): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.memory.getAll({ ...options, limit: 1_000, ...optional('cursor', cursor) });
    records.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return records;
}

function withDateRange(filters: FilterInput | undefined, start?: string, end?: string): FilterInput | undefined {
  const terms: FilterInput[] = [];
  if (filters) terms.push(filters);
  if (start) terms.push({ created_at: { gte: start } } as FilterInput);
  if (end) terms.push({ created_at: { lte: end } } as FilterInput);
  if (terms.length <= 1) return terms[0];
  return { AND: terms } as FilterInput;
}

function addOptions(body: z.infer<typeof addBody>, scope: Scope): AddOptions {
  return {
    ...scope,
    ...optional('metadata', body.metadata),
    ...optional('infer', body.infer),
    ...optional('expirationDate', body.expiration_date ?? undefined),
    ...optional('customInstructions', body.custom_instructions),
    ...optional('prompt', body.prompt),
    ...optional('memoryType', body.memory_type),
    ...optional('contextWindow', body.context_window),
    ...optional('timestamp', body.timestamp ?? undefined),
    ...optional('conversationId', body.conversation_id),
    ...optional('timeZone', body.time_zone),
  };
}

/** Mem0's clients send one content part as an object; the engine takes a string or a list of parts. */
function toEngineMessages(messages: z.infer<typeof addBody>['messages']): string | Message[] {
  if (typeof messages === 'string') return messages;
  return messages.map((message) => {
    const content = message.content;
    return {
      ...message,
      content: typeof content === 'string' || Array.isArray(content) ? content : [content],
    } as Message;
  });
}

/** `{ [key]: value }` when value is defined, else `{}` (options objects never carry explicit undefined). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
