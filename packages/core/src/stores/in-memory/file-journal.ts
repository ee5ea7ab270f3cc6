import { StoreError } from '../../errors.js';
import { nodeBuiltin } from '../../runtime/environment.js';

// Node-only and opt-in (`path`): the file system comes through `process.getBuiltinModule`, which bundlers do not
// follow, so the stores that use the journal stay loadable in Web runtimes.
const fs = (): typeof import('node:fs') => nodeBuiltin('node:fs', 'path (file persistence)');
const path = (): typeof import('node:path') => nodeBuiltin('node:path', 'path (file persistence)');

/** `directory` joined with `name` by the platform's rules. */
export function joinPath(directory: string, name: string): string {
  return path().join(directory, name);
}

/** One line of the log: a sequence number and an operation. */
interface LogLine<Operation> {
  sequence: number;
  operation: Operation;
}

/** What a journal holds when opened: the last snapshot and the operations logged after it. */
export interface JournalContents<Snapshot, Operation> {
  snapshot?: Snapshot;
  operations: Operation[];
}

/**
 * Crash-safe persistence for the in-process stores: an append-only log of operations (one JSON line each, fsynced)
 * plus a snapshot written to a temporary file and renamed into place. A crash mid-append leaves at most a partial
 * last line, which is ignored on load; a crash mid-snapshot leaves the previous snapshot and the full log. Every
 * line carries a sequence number and the snapshot records the last one it includes, so nothing is applied twice.
 */
export class FileJournal<Snapshot, Operation> {
  private readonly logPath: string;
  private readonly snapshotPath: string;
  private sequence = 0;
  private linesSinceSnapshot = 0;
  private descriptor: number | undefined;

  constructor(
    private readonly store: string,
    basePath: string,
    private readonly options: { fsync: boolean },
  ) {
    this.logPath = `${basePath}.log`;
    this.snapshotPath = `${basePath}.snapshot.json`;
    fs().mkdirSync(path().dirname(basePath), { recursive: true });
  }

  /** Reads the snapshot and the operations logged after it. */
  load(): JournalContents<Snapshot, Operation> {
    let snapshot: Snapshot | undefined;
    let lastIncluded = 0;
    if (fs().existsSync(this.snapshotPath)) {
      const parsed = this.parse<{ sequence: number; state: Snapshot }>(fs().readFileSync(this.snapshotPath, 'utf8'));
      snapshot = parsed.state;
      lastIncluded = parsed.sequence;
    }
    const operations: Operation[] = [];
    this.sequence = lastIncluded;
    if (fs().existsSync(this.logPath)) {
      const lines = fs().readFileSync(this.logPath, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (line.trim().length === 0) return;
        let parsed: LogLine<Operation>;
        try {
          parsed = JSON.parse(line) as LogLine<Operation>;
        } catch (error) {
          // Only the last line can be cut by a crash; anything else is real corruption.
          if (index >= lines.length - 2) return;
          throw new StoreError(this.store, 'load', `corrupt line ${index + 1} in ${this.logPath}`, { cause: error });
        }
        if (parsed.sequence <= lastIncluded) return;
        operations.push(parsed.operation);
        this.sequence = Math.max(this.sequence, parsed.sequence);
        this.linesSinceSnapshot += 1;
      });
    }
    return snapshot === undefined ? { operations } : { snapshot, operations };
  }

  /** Appends operations durably (one write, one fsync). */
  append(operations: Operation[]): void {
    if (operations.length === 0) return;
    const text = operations
      .map((operation) => JSON.stringify({ sequence: ++this.sequence, operation } satisfies LogLine<Operation>))
      .join('\n');
    try {
      this.descriptor ??= fs().openSync(this.logPath, 'a');
      fs().writeSync(this.descriptor, `${text}\n`);
      if (this.options.fsync) fs().fsyncSync(this.descriptor);
    } catch (error) {
      throw new StoreError(this.store, 'persist', `cannot write ${this.logPath}`, { cause: error, isRetryable: true });
    }
    this.linesSinceSnapshot += operations.length;
  }

  /** Whether the log has grown enough, relative to the state's size, to be worth a snapshot. */
  shouldCompact(stateSize: number): boolean {
    return this.linesSinceSnapshot > Math.max(1_000, stateSize * 2);
  }

  /** Writes a snapshot of the whole state and starts a new, empty log. */
  compact(state: Snapshot): void {
    const temporary = `${this.snapshotPath}.tmp`;
    try {
      const descriptor = fs().openSync(temporary, 'w');
      fs().writeSync(descriptor, JSON.stringify({ sequence: this.sequence, state }));
      fs().fsyncSync(descriptor);
      fs().closeSync(descriptor);
      fs().renameSync(temporary, this.snapshotPath);
      if (this.descriptor !== undefined) fs().closeSync(this.descriptor);
      this.descriptor = fs().openSync(this.logPath, 'w');
      if (this.options.fsync) fs().fsyncSync(this.descriptor);
    } catch (error) {
      throw new StoreError(this.store, 'persist', `cannot write ${this.snapshotPath}`, { cause: error });
    }
    this.linesSinceSnapshot = 0;
  }

  close(): void {
    if (this.descriptor !== undefined) fs().closeSync(this.descriptor);
    this.descriptor = undefined;
  }

  private parse<T>(text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new StoreError(this.store, 'load', `corrupt snapshot ${this.snapshotPath}`, { cause: error });
    }
  }
}
