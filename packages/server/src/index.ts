export type { MemoryServer } from './create-memory-server.js';
export { createMemoryServer } from './create-memory-server.js';
export type { ErrorBody, ServiceErrorCode } from './http-error.js';
export type { McpToolScope } from './mcp-tools.js';
export { createMemoryMcpServer } from './mcp-tools.js';
export type { ApiKeyConfig, MemoryServerOptions, RateLimitOptions, RequestLogEntry } from './options.js';
export { memoryConfigFromEnvironment, organizationConfig } from './tenants.js';
