#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MemoryError } from '@memzero/core';
import type { MemoryServerOptions } from './options.js';
import { memoryConfigFromEnvironment, TenantMemories } from './tenants.js';

const usage = `memzero-server: the self-hosted memzero service (Mem0-compatible REST API and MCP)

  memzero-server [--port 8080] [--host 127.0.0.1] [--path DIR] [--config FILE]
  memzero-server --mcp-stdio [--organization NAME] [--app APP_ID] [--path DIR]

  --port          port to listen on (default 8080, PORT)
  --host          interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --path          directory where the embedded stores persist (default MEMZERO_PATH, else ./.memzero)
  --config        JSON file with server options: { apiKeys, memory, corsOrigins, bodyLimitBytes, rateLimit }
  --mcp-stdio     serve the MCP memory tools over stdin/stdout instead of HTTP
  --organization  with --mcp-stdio: whose memories (default MEMZERO_ORGANIZATION, else 'local')
  --app           with --mcp-stdio: restrict to one app_id

Environment: MEMZERO_API_KEYS (key, key@organization or key@organization/app, comma-separated), MEMZERO_PATH,
UPSTASH_VECTOR_REST_URL/TOKEN and UPSTASH_REDIS_REST_URL/TOKEN, OPENAI_API_KEY, MEMZERO_CORS_ORIGINS,
MEMZERO_BODY_LIMIT, MEMZERO_RATE_LIMIT (requests/seconds).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      path: { type: 'string' },
      config: { type: 'string' },
      'mcp-stdio': { type: 'boolean' },
      organization: { type: 'string' },
      app: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const fileOptions: MemoryServerOptions = values.config ? JSON.parse(await readFile(values.config, 'utf8')) : {};
  const environment = process.env;
  const baseMemory =
    typeof fileOptions.memory === 'object' ? fileOptions.memory : memoryConfigFromEnvironment(environment);
  const usesUpstash = baseMemory.vectorStore !== undefined;
  const path = values.path ?? baseMemory.path ?? (usesUpstash ? undefined : '.memzero');
  const memory = { ...baseMemory, ...(path ? { path } : {}) };

  if (values['mcp-stdio']) {
    // Only what stdio needs is loaded: an assistant starts this process on every session.
    const [{ EntityRegistry }, { serveMcpStdio }] = await Promise.all([
      import('./entity-registry.js'),
      import('./stdio.js'),
    ]);
    const memories = new TenantMemories(memory);
    const organization = memories.for(values.organization ?? environment.MEMZERO_ORGANIZATION ?? 'local');
    const entities = new EntityRegistry(organization);
    await serveMcpStdio(organization, {
      ...(values.app ? { appId: values.app } : {}),
      onWrite: (scope) => entities.remember(scope),
    });
    await memories.close();
    return;
  }
  const port = Number(values.port ?? environment.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be a port number');
  const { startMemoryServer } = await import('./node.js');
  const server = await startMemoryServer({
    ...fileOptions,
    memory,
    port,
    host: values.host ?? '127.0.0.1',
    handleSignals: true,
  });
  process.stderr.write(`memzero-server listening on ${server.url} (storage: ${path ?? 'Upstash'})\n`);
}

main().catch((error: unknown) => {
  const message = MemoryError.isInstance(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`memzero-server: ${message}\n`);
  process.exit(1);
});
