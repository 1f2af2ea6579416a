import fs from 'node:fs';
import { expect } from 'chai';
import { Records } from '../../src/records/records.js';
import { Tiers } from '../../src/tiers/tiers.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { Organisations } from '../../src/organisations/organisations.js';
import { HttpError } from '../../src/http/errors.js';
import { setTier } from '../../src/tiers/set-tier.js';
import { tierStatus } from '../../src/tiers/tier-status.js';
import { tempDataDir } from '../support/server.js';

describe('setting a tier', () => {
  let dir: string;
  let records: Records;
  let ctx: { tiers: Tiers; audit: AuditLog; organisations: Organisations };
  const admin = { role: 'admin' as const };
  beforeEach(() => {
    dir = tempDataDir('dpv-set-tier-');
    records = Records.open(dir);
    ctx = { tiers: new Tiers(records.db), audit: new AuditLog(records.db), organisations: Organisations.load('http://localhost') };
  });
  afterEach(() => {
    records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (organisation: string, input: Record<string, unknown>): HttpError => {
    try {
      setTier(ctx, admin, organisation, input);
    } catch (error) {
      return error as HttpError;
    }
    throw new Error('the change was not refused');
  };

  it('records each change in the audit log with who, the tier, the day and the tier it replaces', () => {
    setTier(ctx, admin, 'boras', { tier: 'ENKEL', validFrom: '2026-03-01' });
    setTier(ctx, admin, 'boras', { tier: 'AVANCERAD', validFrom: '2026-09-16' });
    const events = ctx.audit.list({ organisation: 'boras' });
    expect(events.map((e) => [e.action, e.actor, e.target])).to.deep.equal([
      ['tier.set', 'admin token', 'boras'],
      ['tier.set', 'admin token', 'boras'],
    ]);
    expect(events[0]!.details).to.deep.equal({ tier: 'AVANCERAD', validFrom: '2026-09-16', previous: 'ENKEL' });
    expect(events[1]!.details).to.deep.equal({ tier: 'ENKEL', validFrom: '2026-03-01', previous: null });
    expect(ctx.tiers.changes('boras').map((c) => [c.tier, c.validFrom, c.setBy])).to.deep.equal([
      ['ENKEL', '2026-03-01', 'admin token'],
      ['AVANCERAD', '2026-09-16', 'admin token'],
    ]);
  });

  it('refuses what is not a tier, not a day, or not an organisation, naming the field, and stores nothing', () => {
    expect(refusal('boras', { validFrom: '2026-01-01' })).to.include({ status: 400 }).and.have.property('message').that.matches(/"tier" is required: one of ENKEL, AVANCERAD/);
    expect(refusal('boras', { tier: 'enkel', validFrom: '2026-01-01' }).message).to.match(/"tier" must be one of ENKEL, AVANCERAD, got "enkel"/);
    expect(refusal('boras', { tier: 'ENKEL' }).details).to.deep.equal({ field: 'validFrom' });
    expect(refusal('boras', { tier: 'ENKEL', validFrom: '1/3/2026' }).message).to.match(/YYYY-MM-DD, got "1\/3\/2026"/);
    expect(refusal('boras', { tier: 'ENKEL', validFrom: '2026-02-30' }).message).to.match(/not a day of the calendar/);
    expect(refusal('boras', { tier: 'ENKEL', validFrom: 20260101 }).message).to.match(/YYYY-MM-DD/);
    expect(refusal('boras', { tier: 'ENKEL', validFrom: '1999-12-31' }).message).to.match(/2000–2099/);
    expect(refusal('atlantis', { tier: 'ENKEL', validFrom: '2026-01-01' })).to.include({ status: 404 });
    expect(ctx.tiers.organisations()).to.deep.equal([]);
    expect(ctx.audit.list()).to.deep.equal([]);
  });

  it('tells the tier in force, since when, and the day it joined', () => {
    setTier(ctx, admin, 'ale', { tier: 'ENKEL', validFrom: '2025-05-01' });
    setTier(ctx, admin, 'ale', { tier: 'ENKEL', validFrom: '2025-09-01' });
    setTier(ctx, admin, 'ale', { tier: 'AVANCERAD', validFrom: '2026-02-10' });
    expect(tierStatus(ctx.tiers, 'ale', '2025-04-30')).to.deep.equal({ joined: '2025-05-01', tier: undefined, since: undefined });
    // A change to the tier already in force does not start a new spell.
    expect(tierStatus(ctx.tiers, 'ale', '2025-12-31')).to.deep.equal({ joined: '2025-05-01', tier: 'ENKEL', since: '2025-05-01' });
    expect(tierStatus(ctx.tiers, 'ale', '2026-02-10')).to.deep.equal({ joined: '2025-05-01', tier: 'AVANCERAD', since: '2026-02-10' });
    expect(tierStatus(ctx.tiers, 'lerum', '2026-02-10')).to.deep.equal({ joined: undefined, tier: undefined, since: undefined });
  });
});
