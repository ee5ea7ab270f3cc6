import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../../errors.js';
import type { HistoryEntry, PendingMutation, StoredMessage } from '../../spec/coordination-store.js';
import type { MemoryRecord } from '../../spec/memory-record.js';
import type { SqliteDatabase } from './database.js';
import { insertMemory } from './memory-rows.js';

/**
 * The JSON-lines journal that memzero ≤ 0.1 wrote under `path`: per store a snapshot (`<name>.snapshot.json`,
 * `{ sequence, state }`) and a log (`<name>.log`, one `{ sequence, operation }` per line; only the last line may be
 * cut by a crash).
 */
const journalFiles = ['vectors.snapshot.json', 'vectors.log', 'coordination.snapshot.json', 'coordination.log'];
const importedKey = 'journal_imported';

type VectorOperation =
  | { kind: 'upsert'; record: MemoryRecord; vector: string }
  | { kind: 'patch'; record: MemoryRecord }
  | { kind: 'delete'; ids: string[] }
  | { kind: 'reset' };

type CoordinationOperation =
  | { kind: 'begin'; mutation: PendingMutation }
  | { kind: 'complete'; mutation: PendingMutation }
  | { kind: 'deleteHistory'; memoryIds: string[] }
  | { kind: 'appendMessages'; sessionKey: string; messages: StoredMessage[] }
  | { kind: 'clearMessages'; sessionKey: string }
  | { kind: 'replaceMessages'; sessionKey: string; messages: StoredMessage[] }
  | { kind: 'reset' };

interface CoordinationState {
  pending: PendingMutation[];
  history: HistoryEntry[];
  messages: Array<{ sessionKey: string; message: StoredMessage }>;
}

/**
 * Imports a directory written by the journal into the database, once (a marker in `meta` records it; the journal
 * files stay where they are and can be deleted afterwards). Everything is read and checked before anything is
 * written, and written in one transaction, so a failed import changes nothing.
 * @throws StoreError when a journal file is damaged or too large to read, saying what to do
 */
export function importJournal(database: SqliteDatabase, directory: string): void {
  if (!journalFiles.some((file) => existsSync(join(directory, file)))) return;
  if (database.run('open', () => database.meta(importedKey)) !== undefined) return;
  const memories = new Map<string, { record: MemoryRecord; vector: Uint8Array }>();
  replay<Array<{ record: MemoryRecord; vector: string }>, VectorOperation>(
    directory,
    'vectors',
    (snapshot) => {
      for (const item of snapshot)
        memories.set(item.record.id, { record: item.record, vector: decodeBase64(item.vector) });
    },
    (operation) => {
      if (operation.kind === 'upsert') {
        memories.set(operation.record.id, { record: operation.record, vector: decodeBase64(operation.vector) });
      } else if (operation.kind === 'patch') {
        const existing = memories.get(operation.record.id);
        if (existing) existing.record = operation.record;
      } else if (operation.kind === 'delete') {
        for (const id of operation.ids) memories.delete(id);
      } else memories.clear();
    },
  );
  const pending = new Map<string, PendingMutation>();
  const history = new Map<string, HistoryEntry>();
  const messages = new Map<string, StoredMessage[]>();
  const appendHistory = (entries: HistoryEntry[]): void => {
    for (const entry of entries) if (!history.has(entry.id)) history.set(entry.id, entry);
  };
  replay<CoordinationState, CoordinationOperation>(
    directory,
    'coordination',
    (snapshot) => {
      for (const mutation of snapshot.pending) pending.set(mutation.id, mutation);
      appendHistory(snapshot.history);
      for (const { sessionKey, message } of snapshot.messages)
        messages.set(sessionKey, [...(messages.get(sessionKey) ?? []), message]);
    },
    (operation) => {
      switch (operation.kind) {
        case 'begin':
          pending.set(operation.mutation.id, operation.mutation);
          return;
        case 'complete':
          if (pending.delete(operation.mutation.id)) appendHistory(operation.mutation.history);
          return;
        case 'deleteHistory':
          for (const entry of [...history.values()])
            if (operation.memoryIds.includes(entry.memoryId)) history.delete(entry.id);
          return;
        case 'appendMessages':
          messages.set(operation.sessionKey, [...(messages.get(operation.sessionKey) ?? []), ...operation.messages]);
          return;
        case 'clearMessages':
          messages.delete(operation.sessionKey);
          return;
        case 'replaceMessages':
          messages.set(operation.sessionKey, operation.messages);
          return;
        case 'reset':
          pending.clear();
          history.clear();
          messages.clear();
      }
    },
  );
  database.write('import', () => {
    if (database.meta(importedKey) !== undefined) return;
    for (const { record, vector } of memories.values()) insertMemory(database, record, vector);
    const insertPending = database.prepare('INSERT OR IGNORE INTO pending (id, scope_key, body) VALUES (?, ?, ?)');
    for (const mutation of pending.values())
      insertPending.run(mutation.id, mutation.scopeKey, JSON.stringify(mutation));
    const insertHistory = database.prepare('INSERT OR IGNORE INTO history (id, memory_id, body) VALUES (?, ?, ?)');
    for (const entry of history.values()) insertHistory.run(entry.id, entry.memoryId, JSON.stringify(entry));
    const insertMessage = database.prepare('INSERT INTO messages (session_key, body) VALUES (?, ?)');
    for (const [sessionKey, list] of messages)
      for (const message of list) insertMessage.run(sessionKey, JSON.stringify(message));
    database.setMeta('epoch', randomUUID());
    database.setMeta(
      importedKey,
      JSON.stringify({ at: new Date().toISOString(), memories: memories.size, history: history.size }),
    );
  });
}

/** Reads one store's snapshot and the log lines after it, in order. */
function replay<Snapshot, Operation>(
  directory: string,
  name: string,
  onSnapshot: (snapshot: Snapshot) => void,
  onOperation: (operation: Operation) => void,
): void {
  const snapshotPath = join(directory, `${name}.snapshot.json`);
  const logPath = join(directory, `${name}.log`);
  let lastIncluded = 0;
  if (existsSync(snapshotPath)) {
    const snapshot = parse<{ sequence: number; state: Snapshot }>(readFile(snapshotPath), snapshotPath);
    lastIncluded = snapshot.sequence;
    onSnapshot(snapshot.state);
  }
  if (!existsSync(logPath)) return;
  const bytes = readFileSync(logPath);
  const lines: Array<[number, number]> = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    lines.push([start, end === -1 ? bytes.length : end]);
    start = end === -1 ? bytes.length : end + 1;
  }
  lines.forEach(([start, end], index) => {
    const text = bytes.toString('utf8', start, end);
    if (text.trim().length === 0) return;
    let line: { sequence: number; operation: Operation };
    try {
      line = JSON.parse(text) as { sequence: number; operation: Operation };
    } catch {
      if (index === lines.length - 1) return; // cut by a crash while appending: the write was never acknowledged
      throw new StoreError(
        'sqlite',
        'import',
        `cannot import the journal: line ${index + 1} of ${logPath} is damaged. Restore the directory from a backup, or remove that line to import the rest; nothing was imported.`,
      );
    }
    if (line.sequence > lastIncluded) onOperation(line.operation);
  });
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new StoreError(
      'sqlite',
      'import',
      `cannot import the journal: ${path} cannot be read (larger than this runtime's 512 MiB string limit?). Export the memories with the memzero version that wrote it (getAll) and add them to a new path with infer: false; nothing was imported.`,
      { cause: error },
    );
  }
}

function parse<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    // The parser's message quotes the text, which may be memory text: it is not passed on.
    throw new StoreError(
      'sqlite',
      'import',
      `cannot import the journal: ${path} is damaged. Restore the directory from a backup, or move that file away to import the log alone; nothing was imported.`,
    );
  }
}

function decodeBase64(encoded: string): Uint8Array {
  return new Uint8Array(Buffer.from(encoded, 'base64'));
}
