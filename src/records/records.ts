import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { openRecordsDb } from './records-db.js';

/** Changes to records: a value sets a key, `null` removes it. */
export type RecordChanges = Record<string, unknown>;

/** What prepare() hands back, to settle() the same preparation later. */
export interface PreparedChanges {
  seq: number;
  writeId: string;
}

/**
 * The server's own records (catalog records, token hashes), kept apart from the triple store in SQLite, yet atomic
 * with the graph write they belong to. Store writes are numbered (their `seq`) and made durable one at a time; a
 * change that belongs to one is first *prepared* under that number, inside the store's write, before the store makes
 * the write durable, and *settled* once the store has answered. After a crash, `recover(storeSeq)` applies every
 * prepared change whose write the store holds (seq ≤ the store's last durable write) and drops the others, so a
 * record and its graph are both there or neither is, on either backend.
 *
 * Reads come from memory (every request that carries a token asks), writes go to SQLite first.
 */
export class Records {
  private readonly values = new Map<string, unknown>();
  /** The database itself, for modules that keep tables of their own in it (src/audit, src/tiers, accounts). */
  readonly db: Database.Database;
  private readonly statements;

  private constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      all: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM record'),
      set: db.prepare<[string, string]>('INSERT INTO record (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare<[string]>('DELETE FROM record WHERE key = ?'),
      prepare: db.prepare<[number, string, string, number]>('INSERT OR REPLACE INTO pending_write (seq, write_id, changes, prepared_at) VALUES (?, ?, ?, ?)'),
      pending: db.prepare<[], { seq: number; write_id: string }>('SELECT seq, write_id FROM pending_write ORDER BY seq'),
      pendingOne: db.prepare<[number, string], { changes: string }>('SELECT changes FROM pending_write WHERE seq = ? AND write_id = ?'),
      settle: db.prepare<[number]>('DELETE FROM pending_write WHERE seq = ?'),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    for (const row of this.statements.all.all()) this.values.set(row.key, JSON.parse(row.value) as unknown);
  }

  static open(dataDir: string): Records {
    return new Records(openRecordsDb(dataDir));
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  /** Entries whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): [string, T][] {
    return [...this.values.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as [string, T][];
  }

  get size(): number {
    return this.values.size;
  }

  /** Change records that belong to no store write (a token issued or revoked): durable on return. */
  write(changes: RecordChanges): void {
    this.db.transaction(() => this.applyToDb(changes))();
    this.applyToMemory(changes);
  }

  /**
   * Note `changes` for store write `seq`, durably, before the store makes that write durable. A failed write's seq is
   * given to the next write, whose preparation replaces the failed one's; the ticket tells them apart when settling.
   */
  prepare(seq: number, changes: RecordChanges): PreparedChanges {
    const ticket = { seq, writeId: crypto.randomUUID() };
    this.statements.prepare.run(seq, ticket.writeId, JSON.stringify(changes), Date.now());
    return ticket;
  }

  /**
   * The store has answered: apply the prepared changes when their write was made durable, drop them when not.
   * Nothing happens when another write's preparation has taken the seq since.
   */
  settle(ticket: PreparedChanges, durable: boolean): void {
    const { seq } = ticket;
    const row = this.statements.pendingOne.get(seq, ticket.writeId);
    if (!row) return;
    const changes = JSON.parse(row.changes) as RecordChanges;
    this.db.transaction(() => {
      if (durable) this.applyToDb(changes);
      this.statements.settle.run(seq);
    })();
    if (durable) this.applyToMemory(changes);
  }

  /**
   * After a start: settle what a crash left prepared. `storeSeq` is the store's last durable write; writes are made
   * durable in seq order, one at a time, so a prepared seq at or below it was made durable and one above was not.
   * Returns how many were applied and dropped.
   */
  recover(storeSeq: number): { applied: number; dropped: number } {
    let applied = 0;
    let dropped = 0;
    for (const { seq, write_id: writeId } of this.statements.pending.all()) {
      const durable = seq <= storeSeq;
      this.settle({ seq, writeId }, durable);
      if (durable) applied++;
      else dropped++;
    }
    return { applied, dropped };
  }

  /**
   * Take records from `source` once in the life of this database (`name` says which source), e.g. the registry an
   * older release kept in the store's journal. Returns how many were taken (0 when done before).
   */
  importOnce(name: string, source: () => Iterable<[string, unknown]>): number {
    const key = `imported:${name}`;
    if (this.statements.meta.get(key)) return 0;
    const changes = Object.fromEntries(source());
    this.db.transaction(() => {
      this.applyToDb(changes);
      this.statements.setMeta.run(key, new Date().toISOString());
    })();
    this.applyToMemory(changes);
    return Object.keys(changes).length;
  }

  close(): void {
    this.db.close();
  }

  private applyToDb(changes: RecordChanges): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) this.statements.remove.run(key);
      else this.statements.set.run(key, JSON.stringify(value));
    }
  }

  private applyToMemory(changes: RecordChanges): void {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) this.values.delete(key);
      else this.values.set(key, value);
    }
  }
}
