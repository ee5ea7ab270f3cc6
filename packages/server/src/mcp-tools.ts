import { type Memory, MemoryError, NotFoundError, type Scope } from '@memzero/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { describeError } from './http-error.js';
import { toEventJson, toMemoryJson } from './mem0-shapes.js';
import { restrictScope } from './request-scope.js';

/** What the MCP tools may reach: one organisation's engine, narrowed to an app when the key is restricted. */
export interface McpToolScope {
  memory: Memory;
  /** Every call is narrowed to this app (the key's restriction). */
  appId?: string;
  /** Called before a write, with the scope written (keeps the entities index current). */
  onWrite?: (scope: Scope) => Promise<void>;
}

const scopeShape = {
  user_id: z.string().min(1).max(256).optional().describe('The end user the memories are about'),
  agent_id: z.string().min(1).max(256).optional().describe('The agent that owns the memories'),
  run_id: z.string().min(1).max(256).optional().describe('One run or conversation'),
};

/**
 * An MCP server with memory tools (`add_memory`, `search_memories`, `list_memories`, `delete_memory`) over one
 * organisation's memories. Tool errors are returned as `isError` results with the typed error body, never thrown.
 */
export function createMemoryMcpServer(scope: McpToolScope): McpServer {
  const server = new McpServer({ name: 'memzero', version: '0.1.0' });
  const toScope = (input: {
    user_id?: string | undefined;
    agent_id?: string | undefined;
    run_id?: string | undefined;
  }) =>
    restrictScope(
      {
        ...(input.user_id ? { userId: input.user_id } : {}),
        ...(input.agent_id ? { agentId: input.agent_id } : {}),
        ...(input.run_id ? { runId: input.run_id } : {}),
      },
      scope,
    );

  server.registerTool(
    'add_memory',
    {
      description:
        'Remember something about a user or agent. Facts are extracted, deduplicated and conflicts resolved (a new ' +
        'fact replaces the one it contradicts). Pass user_id, agent_id or run_id.',
      inputSchema: {
        text: z.string().min(1).max(32_000).describe('What to remember, e.g. what the user just said'),
        ...scopeShape,
        metadata: z.record(z.string(), z.unknown()).optional(),
        infer: z.boolean().optional().describe('false stores the text verbatim, without extraction'),
      },
    },
    (input) =>
      run(async () => {
        const target = toScope(input);
        await scope.onWrite?.(target);
        const result = await scope.memory.add(input.text, {
          ...target,
          ...(input.metadata ? { metadata: input.metadata } : {}),
          ...(input.infer === undefined ? {} : { infer: input.infer }),
        });
        return { results: result.results.map(toEventJson) };
      }),
  );

  server.registerTool(
    'search_memories',
    {
      description: 'Find the memories most relevant to a query, best first, within user_id / agent_id / run_id.',
      inputSchema: {
        query: z.string().min(1).max(8_000),
        ...scopeShape,
        limit: z.number().int().min(1).max(100).optional(),
        filters: z.record(z.string(), z.unknown()).optional().describe("Mem0 filter DSL, e.g. { category: 'food' }"),
      },
    },
    (input) =>
      run(async () => {
        const result = await scope.memory.search(input.query, {
          ...toScope(input),
          ...(input.limit ? { limit: input.limit } : {}),
          ...(input.filters ? { filters: input.filters } : {}),
        });
        return { results: result.results.map(toMemoryJson) };
      }),
  );

  server.registerTool(
    'list_memories',
    {
      description: 'List the memories of a user, agent or run, oldest first, a page at a time.',
      inputSchema: {
        ...scopeShape,
        limit: z.number().int().min(1).max(1_000).optional(),
        cursor: z.string().optional().describe('next_cursor of the previous page'),
      },
    },
    (input) =>
      run(async () => {
        const page = await scope.memory.getAll({
          ...toScope(input),
          limit: input.limit ?? 100,
          ...(input.cursor ? { cursor: input.cursor } : {}),
        });
        return { results: page.results.map(toMemoryJson), next_cursor: page.nextCursor ?? null };
      }),
  );

  server.registerTool(
    'delete_memory',
    {
      description: 'Delete one memory by id (from search_memories or list_memories).',
      inputSchema: { memory_id: z.string().min(1).max(256) },
    },
    (input) =>
      run(async () => {
        const within = scope.appId ? { appId: scope.appId } : undefined;
        const record = await scope.memory.get(input.memory_id, within);
        if (!record) throw new NotFoundError(input.memory_id);
        await scope.memory.delete(input.memory_id, within);
        return { deleted: [input.memory_id] };
      }),
  );
  return server;
}

async function run(task: () => Promise<Record<string, unknown>>) {
  try {
    const result = await task();
    return { content: [{ type: 'text' as const, text: JSON.stringify(result) }], structuredContent: result };
  } catch (error) {
    if (!MemoryError.isInstance(error) && !(error instanceof Error && error.name === 'HttpError')) throw error;
    const { status: _status, ...body } = describeError(error);
    return { content: [{ type: 'text' as const, text: JSON.stringify(body) }], isError: true };
  }
}
