import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The server's own records in SQLite (`DATA_DIR/records.sqlite`): catalog records and token hashes, the audit log,
 * tiers, and (as modules arrive) accounts and usage counts. The schema is versioned: each migration runs once, in order, in a transaction, and
 * `PRAGMA user_version` says how many have run. Append new migrations; never edit one that has shipped.
 */
const MIGRATIONS: string[] = [
  // 1: key-value records, record changes prepared for a store write that is not known to be durable yet, and facts
  // about this database itself (meta).
  `CREATE TABLE record (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE pending_write (seq INTEGER PRIMARY KEY, write_id TEXT NOT NULL, changes TEXT NOT NULL, prepared_at INTEGER NOT NULL);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
  // 2 (issue 11): the audit log, append-only (src/audit), and each organisation's tier over time (src/tiers): a row
  // per change, in force from valid_from (a date) until the next row's.
  `CREATE TABLE audit_event (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
     organisation TEXT, target TEXT NOT NULL, details TEXT NOT NULL);
   CREATE INDEX audit_event_organisation ON audit_event (organisation, id);
   CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TABLE organisation_tier (organisation TEXT NOT NULL, valid_from TEXT NOT NULL, tier TEXT NOT NULL,
     set_by TEXT NOT NULL, set_at TEXT NOT NULL, PRIMARY KEY (organisation, valid_from)) WITHOUT ROWID;`,
];

export const RECORDS_FILE = 'records.sqlite';

/** The schema version this build writes: how many migrations it knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function openRecordsDb(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, RECORDS_FILE));
  // WAL with synchronous=FULL: a committed transaction is on disk before the call returns, as the journal's
  // fdatasync is for graph writes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`${RECORDS_FILE} has schema version ${version}, newer than this server knows (${MIGRATIONS.length}): run a newer release`);
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
