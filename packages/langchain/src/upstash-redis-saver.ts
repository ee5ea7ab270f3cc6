import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  compareWritesSortKeys,
  copyCheckpoint,
  getCheckpointId,
  maxChannelVersion,
  type PendingWrite,
  type SerializerProtocol,
  TASKS,
  WRITES_IDX_MAP,
  writesSortKey,
} from '@langchain/langgraph-checkpoint';
import { ConfigurationError, ValidationError } from '@memzero/core';
import { Redis } from '@upstash/redis';
import { SaverKeys } from './saver/saver-keys.js';
import {
  type BlobRecord,
  blobField,
  type CheckpointRecord,
  type CheckpointRef,
  fromMember,
  matchesFilter,
  member,
  requireThreadId,
  type WriteRecord,
} from './saver/saver-records.js';
import { deserialize, readRecord, serialize } from './saver/serialized.js';

/** Options of {@link UpstashRedisSaver}: a ready client, or the REST URL and token to build one. */
export interface UpstashRedisSaverOptions {
  /** An `@upstash/redis` client. Takes precedence over `url`/`token`. @default undefined */
  client?: Redis;
  /** `UPSTASH_REDIS_REST_URL`. @default undefined */
  url?: string;
  /** `UPSTASH_REDIS_REST_TOKEN`. @default undefined */
  token?: string;
  /** Prefix of every key, so several apps (or tests) can share one database. @default 'langgraph' */
  prefix?: string;
  /** Serialiser of checkpoints and writes. @default LangGraph's JsonPlusSerializer */
  serde?: SerializerProtocol;
  /**
   * Time to live of stored data, in seconds. Each checkpoint and each checkpoint's writes expire this long after they
   * were written; a thread's indexes and channel values are extended on every write, so an active thread keeps its
   * latest checkpoints and an idle one disappears.
   * @default undefined (kept until `deleteThread`)
   */
  ttlSeconds?: number;
}

/** Checkpoints read per pipelined round trip when `list` has to filter on metadata. */
const listChunkSize = 32;

/**
 * A LangGraph checkpoint saver on Upstash Redis, with plain keys, sorted sets and hashes only (no RedisJSON, no
 * search module), so it runs on any Upstash database and on a plain Redis behind Upstash's REST protocol. Every
 * method is one to three pipelined HTTP round trips. Passes `@langchain/langgraph-checkpoint-validation`.
 */
export class UpstashRedisSaver extends BaseCheckpointSaver {
  private readonly client: Redis;
  private readonly keys: SaverKeys;
  private readonly ttlSeconds: number | undefined;

  constructor(options: UpstashRedisSaverOptions) {
    super(options.serde);
    if (options.client) this.client = options.client;
    else if (options.url && options.token) this.client = new Redis({ url: options.url, token: options.token });
    else {
      throw new ConfigurationError(
        'UpstashRedisSaver needs `client` (an @upstash/redis Redis) or `url` and `token` (UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN)',
      );
    }
    this.keys = new SaverKeys(options.prefix ?? 'langgraph');
    if (options.ttlSeconds !== undefined && !(Number.isSafeInteger(options.ttlSeconds) && options.ttlSeconds > 0)) {
      throw new ConfigurationError('UpstashRedisSaver `ttlSeconds` must be a positive whole number of seconds');
    }
    this.ttlSeconds = options.ttlSeconds;
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) return undefined;
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    let checkpointId = getCheckpointId(config);
    if (!checkpointId) {
      const [latest] = await this.client.zrange<unknown[]>(this.keys.checkpoints(threadId, namespace), '+', '-', {
        byLex: true,
        rev: true,
        offset: 0,
        count: 1,
      });
      if (latest === undefined) return undefined;
      checkpointId = fromMember(latest);
    }
    const [tuple] = await this.loadTuples([{ threadId, namespace, checkpointId }]);
    if (tuple && getCheckpointId(config)) tuple.config = config;
    return tuple;
  }

  override async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { filter, before } = options;
    let remaining = options.limit;
    if (remaining !== undefined && remaining <= 0) return;
    const refs = await this.listRefs(config, before, filter ? undefined : remaining);
    for (let start = 0; start < refs.length; start += listChunkSize) {
      for (const tuple of await this.loadTuples(refs.slice(start, start + listChunkSize))) {
        if (filter && !matchesFilter(tuple.metadata, filter)) continue;
        yield tuple;
        if (remaining !== undefined && --remaining <= 0) return;
      }
    }
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId = requireThreadId(config, 'put');
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    const { channel_values: channelValues, ...rest } = copyCheckpoint(checkpoint);
    const record: CheckpointRecord = {
      checkpoint: await serialize(this.serde, rest),
      metadata: await serialize(this.serde, metadata),
    };
    const parentId = config.configurable?.checkpoint_id as string | undefined;
    if (parentId) record.parentId = parentId;
    // Channel values are stored once per (channel, version): only the channels this step changed are written.
    const blobs: Record<string, string> = {};
    for (const [channel, version] of Object.entries(newVersions)) {
      const blob: BlobRecord =
        channel in channelValues ? { value: await serialize(this.serde, channelValues[channel]) } : { empty: true };
      blobs[blobField(channel, version)] = JSON.stringify(blob);
    }
    // Only the checkpoint's own keys are written: writes stored earlier by `putWrites` stay untouched.
    const pipeline = this.client.pipeline();
    const now = Date.now();
    if (Object.keys(blobs).length > 0) pipeline.hset(this.keys.blobs(threadId, namespace), blobs);
    const checkpointKey = this.keys.checkpoint(threadId, namespace, checkpoint.id);
    if (this.ttlSeconds === undefined) pipeline.set(checkpointKey, JSON.stringify(record));
    else pipeline.set(checkpointKey, JSON.stringify(record), { ex: this.ttlSeconds });
    pipeline
      .zadd(this.keys.checkpoints(threadId, namespace), { score: 0, member: member(checkpoint.id) })
      .sadd(this.keys.namespaces(threadId), member(namespace))
      .zadd(this.keys.threads(), { score: now, member: member(threadId) });
    if (this.ttlSeconds !== undefined) {
      for (const key of [
        this.keys.blobs(threadId, namespace),
        this.keys.checkpoints(threadId, namespace),
        this.keys.namespaces(threadId),
      ]) {
        pipeline.expire(key, this.ttlSeconds);
      }
      // Threads idle for longer than the TTL have expired: drop them from the thread index.
      pipeline.zremrangebyscore(this.keys.threads(), 0, now - this.ttlSeconds * 1000);
    }
    await pipeline.exec();
    return { configurable: { thread_id: threadId, checkpoint_ns: namespace, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath?: string,
  ): Promise<void> {
    const threadId = requireThreadId(config, 'putWrites');
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (!checkpointId) throw new ValidationError('configurable.checkpoint_id', 'putWrites needs the checkpoint id');
    if (writes.length === 0) return;
    const key = this.keys.writes(threadId, namespace, checkpointId);
    const pipeline = this.client.pipeline();
    for (const [index, [channel, value]] of writes.entries()) {
      const idx = WRITES_IDX_MAP[channel] ?? index;
      const record: WriteRecord = {
        taskId,
        idx,
        channel,
        value: await serialize(this.serde, value),
        taskPath: taskPath ?? '',
      };
      const field = JSON.stringify([taskId, idx]);
      // Special channels (negative index) overwrite; regular writes are insert-if-absent, so a retried task cannot
      // replace what an earlier attempt recorded.
      if (idx < 0) pipeline.hset(key, { [field]: JSON.stringify(record) });
      else pipeline.hsetnx(key, field, JSON.stringify(record));
    }
    pipeline.sadd(this.keys.writeKeys(threadId), member(key));
    if (this.ttlSeconds !== undefined) {
      pipeline.expire(key, this.ttlSeconds).expire(this.keys.writeKeys(threadId), this.ttlSeconds);
    }
    await pipeline.exec();
  }

  override async deleteThread(threadId: string): Promise<void> {
    const [namespaces, writeKeys] = await this.client
      .pipeline()
      .smembers(this.keys.namespaces(threadId))
      .smembers(this.keys.writeKeys(threadId))
      .exec<[unknown[], unknown[]]>();
    const namespaceList = namespaces.map(fromMember);
    const keys = [
      this.keys.namespaces(threadId),
      this.keys.writeKeys(threadId),
      ...writeKeys.map(fromMember),
      ...namespaceList.map((namespace) => this.keys.checkpoints(threadId, namespace)),
      ...namespaceList.map((namespace) => this.keys.blobs(threadId, namespace)),
    ];
    if (namespaceList.length > 0) {
      const read = this.client.pipeline();
      for (const namespace of namespaceList) read.zrange(this.keys.checkpoints(threadId, namespace), 0, -1);
      const idLists = await read.exec<unknown[][]>();
      for (const [index, ids] of idLists.entries()) {
        const namespace = namespaceList[index] ?? '';
        for (const id of ids) keys.push(this.keys.checkpoint(threadId, namespace, fromMember(id)));
      }
    }
    const write = this.client.pipeline();
    for (let start = 0; start < keys.length; start += 500) write.del(...keys.slice(start, start + 500));
    write.zrem(this.keys.threads(), member(threadId));
    await write.exec();
  }

  /** Checkpoints `list` may return, newest first, before the metadata filter. */
  private async listRefs(
    config: RunnableConfig,
    before: RunnableConfig | undefined,
    limit: number | undefined,
  ): Promise<CheckpointRef[]> {
    const configurable = config.configurable ?? {};
    const threadIds =
      configurable.thread_id !== undefined
        ? [String(configurable.thread_id)]
        : (await this.client.zrange<unknown[]>(this.keys.threads(), 0, -1)).map(fromMember);
    if (threadIds.length === 0) return [];
    const pairs: Array<{ threadId: string; namespace: string }> = [];
    if (configurable.checkpoint_ns !== undefined) {
      for (const threadId of threadIds) pairs.push({ threadId, namespace: String(configurable.checkpoint_ns) });
    } else {
      const read = this.client.pipeline();
      for (const threadId of threadIds) read.smembers(this.keys.namespaces(threadId));
      const lists = await read.exec<unknown[][]>();
      for (const [index, namespaces] of lists.entries()) {
        for (const namespace of namespaces)
          pairs.push({ threadId: threadIds[index] ?? '', namespace: fromMember(namespace) });
      }
    }
    if (pairs.length === 0) return [];
    const beforeId = before?.configurable?.checkpoint_id as string | undefined;
    const onlyId = configurable.checkpoint_id as string | undefined;
    const read = this.client.pipeline();
    for (const { threadId, namespace } of pairs) {
      const max = beforeId ? (`(${member(beforeId)}` as const) : ('+' as const);
      const page = limit === undefined ? {} : { offset: 0, count: limit };
      read.zrange(this.keys.checkpoints(threadId, namespace), max, '-', { byLex: true, rev: true, ...page });
    }
    const idLists = await read.exec<unknown[][]>();
    const refs: CheckpointRef[] = [];
    for (const [index, ids] of idLists.entries()) {
      const pair = pairs[index];
      if (!pair) continue;
      for (const id of ids) {
        const checkpointId = fromMember(id);
        if (onlyId === undefined || onlyId === checkpointId) refs.push({ ...pair, checkpointId });
      }
    }
    refs.sort((a, b) => (a.checkpointId < b.checkpointId ? 1 : a.checkpointId > b.checkpointId ? -1 : 0));
    return limit === undefined ? refs : refs.slice(0, limit);
  }

  /**
   * Tuples of existing checkpoints, with their channel values and pending writes: two pipelined round trips (the
   * second reads the channel values the checkpoints' versions point to), three for checkpoints older than format v4.
   */
  private async loadTuples(refs: CheckpointRef[]): Promise<CheckpointTuple[]> {
    if (refs.length === 0) return [];
    const read = this.client.pipeline();
    for (const { threadId, namespace, checkpointId } of refs) {
      read.get(this.keys.checkpoint(threadId, namespace, checkpointId));
      read.hgetall(this.keys.writes(threadId, namespace, checkpointId));
    }
    const replies = await read.exec<unknown[]>();
    const found: Array<{ ref: CheckpointRef; record: CheckpointRecord; checkpoint: Checkpoint; writes: unknown }> = [];
    for (const [index, ref] of refs.entries()) {
      const record = readRecord<CheckpointRecord>(replies[index * 2]);
      if (!record) continue;
      const checkpoint = (await deserialize(this.serde, record.checkpoint)) as Checkpoint;
      found.push({ ref, record, checkpoint, writes: replies[index * 2 + 1] });
    }
    await this.loadChannelValues(found);
    const tuples: CheckpointTuple[] = [];
    for (const { ref, record, checkpoint, writes } of found) {
      if (checkpoint.v < 4 && record.parentId !== undefined) {
        await this.migratePendingSends(checkpoint, ref, record.parentId);
      }
      const tuple: CheckpointTuple = {
        config: {
          configurable: { thread_id: ref.threadId, checkpoint_ns: ref.namespace, checkpoint_id: ref.checkpointId },
        },
        checkpoint,
        metadata: (await deserialize(this.serde, record.metadata)) as CheckpointMetadata,
        pendingWrites: await this.pendingWrites(writes),
      };
      if (record.parentId !== undefined) {
        tuple.parentConfig = {
          configurable: { thread_id: ref.threadId, checkpoint_ns: ref.namespace, checkpoint_id: record.parentId },
        };
      }
      tuples.push(tuple);
    }
    return tuples;
  }

  /** Fills each checkpoint's `channel_values` from the blobs its `channel_versions` point to, in one round trip. */
  private async loadChannelValues(found: Array<{ ref: CheckpointRef; checkpoint: Checkpoint }>): Promise<void> {
    const read = this.client.pipeline();
    const lookups: Array<{ checkpoint: Checkpoint; channels: string[] }> = [];
    for (const { ref, checkpoint } of found) {
      const mutable = checkpoint as { channel_values: Record<string, unknown> };
      mutable.channel_values = {};
      const channels = Object.keys(checkpoint.channel_versions ?? {});
      if (channels.length === 0) continue;
      const fields = channels.map((channel) => blobField(channel, checkpoint.channel_versions[channel] ?? ''));
      read.hmget(this.keys.blobs(ref.threadId, ref.namespace), ...fields);
      lookups.push({ checkpoint, channels });
    }
    if (lookups.length === 0) return;
    const replies = await read.exec<Array<Record<string, unknown> | null>>();
    for (const [index, { checkpoint, channels }] of lookups.entries()) {
      const values = replies[index] ?? {};
      const channelValues = (checkpoint as { channel_values: Record<string, unknown> }).channel_values;
      for (const channel of channels) {
        const blob = readRecord<BlobRecord>(values[blobField(channel, checkpoint.channel_versions[channel] ?? '')]);
        if (blob?.value) channelValues[channel] = await deserialize(this.serde, blob.value);
      }
    }
  }

  /** A writes hash as pending writes, in `writesSortKey` order. */
  private async pendingWrites(hash: unknown): Promise<CheckpointPendingWrite[]> {
    const records = Object.values((hash ?? {}) as Record<string, unknown>)
      .map((raw) => readRecord<WriteRecord>(raw))
      .filter((record): record is WriteRecord => record !== undefined)
      .map((record) => ({ record, key: writesSortKey(record.taskPath, record.taskId, record.idx) }))
      .sort((a, b) => compareWritesSortKeys(a.key, b.key));
    return Promise.all(
      records.map(
        async ({ record }): Promise<CheckpointPendingWrite> => [
          record.taskId,
          record.channel,
          await deserialize(this.serde, record.value),
        ],
      ),
    );
  }

  /** Checkpoints before format v4 kept pending sends as the parent's `TASKS` writes; move them into the state. */
  private async migratePendingSends(checkpoint: Checkpoint, ref: CheckpointRef, parentId: string): Promise<void> {
    const parentWrites = await this.pendingWrites(
      await this.client.hgetall(this.keys.writes(ref.threadId, ref.namespace, parentId)),
    );
    const mutable = checkpoint as { channel_values: Record<string, unknown>; channel_versions: ChannelVersions };
    mutable.channel_values ??= {};
    mutable.channel_values[TASKS] = parentWrites.filter(([, channel]) => channel === TASKS).map(([, , value]) => value);
    mutable.channel_versions ??= {};
    const versions = Object.values(mutable.channel_versions);
    mutable.channel_versions[TASKS] =
      versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
  }
}
