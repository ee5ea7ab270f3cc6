import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A JSON reply: status, body and extra headers. */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A loopback HTTP server and how to stop it. */
export interface LoopbackServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `handle` on 127.0.0.1 (a free port unless given). The handler receives the raw body; thrown errors become
 * 500 `{ error }` so a bug in an emulator surfaces as a failed request, not a hung test.
 */
export async function serveJson(
  handle: (request: IncomingMessage, body: string) => Promise<JsonReply> | JsonReply,
  port = 0,
): Promise<LoopbackServer> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve()
        .then(() => handle(request, Buffer.concat(chunks).toString('utf8')))
        .then(
          (reply) => send(response, reply),
          (error: unknown) => send(response, { status: 500, body: { error: `emulator failure: ${String(error)}` } }),
        );
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, reply: JsonReply): void {
  const payload = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  response.end(payload);
}

/** The bearer token of a request (`Authorization: Bearer x` or `?_token=x`). */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const url = new URL(request.url ?? '/', 'http://localhost');
  return url.searchParams.get('_token') ?? undefined;
}

/** Waits `ms` milliseconds (0 resolves on the next tick). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
