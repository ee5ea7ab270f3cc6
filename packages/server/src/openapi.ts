import { z } from 'zod';
import {
  addBody,
  batchDeleteBody,
  batchUpdateBody,
  feedbackBody,
  listBody,
  searchBody,
  updateBody,
} from './schemas.js';

type Operation = [method: string, path: string, summary: string, body?: z.ZodType];

const operations: Operation[] = [
  ['get', '/v1/ping/', 'Checks the API key; answers the organisation and app it reaches'],
  [
    'post',
    '/v3/memories/add/',
    'Adds memories (async by default: an event id; `async_mode: false` for the events)',
    addBody,
  ],
  ['get', '/v1/event/{event_id}/', 'Status of an async add: PENDING, RUNNING, SUCCEEDED (with results) or FAILED'],
  ['post', '/v3/memories/search/', 'Searches memories of a scope (filters: Mem0 v2 DSL)', searchBody],
  ['post', '/v3/memories/', 'Lists memories of a scope (page/page_size, or cursor/limit)', listBody],
  ['get', '/v1/memories/{memory_id}/', 'One memory'],
  ['put', '/v1/memories/{memory_id}/', 'Updates text, metadata or expiration', updateBody],
  ['delete', '/v1/memories/{memory_id}/', 'Deletes one memory'],
  ['delete', '/v1/memories/', 'Deletes every memory of a scope (user_id, agent_id, app_id, run_id query parameters)'],
  ['get', '/v1/memories/{memory_id}/history/', 'Every change of a memory, oldest first'],
  ['put', '/v1/batch/', 'Updates up to 1000 memories (all ids checked first)', batchUpdateBody],
  ['delete', '/v1/batch/', 'Deletes up to 1000 memories (all ids checked first)', batchDeleteBody],
  ['get', '/v1/entities/', 'Users, agents, apps and runs with memories'],
  ['delete', '/v2/entities/{entity_type}/{entity_id}/', 'Deletes every memory of an entity'],
  ['post', '/v1/feedback/', 'Stores feedback on a memory', feedbackBody],
  ['post', '/mcp', 'MCP over Streamable HTTP (tools add_memory, search_memories, list_memories, delete_memory)'],
];

const errorSchema = {
  type: 'object',
  required: ['detail', 'code'],
  properties: {
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable error code, e.g. unauthorized, validation, not_found, unsupported' },
    path: { type: 'string', description: 'The field at fault' },
    retryable: { type: 'boolean' },
  },
};

/** The OpenAPI 3.1 document served at `/openapi.json`, with request schemas generated from the server's zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, summary, body] of operations) {
    paths[path] ??= {};
    paths[path][method] = {
      summary,
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) },
              },
            },
          }
        : {}),
      responses: {
        '200': { description: 'Success' },
        default: {
          description: 'Typed error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'memzero server',
      version: '0.1.0',
      description: "Self-hosted memory service compatible with Mem0's platform API and MemoryClient.",
    },
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <key> (or Bearer <key>)' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
