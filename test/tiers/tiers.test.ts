import fs from 'node:fs';
import { expect } from 'chai';
import { Records } from '../../src/records/records.js';
import { Tiers } from '../../src/tiers/tiers.js';
import { DEFAULT_TIER, TIER_RULES } from '../../src/tiers/tier-rules.js';
import { tempDataDir } from '../support/server.js';

describe('tiers over time', () => {
  let dir: string;
  let records: Records;
  beforeEach(() => {
    dir = tempDataDir('dpv-tiers-');
    records = Records.open(dir);
  });
  afterEach(() => {
    records.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the tier in force on a date, keeps the history across a reopen, and defaults to ENKEL', () => {
    const tiers = new Tiers(records.db);
    tiers.set('boras', 'ENKEL', '2025-01-01', 'admin token');
    tiers.set('boras', 'AVANCERAD', '2026-04-01', 'admin token');
    records.close();
    records = Records.open(dir);
    const again = new Tiers(records.db);
    expect(again.of('boras', '2025-12-31')).to.equal('ENKEL');
    expect(again.of('boras', '2026-04-01')).to.equal('AVANCERAD');
    expect(again.of('ale', '2026-04-01')).to.equal(DEFAULT_TIER);
    expect(again.changes('boras').map((c) => c.tier)).to.deep.equal(['ENKEL', 'AVANCERAD']);
    expect(again.organisations()).to.deep.equal(['boras']);
  });

  it('a second change on the same date replaces the first', () => {
    const tiers = new Tiers(records.db);
    tiers.set('ale', 'AVANCERAD', '2026-05-01', 'admin token');
    tiers.set('ale', 'ENKEL', '2026-05-01', 'admin token');
    expect(tiers.changes('ale')).to.have.length(1);
    expect(tiers.of('ale', '2026-06-01')).to.equal('ENKEL');
  });

  it('ENKEL is AVANCERAD less: every profile, quota and feature of ENKEL is within AVANCERAD', () => {
    const { ENKEL, AVANCERAD } = TIER_RULES;
    expect(AVANCERAD.profiles).to.include.members([...ENKEL.profiles]);
    expect(AVANCERAD.storageBytes).to.be.above(ENKEL.storageBytes);
    expect(AVANCERAD.apiCalls.windowMs).to.be.below(ENKEL.apiCalls.windowMs);
  });
});
