import { parseMemoryRequestContext } from '@mastra/core/memory';
import { MASTRA_RESOURCE_ID_KEY, MASTRA_THREAD_ID_KEY, type RequestContext } from '@mastra/core/request-context';
import type { Scope } from '@memzero/core';

/** Who an agent run is for, as Mastra knows it. */
export interface Mem0MastraContext {
  /** Mastra's resource: usually the end user. */
  resourceId?: string;
  /** Mastra's conversation thread. */
  threadId?: string;
  /** The request context of the run, for applications that carry their own ids in it. */
  requestContext?: RequestContext;
}

/** How Mastra's resource and thread map to memzero scope. Shared by the processors, the tools and `Mem0Memory`. */
export interface Mem0ScopeOptions {
  /**
   * `'resource'`: memories belong to the resource (`userId = resourceId`) and every thread of that resource sees
   * them. `'thread'`: memories are also confined to the thread (`runId = threadId`).
   * @default 'resource'
   */
  scope?: 'resource' | 'thread';
  /**
   * Replaces the mapping above, e.g. `({ resourceId }) => ({ userId: resourceId, appId: 'support' })`. Return
   * undefined when the run has no scope.
   * @default resource → userId (and thread → runId with `scope: 'thread'`)
   */
  resolveScope?: (context: Mem0MastraContext) => Scope | undefined;
}

/**
 * The run's context. The resource and thread come, in this order, from Mastra's reserved request context keys
 * (`MASTRA_RESOURCE_ID_KEY`, `MASTRA_THREAD_ID_KEY`: set by auth middleware, they override what a client sent), from
 * ids a tool received directly (`context.agent`), and from the agent's `MastraMemory` request context entry (set when
 * an agent with a memory is called with `memory: { resource, thread }`).
 */
export function readMastraContext(
  requestContext: RequestContext | undefined,
  direct: { resourceId?: string | undefined; threadId?: string | undefined } = {},
): Mem0MastraContext {
  const memoryContext = parseMemoryRequestContext(requestContext);
  const context: Mem0MastraContext = {};
  const resourceId =
    reservedId(requestContext, MASTRA_RESOURCE_ID_KEY) ??
    direct.resourceId ??
    memoryContext?.resourceId ??
    memoryContext?.thread?.resourceId;
  const threadId = reservedId(requestContext, MASTRA_THREAD_ID_KEY) ?? direct.threadId ?? memoryContext?.thread?.id;
  if (resourceId !== undefined) context.resourceId = resourceId;
  if (threadId !== undefined) context.threadId = threadId;
  if (requestContext !== undefined) context.requestContext = requestContext;
  return context;
}

function reservedId(requestContext: RequestContext | undefined, key: string): string | undefined {
  const value: unknown = requestContext?.get(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The memzero scope of a run, or undefined when the run names no resource (nothing to remember it by). */
export function resolveScope(context: Mem0MastraContext, options: Mem0ScopeOptions): Scope | undefined {
  if (options.resolveScope !== undefined) {
    const scope = options.resolveScope(context);
    return scope === undefined || Object.keys(scope).length === 0 ? undefined : scope;
  }
  if (context.resourceId === undefined) return undefined;
  const scope: Scope = { userId: context.resourceId };
  if (options.scope === 'thread' && context.threadId !== undefined) scope.runId = context.threadId;
  return scope;
}
