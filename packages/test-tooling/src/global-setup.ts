import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';
import { startUpstashRedisBridge } from './upstash-redis-bridge.js';
import { startUpstashVectorEmulator } from './upstash-vector-emulator.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** Port of the shared throwaway redis-server on 127.0.0.1. */
    redisPort: number;
    /** The shared Upstash Redis REST bridge in front of it. */
    upstashRedisUrl: string;
    upstashRedisToken: string;
    /** The shared Upstash Vector emulator (hybrid index, no visibility delay). */
    upstashVectorUrl: string;
    upstashVectorToken: string;
  }
}

/**
 * Vitest globalSetup: starts one redis-server, one Upstash Redis bridge and one Upstash Vector emulator for the
 * whole run, provides their URLs and tokens (`inject('upstashRedisUrl')`, ...), and stops them at teardown. Tests
 * that need their own knobs (visibility delay, latency, failures) start their own emulator instance.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  const bridge = await startUpstashRedisBridge({ redisPort: redis.port });
  const vector = await startUpstashVectorEmulator();
  project.provide('redisPort', redis.port);
  project.provide('upstashRedisUrl', bridge.url);
  project.provide('upstashRedisToken', bridge.token);
  project.provide('upstashVectorUrl', vector.url);
  project.provide('upstashVectorToken', vector.token);
  return async () => {
    await vector.close();
    await bridge.close();
    await redis.stop();
  };
}
