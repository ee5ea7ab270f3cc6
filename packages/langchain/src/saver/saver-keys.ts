/**
 * Redis key layout of `UpstashRedisSaver`. Thread ids and namespaces are URI-encoded, so a `:` inside them cannot
 * collide with the separator.
 *
 * - `<prefix>:threads` (sorted set, scored by last write in epoch ms): thread ids.
 * - `<prefix>:namespaces:<thread>` (set): checkpoint namespaces of a thread.
 * - `<prefix>:checkpoints:<thread>:<ns>` (sorted set, all scores 0): checkpoint ids, read in lexical order (uuid6 ids
 *   sort by time).
 * - `<prefix>:checkpoint:<thread>:<ns>:<id>` (string): the serialised checkpoint, metadata and parent id.
 * - `<prefix>:blobs:<thread>:<ns>` (hash): channel values, one field per `(channel, version)`, written only when a
 *   channel's version changes (checkpoints store `channel_versions`, not the values).
 * - `<prefix>:writes:<thread>:<ns>:<id>` (hash): pending writes, one field per `(taskId, idx)`.
 * - `<prefix>:write-keys:<thread>` (set): the writes hashes of a thread, so `deleteThread` finds them all.
 */
export class SaverKeys {
  constructor(private readonly prefix: string) {}

  threads(): string {
    return `${this.prefix}:threads`;
  }

  namespaces(threadId: string): string {
    return `${this.prefix}:namespaces:${encode(threadId)}`;
  }

  checkpoints(threadId: string, namespace: string): string {
    return `${this.prefix}:checkpoints:${encode(threadId)}:${encode(namespace)}`;
  }

  checkpoint(threadId: string, namespace: string, checkpointId: string): string {
    return `${this.prefix}:checkpoint:${encode(threadId)}:${encode(namespace)}:${encode(checkpointId)}`;
  }

  blobs(threadId: string, namespace: string): string {
    return `${this.prefix}:blobs:${encode(threadId)}:${encode(namespace)}`;
  }

  writes(threadId: string, namespace: string, checkpointId: string): string {
    return `${this.prefix}:writes:${encode(threadId)}:${encode(namespace)}:${encode(checkpointId)}`;
  }

  writeKeys(threadId: string): string {
    return `${this.prefix}:write-keys:${encode(threadId)}`;
  }
}

function encode(part: string): string {
  return encodeURIComponent(part);
}
