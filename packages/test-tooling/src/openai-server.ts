import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted HTTP answer. */
export interface ScriptedResponse {
  /** @default 200 */
  status?: number;
  /** JSON body (serialised) or raw text (sent as is, for malformed bodies). */
  body: unknown;
  headers?: Record<string, string>;
}

/** A scripted chat answer, or a function computing it from the request (e.g. to answer with an alias it shows). */
export type ScriptedChatResponse = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

/** A request the server received, parsed. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query parameters, e.g. Azure's `api-version`. */
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`undefined` when there was none or it was not JSON). */
  body: unknown;
}

export interface OpenAIServerOptions {
  /** When set, requests must carry it (`Authorization: Bearer` or Azure's `api-key`), else 401. @default none */
  apiKey?: string;
  /** Length of the deterministic embeddings when the request names no `dimensions`. @default 16 */
  embeddingDimension?: number;
}

export interface OpenAIServer {
  /** Base URL for the `openai` SDK: `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  /** `http://127.0.0.1:<port>` (for Azure's `endpoint`). */
  readonly origin: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for `POST .../chat/completions`, consumed in order. */
  enqueueChat(...responses: ScriptedChatResponse[]): void;
  /** Queues answers for `POST .../embeddings`; when empty, deterministic vectors are returned. */
  enqueueEmbeddings(...responses: ScriptedResponse[]): void;
  /** Requests received on the chat endpoint. */
  chatRequests(): RecordedRequest[];
  /** Requests received on the embeddings endpoint. */
  embeddingRequests(): RecordedRequest[];
  /** Scripted chat answers not consumed yet. */
  pendingChat(): number;
  /** Clears the log and both queues. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Deterministic bag-of-words vector: every word adds 1 to a bucket chosen by its hash, then the vector is
 * L2-normalised. Texts sharing words get similar vectors, which is enough for retrieval tests.
 */
export function deterministicEmbedding(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    let hash = 2166136261;
    for (let index = 0; index < word.length; index++) {
      hash ^= word.charCodeAt(index);
      hash = Math.imul(hash, 16777619);
    }
    const bucket = (hash >>> 0) % dimension;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

/** Rough token count (characters / 4), used for the `usage` the server reports when a script gives none. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Starts a real HTTP server on 127.0.0.1 (random port) speaking the OpenAI chat-completions and embeddings API,
 * answering chat requests from a script. Every request is logged for assertions. An exhausted chat queue answers
 * 500 with `x-should-retry: false`, so a test that makes an unexpected call fails loudly instead of hanging.
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  const chatQueue: ScriptedChatResponse[] = [];
  const embeddingQueue: ScriptedResponse[] = [];
  const defaultDimension = options.embeddingDimension ?? 16;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: { error: { message: `openai-server: ${String(error)}` } } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body,
    };
    requests.push(recorded);

    if (options.apiKey !== undefined && !isAuthorized(request, options.apiKey)) {
      send(response, {
        status: 401,
        body: {
          error: {
            // Real servers echo part of the key; echo all of it so tests prove it never reaches our messages.
            message: `Incorrect API key provided: ${bearer(request) ?? ''}. Prompt was: ${raw.slice(0, 200)}`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
      });
      return;
    }
    if (request.method === 'POST' && url.pathname.endsWith('/chat/completions')) {
      const next = chatQueue.shift();
      const scripted = typeof next === 'function' ? next(recorded) : next;
      send(
        response,
        (scripted && withUsage(scripted, body)) ?? {
          status: 500,
          headers: { 'x-should-retry': 'false' },
          body: { error: { message: 'openai-server: no scripted chat response left', type: 'server_error' } },
        },
      );
      return;
    }
    if (request.method === 'POST' && url.pathname.endsWith('/embeddings')) {
      const scripted = embeddingQueue.shift();
      send(response, scripted ?? { body: embeddingBody(body, defaultDimension) });
      return;
    }
    send(response, { status: 404, body: { error: { message: `openai-server: no route ${url.pathname}` } } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const onPath = (suffix: string) => () =>
    requests.filter((entry) => entry.method === 'POST' && entry.path.endsWith(suffix));

  return {
    baseURL: `${origin}/v1`,
    origin,
    requests,
    enqueueChat: (...responses) => chatQueue.push(...responses),
    enqueueEmbeddings: (...responses) => embeddingQueue.push(...responses),
    chatRequests: onPath('/chat/completions'),
    embeddingRequests: onPath('/embeddings'),
    pendingChat: () => chatQueue.length,
    reset: () => {
      requests.length = 0;
      chatQueue.length = 0;
      embeddingQueue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Fills in `usage` of a successful completion that has none: characters / 4 of the request and the answer. */
function withUsage(scripted: ScriptedResponse, request: unknown): ScriptedResponse {
  const body = scripted.body as {
    object?: string;
    usage?: unknown;
    choices?: Array<{ message?: { content?: unknown } }>;
  };
  if (typeof body !== 'object' || body === null || body.object !== 'chat.completion' || body.usage !== undefined) {
    return scripted;
  }
  const messages = (request as { messages?: Array<{ content?: unknown }> } | undefined)?.messages ?? [];
  const promptTokens = messages.reduce((sum, message) => sum + approximateTokens(String(message.content ?? '')), 0);
  const content = body.choices?.[0]?.message?.content;
  const completionTokens = approximateTokens(typeof content === 'string' ? content : '');
  return {
    ...scripted,
    body: {
      ...body,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    },
  };
}

function embeddingBody(body: unknown, defaultDimension: number): unknown {
  const request = (body ?? {}) as { input?: unknown; dimensions?: number; encoding_format?: string; model?: string };
  const inputs = Array.isArray(request.input) ? request.input.map(String) : [String(request.input ?? '')];
  const dimension = request.dimensions ?? defaultDimension;
  const data = inputs.map((text, index) => {
    const vector = deterministicEmbedding(text, dimension);
    const embedding =
      request.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  // Answer out of order, as the API may: clients must sort by `index`.
  data.reverse();
  const tokens = inputs.reduce((sum, text) => sum + approximateTokens(text), 0);
  return {
    object: 'list',
    model: request.model ?? 'test-embedding',
    data,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function send(response: ServerResponse, scripted: ScriptedResponse): void {
  const text = typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body);
  response.writeHead(scripted.status ?? 200, {
    'content-type': 'application/json',
    'x-request-id': `req_${Date.now().toString(36)}`,
    ...scripted.headers,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const azure = request.headers['api-key'];
  return typeof azure === 'string' ? azure : undefined;
}

function isAuthorized(request: IncomingMessage, apiKey: string): boolean {
  return bearer(request) === apiKey;
}
