import type { Hono } from 'hono';
import { send } from '../http-error.js';
import type { ServerEnv } from '../request-context.js';

/** Mem0 platform features with no self-hosted counterpart, and why. Answered with 501 `unsupported`. */
const unsupported: ReadonlyArray<[path: string, feature: string]> = [
  [
    '/api/v1/orgs/*',
    'organisations and projects are managed on the Mem0 platform; here keys and organisations come from the server config',
  ],
  ['/api/v1/webhooks/*', 'webhooks are a Mem0 platform feature'],
  ['/v1/exports/*', 'memory exports are a Mem0 platform feature; list memories with POST /v3/memories/'],
  ['/v2/profiles/*', 'user profiles are a Mem0 platform feature'],
  ['/v2/entities/:type/:name/profile', 'user profiles are a Mem0 platform feature'],
];

export function unsupportedRoutes(app: Hono<ServerEnv>): void {
  for (const [path, feature] of unsupported) {
    app.all(path, (context) =>
      send(context, 501, 'unsupported', `${feature}; memzero's self-hosted service does not offer it`),
    );
  }
}
