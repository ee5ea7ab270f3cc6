/**
 * Lua scripts of the Upstash Redis coordination store. Every key a script touches is passed in KEYS, so the
 * `allow-key-locking` flag (Upstash: lock only these keys instead of the whole database) is correct.
 */
export const shebang = '#!lua flags=allow-key-locking\n';

/**
 * KEYS: outbox hash, outbox order, scope order, [lock]. ARGV: id, mutation JSON, score, [token].
 * Fenced: when called under `withLock`, refuses to write if the lock expired and was taken by another writer.
 */
export const beginMutation = `${shebang}if KEYS[4] and redis.call('GET', KEYS[4]) ~= ARGV[4] then
  return redis.error_reply('LOCKLOST the lock of this scope expired and another writer holds it')
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1`;

/**
 * KEYS: outbox hash, outbox order, scope order, done marker, then one history list per entry.
 * ARGV: id, marker TTL seconds, then one history entry JSON per entry (aligned with KEYS[5...]).
 * Appends history and removes the batch atomically; the done marker makes a repeated completion a no-op.
 */
export const completeMutation = `${shebang}local first = redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[2])
if first then
  for i = 3, #ARGV do redis.call('RPUSH', KEYS[i + 2], ARGV[i]) end
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if first then return 1 end
return 0`;

/** KEYS: order zset, outbox hash. Returns the JSON of the pending batches in order. */
export const pendingMutations = `${shebang}local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ids))`;

/**
 * KEYS: messages list. ARGV: list TTL seconds (0: none), messages JSON... Replaces the list in one step.
 */
export const replaceMessages = `${shebang}redis.call('DEL', KEYS[1])
if #ARGV < 2 then return 0 end
local length = redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return length`;

/**
 * KEYS: staged list, messages list. ARGV: list TTL seconds (0: none). Moves a staged list into place in one step.
 */
export const promoteMessages = `${shebang}if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[2], ARGV[1]) else redis.call('PERSIST', KEYS[2]) end
return 1`;

/**
 * KEYS: messages list, batch marker. ARGV: marker TTL seconds, list TTL seconds (0: none), messages JSON...
 * Idempotent per batch.
 */
export const appendMessages = `${shebang}if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local length = redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
if tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return length`;
