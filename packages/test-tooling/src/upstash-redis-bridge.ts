import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, delay, type JsonReply, type LoopbackServer, serveJson } from './http-server.js';
import { RespConnection, RespError, type RespReply } from './resp-client.js';

export interface UpstashRedisBridgeOptions {
  /** Port of the redis-server to forward to (on 127.0.0.1). */
  redisPort: number;
  /** The REST token clients must present. @default a random UUID */
  token?: string;
  /** Port to listen on. @default a free port */
  port?: number;
  /** Latency added to every HTTP request, to make round trips visible in benchmarks. @default 0 */
  latencyMs?: number;
}

/** What the bridge has served since the last {@link UpstashRedisBridge.resetStats}. */
export interface UpstashRedisBridgeStats {
  /** HTTP requests per endpoint (`/`, `/pipeline`, `/multi-exec`, `path`). */
  requests: Record<string, number>;
  /** Redis commands executed (each command of a pipeline counts, as Upstash bills it). */
  commands: number;
  /** Commands by lower-cased name. */
  commandsByName: Record<string, number>;
}

/** A running Upstash Redis REST bridge. */
export interface UpstashRedisBridge {
  url: string;
  token: string;
  stats(): UpstashRedisBridgeStats;
  resetStats(): void;
  setLatency(ms: number): void;
  /** The next `count` requests fail with `status` (e.g. 429, 503) before touching Redis. */
  failNextRequests(count: number, status?: number): void;
  close(): Promise<void>;
}

/** Commands the REST API refuses: blocking reads and connection state make no sense over stateless HTTP. */
const refused = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
  'select',
  'client',
  'monitor',
  'quit',
  'auth',
  'hello',
  'reset',
  'shutdown',
  'sync',
  'psync',
  'replicaof',
  'slaveof',
  'wait',
]);

type Command = string[];

/**
 * An HTTP server speaking the Upstash Redis REST protocol (single command `POST /`, path commands, `/pipeline`,
 * `/multi-exec`, `Upstash-Encoding: base64`, bearer auth, `upstash-sync-token`) in front of a real redis-server.
 * Scripts with Upstash's `#!lua flags=allow-key-locking` shebang are rewritten for Redis 7.0, with the client's
 * SHA-1 mapped to the server's.
 */
export async function startUpstashRedisBridge(options: UpstashRedisBridgeOptions): Promise<UpstashRedisBridge> {
  const token = options.token ?? randomUUID();
  let latencyMs = options.latencyMs ?? 0;
  let failures = { count: 0, status: 503 };
  let stats = emptyStats();
  const shaMap = new Map<string, string>();
  const idle: RespConnection[] = [];

  const acquire = async (): Promise<RespConnection> => {
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      if (!connection.closed) return connection;
    }
    return RespConnection.open(options.redisPort);
  };
  const release = (connection: RespConnection): void => {
    if (!connection.closed && idle.length < 16) idle.push(connection);
    else connection.close();
  };

  const run = async (connection: RespConnection, command: Command): Promise<RespReply> => {
    const name = (command[0] ?? '').toLowerCase();
    stats.commands++;
    stats.commandsByName[name] = (stats.commandsByName[name] ?? 0) + 1;
    if (refused.has(name) || (name.startsWith('xread') && command.some((arg) => arg.toLowerCase() === 'block'))) {
      return new RespError(
        `ERR Command is not available: '${name}'. See https://upstash.com/docs/redis/overall/rediscompatibility for more details`,
      );
    }
    const reply = await connection.send(rewriteScripts(command, shaMap));
    const isScriptLoad = name === 'script' && (command[1] ?? '').toLowerCase() === 'load' && command[2] !== undefined;
    // In MULTI the reply is QUEUED; EXEC then carries the server's SHA, which equals the client's unless rewritten.
    return isScriptLoad && typeof reply === 'string' && reply !== 'QUEUED' ? sha1(command[2]!) : reply;
  };

  const handle = async (request: IncomingMessage, raw: string): Promise<JsonReply> => {
    if (latencyMs > 0) await delay(latencyMs);
    const method = request.method ?? 'GET';
    if (!['HEAD', 'GET', 'POST', 'PUT'].includes(method)) return { status: 405, body: { error: 'Method not allowed' } };
    if (bearerToken(request) !== token) return { status: 401, body: { error: 'Unauthorized' } };
    const url = new URL(request.url ?? '/', 'http://localhost');
    const endpoint =
      url.pathname === '/' || url.pathname === '/pipeline' || url.pathname === '/multi-exec' ? url.pathname : 'path';
    stats.requests[endpoint] = (stats.requests[endpoint] ?? 0) + 1;
    if (failures.count > 0) {
      failures.count--;
      return { status: failures.status, body: { error: `injected failure (HTTP ${failures.status})` } };
    }
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const headers = { 'upstash-sync-token': String(Date.now()) };
    let parsed: unknown;
    try {
      parsed = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      return { status: 400, body: { error: 'ERR failed to parse request body as JSON' } };
    }
    const connection = await acquire();
    try {
      if (endpoint === '/pipeline' || endpoint === '/multi-exec') {
        const commands = toCommandList(parsed);
        if (typeof commands === 'string') return { status: 400, body: { error: commands }, headers };
        const replies =
          endpoint === '/pipeline'
            ? await pipeline(connection, commands, run)
            : await multiExec(connection, commands, run);
        if (replies instanceof RespError) return { status: 400, body: { error: replies.message }, headers };
        return { status: 200, body: replies.map((reply) => toItem(reply, base64)), headers };
      }
      const command = endpoint === '/' ? toCommand(parsed) : pathCommand(url, parsed);
      if (typeof command === 'string') return { status: 400, body: { error: command }, headers };
      const reply = await run(connection, command);
      if (reply instanceof RespError) return { status: 400, body: { error: reply.message }, headers };
      return { status: 200, body: { result: encodeReply(reply, base64, true) }, headers };
    } catch (error) {
      connection.close();
      return { status: 500, body: { error: `ERR redis unavailable: ${String(error)}` } };
    } finally {
      release(connection);
    }
  };

  const server: LoopbackServer = await serveJson(handle, options.port);
  return {
    url: server.url,
    token,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    failNextRequests: (count, status = 503) => {
      failures = { count, status };
    },
    close: async () => {
      await server.close();
      for (const connection of idle.splice(0)) connection.close();
    },
  };
}

function emptyStats(): UpstashRedisBridgeStats {
  return { requests: {}, commands: 0, commandsByName: {} };
}

async function pipeline(
  connection: RespConnection,
  commands: Command[],
  run: (connection: RespConnection, command: Command) => Promise<RespReply>,
): Promise<RespReply[]> {
  return Promise.all(commands.map((command) => run(connection, command)));
}

/** MULTI, queue, EXEC on one connection. A queue-time error discards the whole transaction, as Upstash does. */
async function multiExec(
  connection: RespConnection,
  commands: Command[],
  run: (connection: RespConnection, command: Command) => Promise<RespReply>,
): Promise<RespReply[] | RespError> {
  await connection.send(['MULTI']);
  const queued = await Promise.all(commands.map((command) => run(connection, command)));
  const failed = queued.find((reply) => reply instanceof RespError);
  if (failed instanceof RespError) {
    await connection.send(['DISCARD']);
    return failed;
  }
  const replies = await connection.send(['EXEC']);
  if (replies instanceof RespError) return replies;
  if (!Array.isArray(replies)) return new RespError('ERR transaction aborted');
  return replies;
}

function toItem(reply: RespReply, base64: boolean): { result: unknown } | { error: string } {
  return reply instanceof RespError ? { error: reply.message } : { result: encodeReply(reply, base64, true) };
}

/** JSON shape of a reply; with base64, every string is encoded except a top-level `OK`, exactly as Upstash does. */
function encodeReply(reply: RespReply, base64: boolean, topLevel = false): unknown {
  if (reply instanceof RespError) return reply.message;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  if (typeof reply === 'string' && base64 && !(topLevel && reply === 'OK')) {
    return Buffer.from(reply, 'utf8').toString('base64');
  }
  return reply;
}

function toCommand(value: unknown): Command | string {
  if (!Array.isArray(value) || value.length === 0)
    return 'ERR the request body must be a JSON array such as ["SET","key","value"]';
  const command: Command = [];
  for (const item of value) {
    if (typeof item === 'string') command.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') command.push(String(item));
    else return 'ERR command arguments must be strings, numbers or booleans';
  }
  return command;
}

function toCommandList(value: unknown): Command[] | string {
  if (!Array.isArray(value)) return 'ERR the request body must be a JSON array of commands';
  const commands: Command[] = [];
  for (const item of value) {
    const command = toCommand(item);
    if (typeof command === 'string') return command;
    commands.push(command);
  }
  return commands;
}

/** `/set/key/value?EX=100` with an optional body appended as the last argument. */
function pathCommand(url: URL, body: unknown): Command | string {
  const command = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  for (const [key, value] of url.searchParams) {
    if (key === '_token') continue;
    command.push(key);
    if (value !== '') command.push(value);
  }
  if (body !== undefined) command.push(typeof body === 'string' ? body : JSON.stringify(body));
  return command.length > 0 ? command : 'ERR empty command';
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * Redis 7.0 rejects Upstash's `allow-key-locking` shebang flag: strip it, and remember the client's SHA-1 (of the
 * text it sent) so EVALSHA / SCRIPT EXISTS with that SHA reach the rewritten script. SCRIPT LOAD answers with the
 * client's SHA, which is what the SDK compares against.
 */
function rewriteScripts(command: Command, shaMap: Map<string, string>): Command {
  const name = (command[0] ?? '').toLowerCase();
  const sub = (command[1] ?? '').toLowerCase();
  if ((name === 'eval' || name === 'eval_ro') && command[1] !== undefined) {
    return [command[0]!, rewriteShebang(command[1], shaMap), ...command.slice(2)];
  }
  if ((name === 'evalsha' || name === 'evalsha_ro') && command[1] !== undefined) {
    return [command[0]!, shaMap.get(command[1].toLowerCase()) ?? command[1], ...command.slice(2)];
  }
  if (name === 'script' && sub === 'load' && command[2] !== undefined) {
    return [command[0]!, command[1]!, rewriteShebang(command[2], shaMap), ...command.slice(3)];
  }
  if (name === 'script' && sub === 'exists') {
    return [command[0]!, command[1]!, ...command.slice(2).map((sha) => shaMap.get(sha.toLowerCase()) ?? sha)];
  }
  return command;
}

function rewriteShebang(script: string, shaMap: Map<string, string>): string {
  const match = /^#!lua([^\n]*)/.exec(script);
  if (!match || !match[1]?.includes('allow-key-locking')) return script;
  const flags = (/flags=([^\s]*)/.exec(match[1])?.[1] ?? '')
    .split(',')
    .filter((flag) => flag && flag !== 'allow-key-locking');
  const rewritten = `#!lua${flags.length > 0 ? ` flags=${flags.join(',')}` : ''}${script.slice(match[0].length)}`;
  shaMap.set(sha1(script), sha1(rewritten));
  return rewritten;
}

/** Exposed for tests: what SCRIPT LOAD must answer. */
export const scriptSha = sha1;
