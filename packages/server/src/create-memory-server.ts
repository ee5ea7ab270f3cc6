import { ConfigurationError } from '@memzero/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { findApiKey, parseApiKeys, type ResolvedApiKey, readPresentedKey, resolveApiKeys } from './api-keys.js';
import { EntityRegistry } from './entity-registry.js';
import { EventRegistry } from './event-registry.js';
import { errorResponse, send } from './http-error.js';
import { openApiDocument } from './openapi.js';
import type { MemoryServerOptions } from './options.js';
import { createRateLimiter, parseRateLimit, type RateLimiter } from './rate-limit.js';
import type { Caller, ServerEnv, ServerState } from './request-context.js';
import { mcpRoutes } from './routes/mcp.js';
import { memoryRoutes } from './routes/memories.js';
import { platformRoutes } from './routes/platform.js';
import { unsupportedRoutes } from './routes/unsupported.js';
import { memoryConfigFromEnvironment, TenantMemories } from './tenants.js';

/** A running service: the Hono app, its `fetch` handler, and shutdown. */
export interface MemoryServer {
  /** The Hono app (mount it in another Hono app, or add routes). */
  readonly app: Hono<ServerEnv>;
  /** The Web-standard handler: `export default { fetch: server.fetch }` on edge runtimes. */
  readonly fetch: (request: Request, env?: unknown, executionContext?: unknown) => Promise<Response>;
  /** Resolves once keys and the rate limiter are set up; rejects with a ConfigurationError (never naming a key). */
  readonly ready: Promise<void>;
  /** Refuses new writes (503) and waits until every write in flight, async adds included, has finished. */
  drain(): Promise<void>;
  /** Drains, then closes every organisation's stores. */
  close(): Promise<void>;
}

const defaultBodyLimit = 1_000_000;

/**
 * The memzero service: Mem0's platform REST API (so Mem0's `MemoryClient` works against it unchanged), MCP over
 * Streamable HTTP at `/mcp`, and the OpenAPI document at `/openapi.json`. Runs on Node (see `@memzero/server/node`)
 * and on any runtime with Web-standard `fetch` handlers.
 */
export function createMemoryServer(options: MemoryServerOptions = {}): MemoryServer {
  const environment: Record<string, string | undefined> = globalThis.process?.env ?? {};
  const memories = new TenantMemories(options.memory ?? memoryConfigFromEnvironment(environment));
  const registries = new Map<string, EntityRegistry>();
  const inFlight = new Set<Promise<unknown>>();
  let draining = false;
  let keys: ResolvedApiKey[] = [];
  let rateLimiter: RateLimiter | undefined;

  const ready = (async () => {
    keys = await resolveApiKeys(options.apiKeys ?? parseApiKeys(environment.MEMZERO_API_KEYS));
    if (keys.length === 0) {
      throw new ConfigurationError('no API keys: set MEMZERO_API_KEYS (comma-separated) or the apiKeys option');
    }
    const rateLimit = options.rateLimit ?? parseRateLimit(environment.MEMZERO_RATE_LIMIT);
    if (rateLimit) rateLimiter = await createRateLimiter(rateLimit, environment);
  })();
  ready.catch(() => {});

  const state: ServerState = {
    events: new EventRegistry(options.maxEvents ?? 10_000),
    caller(key): Caller {
      const memory = memories.for(key.organization);
      let entities = registries.get(key.organization);
      if (!entities) {
        entities = new EntityRegistry(memory);
        registries.set(key.organization, entities);
      }
      return { key, memory, entities };
    },
    track(work) {
      inFlight.add(work);
      const settle = () => inFlight.delete(work);
      work.then(settle, settle);
      return work;
    },
  };

  const app = new Hono<ServerEnv>({ strict: false });
  app.onError((error, context) => {
    const response = errorResponse(context, error);
    if (response.status === 500) options.onError?.(error);
    return response;
  });
  app.notFound((context) =>
    send(context, 404, 'route_not_found', `no route ${context.req.method} ${context.req.path}`),
  );
  if (options.log) {
    const log = options.log;
    app.use(async (context, next) => {
      const started = performance.now();
      await next();
      const keyId = context.get('caller')?.key.id;
      log({
        method: context.req.method,
        path: context.req.path,
        status: context.res.status,
        durationMs: Math.round(performance.now() - started),
        ...(keyId ? { keyId } : {}),
      });
    });
  }
  const corsOrigins =
    options.corsOrigins ?? environment.MEMZERO_CORS_ORIGINS?.split(',').map((origin) => origin.trim());
  if (corsOrigins && corsOrigins.length > 0) {
    app.use(
      cors({
        origin: corsOrigins.includes('*') ? '*' : [...corsOrigins],
        allowHeaders: ['Authorization', 'Content-Type', 'Mcp-Session-Id', 'Mcp-Protocol-Version'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        maxAge: 600,
      }),
    );
  }
  const maxSize = options.bodyLimitBytes ?? (Number(environment.MEMZERO_BODY_LIMIT) || defaultBodyLimit);
  app.use(
    bodyLimit({
      maxSize,
      onError: (context) => send(context, 413, 'payload_too_large', `the request body is larger than ${maxSize} bytes`),
    }),
  );
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (context, methods) =>
        context.json(
          {
            detail: `${context.req.method} is not allowed here; use ${methods.join(', ')}`,
            code: 'method_not_allowed',
          },
          405,
          {
            Allow: methods.join(', '),
          },
        ),
    }),
  );

  app.get('/openapi.json', (context) => context.json(openApiDocument()));

  app.use(async (context, next) => {
    await ready;
    const presented = readPresentedKey(context.req.header('Authorization'));
    const key = presented === undefined ? undefined : await findApiKey(keys, presented);
    if (!key) return send(context, 401, 'unauthorized', 'Invalid API key: send Authorization: Token <key>');
    context.set('caller', state.caller(key));
    if (rateLimiter) {
      const decision = await rateLimiter(key.id);
      if (!decision.allowed) {
        const seconds = Math.max(1, Math.ceil((decision.resetAt - Date.now()) / 1000));
        context.header('Retry-After', String(seconds));
        return send(context, 429, 'rate_limited', `rate limit exceeded for this API key; retry in ${seconds} s`);
      }
    }
    if (draining && context.req.method !== 'GET') {
      return send(context, 503, 'unavailable', 'the server is shutting down; retry on another instance');
    }
    await next();
  });

  unsupportedRoutes(app);
  memoryRoutes(app, state);
  platformRoutes(app, state);
  if (options.mcp !== false) mcpRoutes(app, state);

  const drain = async () => {
    draining = true;
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return {
    app,
    fetch: async (request, env, executionContext) => app.fetch(request, env as never, executionContext as never),
    ready,
    drain,
    async close() {
      await drain();
      await memories.close();
    },
  };
}
