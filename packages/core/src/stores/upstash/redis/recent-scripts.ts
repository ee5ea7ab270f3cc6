import type { RecentWrite } from '../../../spec/coordination-store.js';
import type { MemoryRecord } from '../../../spec/memory-record.js';

/** Recent writes kept per scope key and kind (the contract's cap). */
export const recentCap = 1_000;

/**
 * Lua for recent writes. Per scope key three keys: `w` a sorted set of written ids scored by expiry (ms), `r` a
 * hash id -> record JSON, `d` a sorted set of deleted ids scored by expiry. Newest first is highest score first:
 * the engine records with one time to live, so expiry order is recording order.
 */

/** Removes expired entries and keeps the newest `cap`, dropping the records of removed ids. */
const trimLua = `
local function trimRecent(zset, hash, now, cap)
  local expired = redis.call('ZRANGEBYSCORE', zset, '-inf', now)
  if #expired > 0 then
    if hash then
      for i = 1, #expired, 500 do redis.call('HDEL', hash, unpack(expired, i, math.min(i + 499, #expired))) end
    end
    redis.call('ZREMRANGEBYSCORE', zset, '-inf', now)
  end
  local excess = redis.call('ZCARD', zset) - cap
  if excess > 0 then
    local old = redis.call('ZRANGE', zset, 0, excess - 1)
    if hash then
      for i = 1, #old, 500 do redis.call('HDEL', hash, unpack(old, i, math.min(i + 499, #old))) end
    end
    redis.call('ZREMRANGEBYRANK', zset, 0, excess - 1)
  end
end
`;

/**
 * `recordRecent(keyIndex, argIndex)`: reads a group from ARGV at `argIndex` (expiry ms, ttl ms, cap, now ms, number
 * of key triples, number of entries, then kind, id, record JSON per entry) and applies it to the key triples from
 * KEYS at `keyIndex`. Returns the next key and argument indexes.
 */
export const recordRecentLua = `${trimLua}
local function recordRecent(keyIndex, argIndex)
  local expiry, ttl, cap, now = ARGV[argIndex], tonumber(ARGV[argIndex + 1]), tonumber(ARGV[argIndex + 2]), ARGV[argIndex + 3]
  local triples, entries = tonumber(ARGV[argIndex + 4]), tonumber(ARGV[argIndex + 5])
  local first = argIndex + 6
  for t = 0, triples - 1 do
    local w, r, d = KEYS[keyIndex + 3 * t], KEYS[keyIndex + 3 * t + 1], KEYS[keyIndex + 3 * t + 2]
    for e = 0, entries - 1 do
      local kind, id, json = ARGV[first + 3 * e], ARGV[first + 3 * e + 1], ARGV[first + 3 * e + 2]
      if kind == 'delete' then
        redis.call('ZREM', w, id)
        redis.call('HDEL', r, id)
        redis.call('ZADD', d, expiry, id)
      else
        redis.call('ZREM', d, id)
        redis.call('ZADD', w, expiry, id)
        redis.call('HSET', r, id, json)
      end
    end
    trimRecent(w, r, now, cap)
    trimRecent(d, false, now, cap)
    for _, key in ipairs({w, r, d}) do
      if tonumber(redis.call('PTTL', key)) < ttl then redis.call('PEXPIRE', key, ttl) end
    end
  end
  return keyIndex + 3 * triples, first + 3 * entries
end
`;

/**
 * `readRecent(w, r, d, now, limit, kind)`: entries within their time to live, newest first, at most `limit`,
 * flattened as kind, id, record JSON ('' for deletions). `kind` is 'write', 'delete' or '' (both).
 */
export const readRecentLua = `
local function readRecent(w, r, d, now, limit, kind)
  local writes, deletes, out = {}, {}, {}
  if kind ~= 'delete' then writes = redis.call('ZREVRANGEBYSCORE', w, '+inf', '(' .. now, 'WITHSCORES', 'LIMIT', 0, limit) end
  if kind ~= 'write' then deletes = redis.call('ZREVRANGEBYSCORE', d, '+inf', '(' .. now, 'WITHSCORES', 'LIMIT', 0, limit) end
  local i, j, count = 1, 1, 0
  while count < limit and (i <= #writes or j <= #deletes) do
    if j > #deletes or (i <= #writes and tonumber(writes[i + 1]) >= tonumber(deletes[j + 1])) then
      local json = redis.call('HGET', r, writes[i])
      out[#out + 1] = 'write'
      out[#out + 1] = writes[i]
      out[#out + 1] = json or ''
      i = i + 2
    else
      out[#out + 1] = 'delete'
      out[#out + 1] = deletes[j]
      out[#out + 1] = ''
      j = j + 2
    end
    count = count + 1
  end
  return out
end
`;

/** KEYS: key triples. ARGV: one group (see `recordRecent`). */
export const recordRecentWrites = `#!lua flags=allow-key-locking
${recordRecentLua}
recordRecent(1, 1)
return 1`;

/** KEYS: w, r, d of one scope key. ARGV: now ms, limit, kind ('' for both). */
export const recentWrites = `#!lua flags=allow-key-locking
${readRecentLua}
return readRecent(KEYS[1], KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), ARGV[3])`;

/** ARGV of one recent-writes group (see `recordRecent` in recent-scripts). */
export function recentGroupArgs(expiresAt: number, ttlMs: number, keyCount: number, writes: RecentWrite[]): string[] {
  const args = [
    String(expiresAt),
    String(Math.ceil(ttlMs)),
    String(recentCap),
    String(Date.now()),
    String(keyCount),
    String(writes.length),
  ];
  for (const write of writes) {
    args.push(write.kind, write.id, write.kind === 'write' && write.record ? JSON.stringify(write.record) : '');
  }
  return args;
}

/** Flattened kind, id, record JSON triples from `readRecent`. */
export function parseRecent(value: unknown): RecentWrite[] {
  const items = Array.isArray(value) ? value : [];
  const writes: RecentWrite[] = [];
  for (let index = 0; index + 2 < items.length; index += 3) {
    const kind = items[index] === 'delete' ? 'delete' : 'write';
    const id = String(items[index + 1]);
    // A client with automatic deserialisation hands the record over already parsed.
    const json = items[index + 2];
    const record = typeof json === 'string' ? (json === '' ? undefined : JSON.parse(json)) : json;
    writes.push(
      kind === 'write' && record && typeof record === 'object'
        ? { id, kind, record: record as MemoryRecord }
        : { id, kind },
    );
  }
  return writes;
}
