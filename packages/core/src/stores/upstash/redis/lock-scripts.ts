import { shebang } from './lua-scripts.js';
import { readRecentLua, recordRecentLua } from './recent-scripts.js';

/**
 * KEYS: lock, fence counter, the scope's outbox order, outbox hash, waiter queue (list), waiter deadlines (hash),
 * average hold time, when the holder took the lock, then the scope's recent writes (w, r, d; see recent-scripts).
 * ARGV: token, lease ms, now ms, this waiter's deadline ms, how many recent writes to return.
 *
 * An ordered lock: a caller that cannot take the lock joins a FIFO queue and is told its position and the average
 * hold time, so it sleeps about as long as the writers ahead of it need instead of polling. A free lock goes to the
 * head of the queue only; waiters that stopped polling (past their deadline) are dropped from the head.
 * Returns `{0, position, average hold ms, ms since the holder took the lock}` while waiting, else
 * `{1, fence, pending batches JSON, recent writes}`:
 * what a writer reads first under the lock comes back with the lock itself.
 */
export const acquireLock = `${shebang}${readRecentLua}
local token, now = ARGV[1], tonumber(ARGV[3])
local current = redis.call('GET', KEYS[1])
if current ~= token then
  while true do
    local head = redis.call('LINDEX', KEYS[5], 0)
    if not head then break end
    local deadline = redis.call('HGET', KEYS[6], head)
    if deadline and tonumber(deadline) >= now then break end
    redis.call('LPOP', KEYS[5])
    redis.call('HDEL', KEYS[6], head)
  end
  local head = redis.call('LINDEX', KEYS[5], 0)
  if current or (head and head ~= token) then
    if not redis.call('HGET', KEYS[6], token) then redis.call('RPUSH', KEYS[5], token) end
    redis.call('HSET', KEYS[6], token, ARGV[4])
    redis.call('PEXPIRE', KEYS[5], 600000)
    redis.call('PEXPIRE', KEYS[6], 600000)
    local position = redis.call('LPOS', KEYS[5], token)
    local since = tonumber(redis.call('GET', KEYS[8]) or ARGV[3])
    return {0, position or 0, tonumber(redis.call('GET', KEYS[7]) or '0'), now - since}
  end
  if head == token then redis.call('LPOP', KEYS[5]) end
  redis.call('HDEL', KEYS[6], token)
end
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
redis.call('SET', KEYS[8], ARGV[3], 'PX', ARGV[2])
local fence = current and tonumber(redis.call('GET', KEYS[2]) or '0') or redis.call('INCR', KEYS[2])
local pending = {}
local ids = redis.call('ZRANGE', KEYS[3], 0, -1)
if #ids > 0 then pending = redis.call('HMGET', KEYS[4], unpack(ids)) end
for i = #pending, 1, -1 do if not pending[i] then table.remove(pending, i) end end
return {1, fence, pending, readRecent(KEYS[9], KEYS[10], KEYS[11], ARGV[3], tonumber(ARGV[5]), '')}`;

/** KEYS: waiter queue, waiter deadlines. ARGV: token. Leaves the queue (a waiter that gives up). */
export const leaveQueue = `${shebang}redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1`;

/** KEYS: lock. ARGV: token, lease ms. 1 when renewed, 0 when the lock is no longer ours. */
export const renewLock = `${shebang}if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * KEYS: lock, average hold time, then per buffered completion: outbox hash, outbox order, scope order, done marker,
 * one history list per entry; then the key triples of each recent-writes group.
 * ARGV: token, hold ms, number of completions, then per completion: id, marker TTL s, number of history entries,
 * history JSON...; then the number of recent-write groups and each group (see `recordRecent`).
 *
 * The writer's last round trip: completes its batches (history appended and outbox entry removed, once per batch
 * thanks to the done marker), records its recent writes, updates the average hold time and deletes only our own
 * lock. Completions and recent writes are applied even if the lock was lost meanwhile: the index writes they follow
 * have happened. Readers of recent writes take the lock first, so they see them exactly when it is free again.
 */
export const releaseLock = `${shebang}${recordRecentLua}
local keyIndex, argIndex = 3, 4
for c = 1, tonumber(ARGV[3]) do
  local id, ttl, count = ARGV[argIndex], ARGV[argIndex + 1], tonumber(ARGV[argIndex + 2])
  if redis.call('SET', KEYS[keyIndex + 3], '1', 'NX', 'EX', ttl) then
    for h = 0, count - 1 do redis.call('RPUSH', KEYS[keyIndex + 4 + h], ARGV[argIndex + 3 + h]) end
  end
  redis.call('HDEL', KEYS[keyIndex], id)
  redis.call('ZREM', KEYS[keyIndex + 1], id)
  redis.call('ZREM', KEYS[keyIndex + 2], id)
  keyIndex = keyIndex + 4 + count
  argIndex = argIndex + 3 + count
end
local groups = tonumber(ARGV[argIndex])
argIndex = argIndex + 1
for g = 1, groups do keyIndex, argIndex = recordRecent(keyIndex, argIndex) end
local hold, average = tonumber(ARGV[2]), tonumber(redis.call('GET', KEYS[2]) or '0')
if average == 0 then average = hold else average = average * 0.8 + hold * 0.2 end
redis.call('SET', KEYS[2], math.floor(average), 'EX', 86400)
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * How long a waiter sleeps after `acquireLock` answered `{0, position, average, elapsed}`: about as long as the
 * writers ahead need (what the holder has left, a quarter of an average once it runs over, then one average per
 * waiter ahead), a quarter late rather than early, so most waiters look once. Before any hold was measured, a
 * writer is taken to need 8 round trips like the one just made. Milliseconds, 5 to `maxWaitMs`.
 */
export function waitBeforeRetry(reply: unknown[], roundTripMs: number, maxWaitMs: number): number {
  const average = Number(reply[2]) || Math.max(50, 8 * roundTripMs);
  const holderLeft = Math.max(average - Number(reply[3] ?? 0), average / 4);
  const remaining = holderLeft + average * Number(reply[1]);
  return Math.min(maxWaitMs, Math.max(5, remaining * (1.25 + Math.random() * 0.1)));
}
