import type { Redis } from '@upstash/redis';
import type { MemoryRecord } from '../../../spec/memory-record.js';
import { type Scope, type ScopeKey, scopeKeys } from '../../../spec/scope.js';
import { isRetryableRedisError } from '../shared/redis-client.js';
import { type RetryOptions, withRetries } from '../shared/retry-policy.js';
import { toStoreError } from '../shared/safe-error.js';

/**
 * An exact per-scope index of record ids in Upstash Redis, so `list` and `deleteScope` read only the scope's own
 * ids (never a range over the whole index) and see writes immediately (vector queries lag behind writes).
 *
 * Layout under `{prefix}`: one lexicographic sorted set per scope field value (`z:userId:<value>`), members
 * `<createdAt ISO>\0<id>` (so Redis order is the (createdAt, id) order of the contract); a hash `ids` mapping each id
 * to its member and sets (to unindex by id alone); a set `keys` of every sorted set (for reset).
 *
 * Every call is idempotent and retried on 429, 5xx and timeouts like the coordination store's; a final failure is
 * a `StoreError` that says whether retrying may help.
 */
export class ScopeIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retry: RetryOptions = {},
  ) {}

  /** The member of a record: its position in (createdAt, id) order. */
  static member(record: Pick<MemoryRecord, 'createdAt' | 'id'>): string {
    return `${record.createdAt}\u0000${record.id}`;
  }

  static idOf(member: string): string {
    return member.slice(member.indexOf('\u0000') + 1);
  }

  /** Adds records (moving them if their scope or creation time changed). One round trip. */
  async add(records: MemoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    const args: string[] = [];
    for (const record of records) {
      const keys = scopeKeys.filter((key) => record[key] !== undefined).map((key) => this.setKey(key, record[key]!));
      args.push(record.id, ScopeIndex.member(record), JSON.stringify(keys));
    }
    await this.run('scope-index add', () => this.redis.eval(addScript, [this.key('ids'), this.key('keys')], args));
  }

  /** Removes records by id. One round trip. */
  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.run('scope-index remove', () => this.redis.eval(removeScript, [this.key('ids')], ids));
  }

  /**
   * Members of a scope after `after` (exclusive), in order. Reads the sorted set of the most selective field given
   * (run, then user, agent, app); the caller checks the other fields on the fetched records.
   */
  async page(scope: Scope, after: string | undefined, count: number): Promise<string[]> {
    const field = (['runId', 'userId', 'agentId', 'appId'] as const).find((key) => scope[key] !== undefined);
    if (!field) return [];
    const start = (after === undefined ? '-' : `(${after}`) as `[${string}`;
    const members = (await this.run('scope-index page', () =>
      this.redis.zrange(this.setKey(field, scope[field]!), start, '+', { byLex: true, offset: 0, count }),
    )) as unknown[];
    return members.map(String);
  }

  /** Removes every index key under the prefix. */
  async reset(): Promise<void> {
    await this.run('scope-index reset', () => this.redis.eval(resetScript, [this.key('ids'), this.key('keys')], []));
  }

  private async run<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(task, isRetryableRedisError, this.retry);
    } catch (error) {
      throw toStoreError('upstash-vector', operation, error, isRetryableRedisError(error));
    }
  }

  private setKey(field: ScopeKey, value: string): string {
    return this.key(`z:${field}:${encodeURIComponent(value)}`);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }
}

const unindexLua = `
local function unindex(hash, id)
  local entry = redis.call('HGET', hash, id)
  if not entry then return end
  local decoded = cjson.decode(entry)
  for _, key in ipairs(decoded[2]) do redis.call('ZREM', key, decoded[1]) end
  redis.call('HDEL', hash, id)
end
`;

const addScript = `${unindexLua}
for i = 1, #ARGV, 3 do
  local id, member, keys = ARGV[i], ARGV[i + 1], cjson.decode(ARGV[i + 2])
  unindex(KEYS[1], id)
  for _, key in ipairs(keys) do
    redis.call('ZADD', key, 0, member)
    redis.call('SADD', KEYS[2], key)
  end
  redis.call('HSET', KEYS[1], id, cjson.encode({member, keys}))
end
return 1`;

const removeScript = `${unindexLua}
for _, id in ipairs(ARGV) do unindex(KEYS[1], id) end
return 1`;

const resetScript = `
local keys = redis.call('SMEMBERS', KEYS[2])
for i = 1, #keys, 500 do
  redis.call('DEL', unpack(keys, i, math.min(i + 499, #keys)))
end
redis.call('DEL', KEYS[1], KEYS[2])
return #keys`;
