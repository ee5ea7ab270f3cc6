import type { Memory, Scope } from '@memzero/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMemoryMcpServer } from './mcp-tools.js';

/**
 * Serves the MCP memory tools over stdio (for local assistants that start the server themselves). The process's
 * stdout carries the protocol; nothing else may write to it. Resolves when the client disconnects.
 */
export async function serveMcpStdio(
  memory: Memory,
  options: { appId?: string; onWrite?: (scope: Scope) => Promise<void> } = {},
): Promise<void> {
  const server = createMemoryMcpServer({ memory, ...options });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  process.stdin.once('end', () => void server.close());
  await closed;
}
