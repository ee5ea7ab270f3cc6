import { connect, type Socket } from 'node:net';

/** An error reply from Redis (`-ERR ...`), kept as a value so EXEC results can carry it per item. */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespError';
  }
}

/** A decoded RESP2 reply. Bulk strings are decoded as UTF-8 (the Upstash REST protocol is JSON, not binary-safe). */
export type RespReply = string | number | null | RespError | RespReply[];

interface Pending {
  resolve: (reply: RespReply) => void;
  reject: (error: Error) => void;
}

/**
 * A minimal RESP2 client over one TCP connection: commands are written in order and replies are matched in order,
 * so MULTI/queued commands/EXEC on one connection behave exactly like redis-cli.
 */
export class RespConnection {
  readonly #socket: Socket;
  readonly #pending: Pending[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('error', (error) => this.#failAll(error));
    socket.on('close', () => {
      this.#closed = true;
      this.#failAll(new Error('redis connection closed'));
    });
  }

  /** Opens a connection. */
  static open(port: number, host = '127.0.0.1'): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RespConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one command and resolves with its reply (error replies resolve as {@link RespError}). */
  send(args: readonly string[]): Promise<RespReply> {
    if (this.#closed) return Promise.reject(new Error('redis connection closed'));
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#socket.write(encodeCommand(args));
    });
  }

  close(): void {
    this.#closed = true;
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#pending.length > 0) {
      const parsed = parseReply(this.#buffer, 0);
      if (parsed === undefined) return;
      this.#buffer = this.#buffer.subarray(parsed.end);
      this.#pending.shift()?.resolve(parsed.reply);
    }
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.splice(0)) pending.reject(error);
  }
}

/** Encodes a command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Parses one reply starting at `offset`; `undefined` when the buffer does not yet hold all of it. */
export function parseReply(buffer: Buffer, offset: number): { reply: RespReply; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: line, end: next };
    case '-':
      return { reply: new RespError(line), end: next };
    case ':':
      return { reply: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { reply: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, end: next };
      const items: RespReply[] = [];
      let cursor = next;
      for (let index = 0; index < count; index++) {
        const item = parseReply(buffer, cursor);
        if (item === undefined) return undefined;
        items.push(item.reply);
        cursor = item.end;
      }
      return { reply: items, end: cursor };
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}
