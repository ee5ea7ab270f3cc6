/** Status of an async add, as Mem0 reports it. */
export type EventStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** An async add and its outcome, in Mem0's shape (`GET /v1/event/{id}/`). */
export interface StoredEvent {
  id: string;
  /** Only the organisation (and app) that queued an event can read it. */
  owner: string;
  event_type: 'ADD';
  status: EventStatus;
  results: unknown[];
  /** A typed error body when FAILED. */
  error?: { detail: string; code: string };
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  /** Milliseconds from start to completion. */
  latency: number | null;
}

/**
 * Async adds of this server instance, by id. Finished events beyond `maxEvents` are forgotten oldest first; queued
 * and running ones are always kept. Events live in the instance that accepted the write (poll the same instance).
 */
export class EventRegistry {
  private readonly events = new Map<string, StoredEvent>();
  constructor(private readonly maxEvents: number) {}

  create(owner: string): StoredEvent {
    const now = new Date().toISOString();
    const event: StoredEvent = {
      id: crypto.randomUUID(),
      owner,
      event_type: 'ADD',
      status: 'PENDING',
      results: [],
      created_at: now,
      updated_at: now,
      started_at: null,
      completed_at: null,
      latency: null,
    };
    this.events.set(event.id, event);
    this.evict();
    return event;
  }

  /** Runs the queued work, recording RUNNING, then SUCCEEDED with its results or FAILED with a typed error. */
  async run(
    event: StoredEvent,
    work: () => Promise<unknown[]>,
    describe: (error: unknown) => { detail: string; code: string },
  ): Promise<void> {
    const started = Date.now();
    event.status = 'RUNNING';
    event.started_at = event.updated_at = new Date(started).toISOString();
    try {
      event.results = await work();
      event.status = 'SUCCEEDED';
    } catch (error) {
      event.status = 'FAILED';
      event.error = describe(error);
    }
    event.completed_at = event.updated_at = new Date().toISOString();
    event.latency = Date.now() - started;
  }

  get(id: string, owner: string): StoredEvent | undefined {
    const event = this.events.get(id);
    return event?.owner === owner ? event : undefined;
  }

  private evict(): void {
    if (this.events.size <= this.maxEvents) return;
    for (const [id, event] of this.events) {
      if (this.events.size <= this.maxEvents) break;
      if (event.status === 'SUCCEEDED' || event.status === 'FAILED') this.events.delete(id);
    }
  }
}
