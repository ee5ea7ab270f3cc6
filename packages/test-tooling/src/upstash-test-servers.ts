import { type RedisServer, startRedisServer } from './redis-server.js';
import {
  startUpstashRedisBridge,
  type UpstashRedisBridge,
  type UpstashRedisBridgeOptions,
} from './upstash-redis-bridge.js';
import {
  startUpstashVectorEmulator,
  type UpstashVectorEmulator,
  type UpstashVectorEmulatorOptions,
} from './upstash-vector-emulator.js';

/** A redis-server, the Upstash Redis bridge in front of it, and an Upstash Vector emulator. */
export interface UpstashTestServers {
  redisServer: RedisServer;
  redis: UpstashRedisBridge;
  vector: UpstashVectorEmulator;
  /** Stops all three. */
  close(): Promise<void>;
}

/**
 * Starts a private set of Upstash test servers (for tests that need their own knobs: visibility delay, latency,
 * injected failures). Tests happy with defaults can use the shared ones from the global setup instead.
 */
export async function startUpstashTestServers(
  options: { vector?: UpstashVectorEmulatorOptions; redis?: Omit<UpstashRedisBridgeOptions, 'redisPort'> } = {},
): Promise<UpstashTestServers> {
  const redisServer = await startRedisServer();
  const redis = await startUpstashRedisBridge({ ...options.redis, redisPort: redisServer.port });
  const vector = await startUpstashVectorEmulator(options.vector);
  return {
    redisServer,
    redis,
    vector,
    close: async () => {
      await vector.close();
      await redis.close();
      await redisServer.stop();
    },
  };
}
