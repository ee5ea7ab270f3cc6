import type { Memory } from '@memzero/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ResolvedApiKey } from './api-keys.js';
import type { EntityRegistry } from './entity-registry.js';
import type { EventRegistry } from './event-registry.js';
import { HttpError } from './http-error.js';

/** Who is calling: the matched key and its organisation's engine. */
export interface Caller {
  key: ResolvedApiKey;
  memory: Memory;
  entities: EntityRegistry;
}

/** What every route can reach. */
export interface ServerState {
  caller(organization: ResolvedApiKey): Caller;
  events: EventRegistry;
  /** Tracks a write so graceful shutdown waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface ServerEnv {
  Variables: { caller: Caller };
}

export type ServerContext = Context<ServerEnv>;

/**
 * The JSON body, or a typed 400 (`invalid_json`) for a body that is not JSON. An empty body is a 400 too, or
 * `undefined` with `optional`.
 */
export async function readJson(context: ServerContext, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await context.req.text();
  if (text.trim().length === 0) {
    if (options.optional) return undefined;
    throw new HttpError(400, 'invalid_json', 'the request body must be a JSON object');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'the request body is not valid JSON');
  }
}

/** Validates input with a zod schema; the first issue becomes a typed 400 naming the field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.') || 'body';
  throw new HttpError(400, 'validation', `${path}: ${issue.message}`, path);
}

/** Reads and validates a JSON body. */
export async function readBody<T extends z.ZodType>(context: ServerContext, schema: T): Promise<z.infer<T>> {
  return parseWith(schema, await readJson(context));
}
