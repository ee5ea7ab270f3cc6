/** The schema version this code writes (`PRAGMA user_version`); a database with a higher one is refused. */
export const schemaVersion = 2;

/** Changes from each older schema version to the next, run in order (in one transaction with {@link schema}). */
export const migrations: Record<number, string> = {
  1: 'ALTER TABLE memories ADD COLUMN terms TEXT;',
};

/** Tables of a memzero database, created in one transaction on first open. */
export const schema = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Memories: scope columns for seeks, the record as JSON, the unit-length vector as little-endian Float32, and the
-- record's lexical terms as encoded TermCounts (search/term-counts.ts) so a scope's index is rebuilt without tokenizing
-- (NULL: computed when read; schema 2 added the column to older rows that way).
CREATE TABLE IF NOT EXISTS memories (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT,
  agent_id TEXT,
  run_id TEXT,
  app_id TEXT,
  created_at TEXT NOT NULL,
  record TEXT NOT NULL,
  vector BLOB NOT NULL,
  terms TEXT
);
CREATE INDEX IF NOT EXISTS memories_user ON memories (user_id, created_at, id) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS memories_agent ON memories (agent_id, created_at, id) WHERE agent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS memories_run ON memories (run_id, created_at, id) WHERE run_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS memories_app ON memories (app_id, created_at, id) WHERE app_id IS NOT NULL;

-- A writer that does not know the terms column (memzero before schema 2, still running on this file) changes a record
-- without them: its stale terms are dropped, to be computed again when read.
CREATE TRIGGER IF NOT EXISTS memories_stale_terms AFTER UPDATE OF record ON memories
WHEN NEW.terms IS OLD.terms AND NEW.terms IS NOT NULL
  AND (json_extract(NEW.record, '$.memory') IS NOT json_extract(OLD.record, '$.memory')
    OR json_extract(NEW.record, '$.context') IS NOT json_extract(OLD.record, '$.context'))
BEGIN
  UPDATE memories SET terms = NULL WHERE rowid = NEW.rowid;
END;

-- Every write to memories, so other connections bring their per-scope caches up to date without a rebuild.
-- scope_keys: JSON array of the cache keys the memory had before and after the write.
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  memory_id TEXT NOT NULL,
  scope_keys TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS pending (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  scope_key TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_scope ON pending (scope_key, seq);

CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  memory_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_memory ON history (memory_id, seq);

-- Recent writes per scope key, newest = highest seq (re-recording an id replaces its row with a new seq).
CREATE TABLE IF NOT EXISTS recent_writes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  scope_key TEXT NOT NULL,
  memory_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  record TEXT,
  expires_at INTEGER NOT NULL,
  UNIQUE (scope_key, memory_id)
);
CREATE INDEX IF NOT EXISTS recent_writes_order ON recent_writes (scope_key, kind, seq);

CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_key TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_session ON messages (session_key, seq);

-- Per-key locks that span processes: a lease renewed while the task runs, taken over when it lapses or when the
-- holder's process (pid on the same host) is gone.
CREATE TABLE IF NOT EXISTS locks (
  key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
