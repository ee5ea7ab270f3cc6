import type { Scope } from '@memzero/core';
import type { Hono } from 'hono';
import { type EntityType, entityFields } from '../entity-registry.js';
import { send } from '../http-error.js';
import { type Caller, parseWith, readBody, type ServerEnv, type ServerState } from '../request-context.js';
import { restrictScope } from '../request-scope.js';
import { batchDeleteBody, batchUpdateBody, entityType, feedbackBody, pageQuery } from '../schemas.js';
import { eventOwner } from './add-async.js';
import { getRecord, keyScope, listAll } from './memories.js';

/** Feedback is kept in the organisation's message log under this session id. */
export const feedbackSessionId = 'memzero-server:feedback';

/** Ping, async-add events, batch update/delete, entities, feedback. */
export function platformRoutes(app: Hono<ServerEnv>, state: ServerState): void {
  app.get('/v1/ping', (context) => {
    const { key } = context.get('caller');
    return context.json({ status: 'ok', org_id: key.organization, project_id: key.appId ?? null, user_email: null });
  });

  app.get('/v1/event/:id', (context) => {
    const event = state.events.get(context.req.param('id'), eventOwner(context.get('caller').key));
    if (!event)
      return send(context, 404, 'not_found', 'no event with this id (events live in the instance that queued them)');
    const { owner: _owner, ...body } = event;
    return context.json(body);
  });

  /** Checks every id first (an unknown id changes nothing), then applies the items one by one. */
  const applyBatch = async <T extends { memory_id: string }>(
    caller: Caller,
    items: T[],
    apply: (item: T) => Promise<unknown>,
  ): Promise<void> => {
    await Promise.all(items.map((item) => getRecord(caller, item.memory_id)));
    await state.track(
      (async () => {
        for (const item of items) await apply(item);
      })(),
    );
  };
  app.put('/v1/batch', async (context) => {
    const { memories } = await readBody(context, batchUpdateBody);
    const caller = context.get('caller');
    await applyBatch(caller, memories, (item) => caller.memory.update(item.memory_id, item.text, keyScope(caller)));
    return context.json({ message: `Successfully updated ${memories.length} memories` });
  });
  app.delete('/v1/batch', async (context) => {
    const { memories } = await readBody(context, batchDeleteBody);
    const caller = context.get('caller');
    await applyBatch(caller, memories, (item) => caller.memory.delete(item.memory_id, keyScope(caller)));
    return context.json({ message: `Successfully deleted ${memories.length} memories` });
  });

  app.get('/v1/entities', async (context) => {
    const query = parseWith(pageQuery, context.req.query());
    const caller = context.get('caller');
    const entities = [];
    for (const entry of await caller.entities.list(caller.key.appId)) {
      const scope = restrictScope({ [entityFields[entry.type]]: entry.name }, caller.key);
      const total = (await listAll(caller, scope)).length;
      if (total === 0) continue;
      entities.push({
        id: entry.name,
        name: entry.name,
        type: entry.type,
        total_memories: total,
        owner: caller.key.organization,
      });
    }
    const pageSize = query.page_size ?? 100;
    const page = query.page ?? 1;
    return context.json({
      count: entities.length,
      next: page * pageSize < entities.length ? page + 1 : null,
      previous: page > 1 ? page - 1 : null,
      results: entities.slice((page - 1) * pageSize, page * pageSize),
    });
  });

  const deleteEntity = async (caller: Caller, type: string, name: string) => {
    const kind = parseWith(entityType, type) as EntityType;
    const scope = restrictScope({ [entityFields[kind]]: name } as Scope, caller.key);
    const result = await state.track(caller.memory.deleteAll(scope));
    await caller.entities.forget(kind, name, caller.key.appId);
    return result.deleted.length;
  };
  app.delete('/v2/entities/:type/:name', async (context) => {
    const deleted = await deleteEntity(context.get('caller'), context.req.param('type'), context.req.param('name'));
    return context.json({ message: 'Entity deleted successfully.', deleted });
  });
  app.delete('/v1/entities/:type/:name', async (context) => {
    const deleted = await deleteEntity(context.get('caller'), context.req.param('type'), context.req.param('name'));
    return context.json({ message: 'Entity deleted successfully.', deleted });
  });

  app.post('/v1/feedback', async (context) => {
    const body = await readBody(context, feedbackBody);
    const caller = context.get('caller');
    const record = await getRecord(caller, body.memory_id);
    const entry = {
      id: crypto.randomUUID(),
      memory_id: record.id,
      feedback: body.feedback ?? null,
      feedback_reason: body.feedback_reason ?? null,
    };
    await state.track(
      caller.memory.messages.append(feedbackSessionId, [
        { role: 'system', content: entry.feedback ?? '', data: { ...entry, key_id: caller.key.id } },
      ]),
    );
    return context.json(entry);
  });
}
