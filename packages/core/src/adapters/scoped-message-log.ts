import { readScope } from '../engine/scope.js';
import { ConfigurationError } from '../errors.js';
import type { Scope } from '../spec/scope.js';

/**
 * The message log a framework chat history or chat store uses: `memory.messages.forScope(scope)` when the adapter's
 * options name a scope (`userId`, `agentId`, `runId`, `appId`; snake_case accepted), so one tenant can never read,
 * replace or clear another tenant's session even with the same session id; else the unscoped log (sessions keyed by
 * session id alone, for frameworks that give no user).
 *
 * @throws ValidationError for a malformed scope field; ConfigurationError when a scope is named and the log has no
 *   `forScope` (an engine older than scoped sessions)
 */
export function scopedMessageLog<Log>(
  log: Log & { forScope?: (scope: Scope) => Log },
  options: unknown,
  adapter: string,
): Log {
  const scope = readScope(options, adapter, false);
  if (Object.keys(scope).length === 0) return log;
  if (typeof log.forScope !== 'function') {
    throw new ConfigurationError(`${adapter}: the engine's messages have no forScope; update @memzero/core`);
  }
  return log.forScope(scope);
}
