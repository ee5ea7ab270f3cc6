import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Hono } from 'hono';
import { createMemoryMcpServer } from '../mcp-tools.js';
import { readJson, type ServerEnv, type ServerState } from '../request-context.js';

/**
 * MCP over Streamable HTTP at `/mcp`, stateless (a server per request, JSON responses), so it runs on any number
 * of instances and on edge runtimes. The API key decides the organisation and app the tools reach.
 */
export function mcpRoutes(app: Hono<ServerEnv>, state: ServerState): void {
  app.all('/mcp', async (context) => {
    const caller = context.get('caller');
    const server = createMemoryMcpServer({
      memory: caller.memory,
      ...(caller.key.appId ? { appId: caller.key.appId } : {}),
      onWrite: (scope) => caller.entities.remember(scope),
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    const parsedBody = context.req.method === 'POST' ? await readJson(context) : undefined;
    try {
      return await state.track(transport.handleRequest(context.req.raw, { parsedBody }));
    } finally {
      void server.close();
    }
  });
}
