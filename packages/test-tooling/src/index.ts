export * from './conversation-script.js';
export { exampleSource, readmeExample, runExample } from './examples.js';
export { freePort } from './free-port.js';
export { bearerToken, type JsonReply, type LoopbackServer, serveJson } from './http-server.js';
export * from './openai-scripts.js';
export * from './openai-server.js';
export * from './openai-stream-scripts.js';
export {
  assertRedisServerInstalled,
  type RedisServer,
  type RedisServerOptions,
  startRedisServer,
} from './redis-server.js';
export { criticalPath, type TracedRequest, traceRequests } from './request-trace.js';
export { encodeCommand, parseReply, RespConnection, RespError, type RespReply } from './resp-client.js';
export {
  scriptSha,
  startUpstashRedisBridge,
  type UpstashRedisBridge,
  type UpstashRedisBridgeOptions,
  type UpstashRedisBridgeStats,
} from './upstash-redis-bridge.js';
export { startUpstashTestServers, type UpstashTestServers } from './upstash-test-servers.js';
export {
  startUpstashVectorEmulator,
  type UpstashVectorEmulator,
  type UpstashVectorEmulatorOptions,
} from './upstash-vector-emulator.js';
export {
  type FilterExpression,
  FilterSyntaxError,
  globToRegExp,
  matchesFilter,
  parseFilterExpression,
} from './vector/filter-language.js';
export type { EmulatedEmbeddingModel } from './vector/vector-commands.js';
export type { SparseVector, StoredVector } from './vector/vector-namespace.js';
