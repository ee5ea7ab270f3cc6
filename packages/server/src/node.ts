import { type ServerType, serve } from '@hono/node-server';
import { createMemoryServer, type MemoryServer } from './create-memory-server.js';
import type { MemoryServerOptions } from './options.js';

/** Options of {@link startMemoryServer}. */
export interface StartMemoryServerOptions extends MemoryServerOptions {
  /** @default 8080 (0 picks a free port) */
  port?: number;
  /** @default '127.0.0.1' (loopback only; '0.0.0.0' to listen on every interface) */
  host?: string;
  /**
   * Stop gracefully on SIGINT and SIGTERM: stop accepting connections, finish writes in flight, close the stores.
   * @default false
   */
  handleSignals?: boolean;
}

/** A service listening on Node. */
export interface RunningMemoryServer extends MemoryServer {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, finishes writes in flight, closes the stores. */
  stop(): Promise<void>;
}

/** Starts the service on Node with `@hono/node-server`. Rejects on a configuration error or a port in use. */
export async function startMemoryServer(options: StartMemoryServerOptions = {}): Promise<RunningMemoryServer> {
  const server = createMemoryServer(options);
  await server.ready;
  const host = options.host ?? '127.0.0.1';
  const { httpServer, port } = await new Promise<{ httpServer: ServerType; port: number }>((resolve, reject) => {
    const httpServer = serve({ fetch: server.fetch, port: options.port ?? 8080, hostname: host }, (info) =>
      resolve({ httpServer, port: info.port }),
    );
    httpServer.once('error', reject);
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.close();
      if ('closeIdleConnections' in httpServer) httpServer.closeIdleConnections();
      await closed;
    })();
    return stopping;
  };
  if (options.handleSignals) {
    const onSignal = () => {
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { ...server, url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`, port, stop };
}
