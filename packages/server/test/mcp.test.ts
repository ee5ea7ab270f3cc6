import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Memory } from '@memzero/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, bobKey, startTestServer, supportKey } from './start.js';

type ToolJson = { results?: { id?: string; memory: string; app_id?: string }[]; deleted?: string[] };

function structured(result: Awaited<ReturnType<Client['callTool']>>): ToolJson {
  expect(result.isError).toBeFalsy();
  return result.structuredContent as ToolJson;
}

async function connectHttp(server: RunningMemoryServer, key: string): Promise<Client> {
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

/** add, search, list, delete through an MCP client; the same checks over HTTP and stdio. */
async function exerciseTools(client: Client, userId: string): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual([
    'add_memory',
    'delete_memory',
    'list_memories',
    'search_memories',
  ]);
  const added = structured(
    await client.callTool({ name: 'add_memory', arguments: { text: 'I love green tea.', user_id: userId } }),
  );
  expect(added.results?.[0]?.memory).toMatch(/green tea/i);
  const found = structured(
    await client.callTool({ name: 'search_memories', arguments: { query: 'tea', user_id: userId } }),
  );
  expect(found.results?.[0]?.memory).toMatch(/green tea/i);
  const listed = structured(await client.callTool({ name: 'list_memories', arguments: { user_id: userId } }));
  expect(listed.results).toHaveLength(1);
  const id = listed.results![0]!.id!;
  expect(structured(await client.callTool({ name: 'delete_memory', arguments: { memory_id: id } })).deleted).toEqual([
    id,
  ]);
  const again = await client.callTool({ name: 'delete_memory', arguments: { memory_id: id } });
  expect(again.isError).toBe(true);
  expect(JSON.stringify(again.content)).toContain('not_found');
  const missingScope = await client.callTool({ name: 'search_memories', arguments: { query: 'tea' } });
  expect(missingScope.isError).toBe(true);
  expect(JSON.stringify(missingScope.content)).toContain('missing_scope');
}

describe('MCP over Streamable HTTP', () => {
  let server: RunningMemoryServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('lists and calls the memory tools with the SDK client', async () => {
    const client = await connectHttp(server, aliceKey);
    await exerciseTools(client, 'mcp-user');
    await client.close();
  });

  it('scopes tools by the API key: another organisation sees nothing, an app key writes into its app', async () => {
    const alice = await connectHttp(server, aliceKey);
    structured(
      await alice.callTool({
        name: 'add_memory',
        arguments: { text: 'I live in Oslo.', user_id: 'kim', infer: false },
      }),
    );
    const bob = await connectHttp(server, bobKey);
    expect(structured(await bob.callTool({ name: 'list_memories', arguments: { user_id: 'kim' } })).results).toEqual(
      [],
    );
    const support = await connectHttp(server, supportKey);
    expect(
      structured(await support.callTool({ name: 'list_memories', arguments: { user_id: 'kim' } })).results,
    ).toEqual([]);
    const written = structured(
      await support.callTool({
        name: 'add_memory',
        arguments: { text: 'prefers email', user_id: 'kim', infer: false },
      }),
    );
    expect(written.results?.[0]?.id).toBeDefined();
    const all = structured(await alice.callTool({ name: 'list_memories', arguments: { user_id: 'kim' } }));
    expect(all.results?.map((record) => record.app_id ?? null).sort()).toEqual([null, 'support'].sort());
    await Promise.all([alice.close(), bob.close(), support.close()]);
  });

  it('refuses MCP without a valid key', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await expect(
      client.connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
          requestInit: { headers: { Authorization: 'Bearer wrong-key-0' } },
        }),
      ),
    ).rejects.toThrow(/401|unauthorized/i);
  });
});

describe('MCP over stdio (memzero-server --mcp-stdio)', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'memzero-mcp-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('lists and calls the tools through the built bin, persisting under --path', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, '--mcp-stdio', '--path', directory, '--organization', 'desk'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    await exerciseTools(client, 'stdio-user');
    structured(
      await client.callTool({
        name: 'add_memory',
        arguments: { text: 'kept across restarts', user_id: 'stdio-user', infer: false },
      }),
    );
    await client.close();

    // The bin persisted into the organisation's directory under --path.
    const memory = new Memory({ path: join(directory, 'desk') });
    const listed = await memory.getAll({ userId: 'stdio-user' });
    expect(listed.results.map((record) => record.memory)).toEqual(['kept across restarts']);
    await memory.close();
  });
});
