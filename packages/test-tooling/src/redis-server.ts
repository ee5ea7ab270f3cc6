import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { RespConnection } from './resp-client.js';

export interface RedisServerOptions {
  /** The binary to run. @default process.env.REDIS_SERVER_BIN ?? 'redis-server' */
  binary?: string;
  /** How long to wait for the server to answer PING. @default 10000 */
  startTimeoutMs?: number;
}

/** A running, throwaway redis-server on loopback. */
export interface RedisServer {
  host: string;
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Throws a helpful error when redis-server is not installed. */
export function assertRedisServerInstalled(binary = process.env.REDIS_SERVER_BIN ?? 'redis-server'): void {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `${binary} was not found. Install it (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_SERVER_BIN.`,
    );
  }
}

/**
 * Starts redis-server on a free 127.0.0.1 port with no persistence (no RDB, no AOF), in a fresh temp dir, and
 * resolves once it answers PING.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server';
  assertRedisServerInstalled(binary);
  const directory = mkdtempSync(join(tmpdir(), 'memzero-redis-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      directory,
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitForPing(port, child, options.startTimeoutMs ?? 10_000, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function waitForPing(port: number, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${log()}`);
    try {
      const connection = await RespConnection.open(port);
      const reply = await connection.send(['PING']);
      connection.close();
      if (reply === 'PONG') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms: ${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
