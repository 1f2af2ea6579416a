import fs from 'node:fs';
import { expect } from 'chai';
import { Records } from '../../src/records/records.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { tempDataDir } from '../support/server.js';

describe('audit log (append-only, in the records database)', () => {
  let dir: string;
  let records: Records;
  beforeEach(() => {
    dir = tempDataDir('dpv-audit-');
    records = Records.open(dir);
  });
  afterEach(() => {
    records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events across a reopen, newest first, by organisation and in pages', () => {
    const log = new AuditLog(records.db);
    log.record({ actor: 'admin token', action: 'tier.set', organisation: 'boras', target: 'boras', details: { tier: 'AVANCERAD' } });
    log.record({ actor: 'token of ale', action: 'catalog.replace', organisation: 'ale', target: 'ale', details: { datasets: 3 } });
    const third = log.record({ actor: 'admin token', action: 'token.create', organisation: 'boras', target: 'boras', details: {} });
    records.close();
    records = Records.open(dir);
    const again = new AuditLog(records.db);
    expect(again.list().map((e) => e.action)).to.deep.equal(['token.create', 'catalog.replace', 'tier.set']);
    expect(again.list({ organisation: 'boras' }).map((e) => e.id)).to.have.length(2);
    expect(again.list({ before: third.id, limit: 1 }).map((e) => e.action)).to.deep.equal(['catalog.replace']);
    expect(again.list({ organisation: 'ale' })[0]).to.include({ actor: 'token of ale', target: 'ale' }).and.to.have.deep.property('details', { datasets: 3 });
  });

  it('refuses to change or remove an event, even through SQL', () => {
    const log = new AuditLog(records.db);
    log.record({ actor: 'admin token', action: 'tier.set', target: 'boras', details: {} });
    expect(() => records.db.prepare("UPDATE audit_event SET actor = 'someone else'").run()).to.throw(/append-only/);
    expect(() => records.db.prepare('DELETE FROM audit_event').run()).to.throw(/append-only/);
    expect(log.list()).to.have.length(1);
  });
});
