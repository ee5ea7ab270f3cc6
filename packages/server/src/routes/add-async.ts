import type { AddResult } from '@memzero/core';
import { describeError } from '../http-error.js';
import { toEventJson } from '../mem0-shapes.js';
import type { ServerContext, ServerState } from '../request-context.js';

/**
 * Mem0's default add: queue the write, answer at once with an event id, and run it in the background. The event's
 * status (`GET /v1/event/{id}/`) goes PENDING → RUNNING → SUCCEEDED with the add's events, or FAILED with a typed
 * error. On edge runtimes the work is handed to `waitUntil`; graceful shutdown waits for it on Node.
 */
export function queueAdd(context: ServerContext, state: ServerState, write: () => Promise<AddResult>): Response {
  const caller = context.get('caller');
  const event = state.events.create(eventOwner(caller.key));
  const work = state.track(
    state.events.run(event, async () => (await write()).results.map(toEventJson), describeError),
  );
  try {
    context.executionCtx.waitUntil(work);
  } catch {
    // Not an edge runtime: the process keeps running the promise.
  }
  return context.json({
    message: 'Memory processing has been queued for background execution',
    status: 'PENDING',
    event_id: event.id,
  });
}

/** Events are readable by keys of the same organisation and app only. */
export function eventOwner(key: { organization: string; appId?: string }): string {
  return `${key.organization}/${key.appId ?? ''}`;
}
