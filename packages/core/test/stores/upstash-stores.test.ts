import { startUpstashTestServers } from '@memzero/test-tooling';
import { Redis } from '@upstash/redis';
import { Index } from '@upstash/vector';
import { createUpstashRedisStore } from '../../src/stores/upstash/redis/index.js';
import { createUpstashVectorStore } from '../../src/stores/upstash/vector/index.js';
import { describeCoordinationStoreConformance } from '../../src/testing/coordination-store-conformance.js';
import { describeVectorStoreConformance } from '../../src/testing/vector-store-conformance.js';

// The official clients over HTTP: @upstash/vector against the emulator, @upstash/redis against the bridge in front
// of a real redis-server.
const servers = await startUpstashTestServers();
const redis = { url: servers.redis.url, token: servers.redis.token };
const vector = { url: servers.vector.url, token: servers.vector.token };
let closed = false;
const teardown = async (): Promise<void> => {
  if (closed) return;
  closed = true;
  await servers.close();
};

describeVectorStoreConformance(
  'upstash-vector (hybrid, Redis scope index)',
  async () => {
    const store = createUpstashVectorStore({ ...vector, namespace: 'conformance', redis, keyPrefix: 'conf-a:' });
    await store.reset();
    return store;
  },
  { settle: async () => servers.vector.flush() },
);

describeVectorStoreConformance(
  'upstash-vector (hybrid, no Redis: filtered-query listing)',
  async () => {
    const store = createUpstashVectorStore({ ...vector, namespace: 'conformance-b' });
    await store.reset();
    return store;
  },
  { settle: async () => servers.vector.flush() },
);

describeVectorStoreConformance(
  'upstash-vector (ready clients with their default transport and settings)',
  async () => {
    const store = createUpstashVectorStore({
      client: new Index({ ...vector, enableTelemetry: false }),
      namespace: 'conformance-c',
      redis: new Redis({ ...redis, enableTelemetry: false }),
      keyPrefix: 'conf-c:',
    });
    await store.reset();
    return store;
  },
  { settle: async () => servers.vector.flush() },
);

describeCoordinationStoreConformance('upstash-redis (ready client with automatic deserialisation)', async () => {
  const store = createUpstashRedisStore({
    client: new Redis({ ...redis, enableTelemetry: false }),
    keyPrefix: 'conf-ready:',
  });
  await store.reset();
  return store;
});

describeCoordinationStoreConformance(
  'upstash-redis',
  async () => {
    const store = createUpstashRedisStore({
      ...redis,
      keyPrefix: 'conf-redis:',
      lockLeaseMs: 2000,
      lockTimeoutMs: 10_000,
    });
    await store.reset();
    return store;
  },
  { teardown },
);
