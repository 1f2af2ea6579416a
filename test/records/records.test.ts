import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { Records } from '../../src/records/records.js';
import { RECORDS_FILE, SCHEMA_VERSION } from '../../src/records/records-db.js';
import { tempDataDir } from '../support/server.js';

describe('records (SQLite beside the store)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('dpv-records-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps records across a reopen; null removes one; entries come by prefix in key order', () => {
    const records = Records.open(dir);
    records.write({ 'token:b': { org: 'boras' }, 'token:a': { org: 'ale' }, 'catalog:x': { datasets: 3 } });
    records.write({ 'catalog:x': null });
    records.close();
    const again = Records.open(dir);
    expect(again.entries('token:')).to.deep.equal([['token:a', { org: 'ale' }], ['token:b', { org: 'boras' }]]);
    expect(again.get('catalog:x')).to.equal(undefined);
    again.close();
  });

  it('applies prepared changes when their store write was durable, and drops them when it was not', () => {
    const records = Records.open(dir);
    const first = records.prepare(7, { 'catalog:a': { v: 1 } });
    expect(records.get('catalog:a'), 'not before the store answers').to.equal(undefined);
    records.settle(first, true);
    expect(records.get('catalog:a')).to.deep.equal({ v: 1 });
    const second = records.prepare(8, { 'catalog:a': { v: 2 } });
    records.settle(second, false);
    expect(records.get('catalog:a')).to.deep.equal({ v: 1 });
    records.close();
    expect(Records.open(dir).get('catalog:a')).to.deep.equal({ v: 1 });
  });

  it('a failed write settling late leaves alone the preparation of the write that took its seq', () => {
    const records = Records.open(dir);
    const failed = records.prepare(9, { 'catalog:a': { v: 'failed' } });
    const next = records.prepare(9, { 'catalog:a': { v: 'next' } });
    records.settle(failed, false);
    records.settle(next, true);
    expect(records.get('catalog:a')).to.deep.equal({ v: 'next' });
    records.close();
  });

  it('after a crash, applies what the store holds (seq ≤ its last durable write) and drops the rest', () => {
    const records = Records.open(dir);
    records.prepare(11, { 'catalog:a': { v: 11 } });
    records.prepare(12, { 'catalog:b': { v: 12 } });
    records.close(); // the process died before settling either
    const reopened = Records.open(dir);
    expect(reopened.recover(11)).to.deep.equal({ applied: 1, dropped: 1 });
    expect(reopened.get('catalog:a')).to.deep.equal({ v: 11 });
    expect(reopened.get('catalog:b')).to.equal(undefined);
    expect(reopened.recover(12), 'nothing is left pending').to.deep.equal({ applied: 0, dropped: 0 });
    reopened.close();
  });

  it('imports from a source once in its life, even when the records are later all removed', () => {
    const records = Records.open(dir);
    expect(records.importOnce('store-registry', () => [['token:a', { org: 'ale' }]])).to.equal(1);
    records.write({ 'token:a': null });
    expect(records.importOnce('store-registry', () => [['token:a', { org: 'ale' }]])).to.equal(0);
    expect(records.size).to.equal(0);
    records.close();
  });

  it('brings a database of schema version 1 (0.6.0) up to date, keeping its records', () => {
    const old = new Database(path.join(dir, RECORDS_FILE));
    old.exec(`CREATE TABLE record (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE pending_write (seq INTEGER PRIMARY KEY, write_id TEXT NOT NULL, changes TEXT NOT NULL, prepared_at INTEGER NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO record VALUES ('token:a', '{"org":"ale"}');`);
    old.pragma('user_version = 1');
    old.close();
    const records = Records.open(dir);
    expect(records.get('token:a')).to.deep.equal({ org: 'ale' });
    expect(records.db.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION);
    expect(records.db.prepare('SELECT count(*) AS n FROM audit_event').get()).to.deep.equal({ n: 0 });
    records.close();
  });

  it('versions its schema, and refuses a database from a newer release', () => {
    Records.open(dir).close();
    const db = new Database(path.join(dir, RECORDS_FILE));
    expect(db.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION);
    db.pragma('user_version = 99');
    db.close();
    expect(() => Records.open(dir)).to.throw(/schema version 99, newer than this server knows/);
  });
});
