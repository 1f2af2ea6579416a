import type Database from 'better-sqlite3';
import { DEFAULT_TIER, type Tier } from './tier-rules.js';

/** One change of an organisation's tier: in force from `validFrom` (YYYY-MM-DD) until the next change. */
export interface TierChange {
  organisation: string;
  tier: Tier;
  validFrom: string;
  setBy: string;
  /** ISO 8601 date-time the change was made. */
  setAt: string;
}

interface TierRow {
  organisation: string;
  valid_from: string;
  tier: Tier;
  set_by: string;
  set_at: string;
}

/**
 * Each organisation's tier over time, in the records database (table `organisation_tier`). The history is kept, not
 * overwritten: fees are prorated by month from it. Reads are from memory (every write asks), writes go to SQLite first.
 */
export class Tiers {
  private readonly statements;
  private readonly history = new Map<string, TierChange[]>();

  constructor(db: Database.Database) {
    this.statements = {
      all: db.prepare<[], TierRow>('SELECT * FROM organisation_tier ORDER BY organisation, valid_from'),
      set: db.prepare<[string, string, string, string, string]>(
        'INSERT INTO organisation_tier (organisation, valid_from, tier, set_by, set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (organisation, valid_from) DO UPDATE SET tier = excluded.tier, set_by = excluded.set_by, set_at = excluded.set_at',
      ),
    };
    for (const row of this.statements.all.all()) this.remember(changeOfRow(row));
  }

  /** The organisation's tier on `date` (YYYY-MM-DD; today by default): DEFAULT_TIER before any change. */
  of(organisation: string, date: string = today()): Tier {
    let tier: Tier = DEFAULT_TIER;
    for (const change of this.history.get(organisation) ?? []) {
      if (change.validFrom > date) break;
      tier = change.tier;
    }
    return tier;
  }

  /** Every change of the organisation's tier, oldest first. */
  changes(organisation: string): readonly TierChange[] {
    return this.history.get(organisation) ?? [];
  }

  /** Organisations that have had a tier set, in id order. */
  organisations(): string[] {
    return [...this.history.keys()].sort();
  }

  /** Set the tier from `validFrom` on; a second change on the same date replaces the first. Durable on return. */
  set(organisation: string, tier: Tier, validFrom: string, setBy: string): TierChange {
    const change: TierChange = { organisation, tier, validFrom, setBy, setAt: new Date().toISOString() };
    this.statements.set.run(organisation, validFrom, tier, setBy, change.setAt);
    this.remember(change);
    return change;
  }

  private remember(change: TierChange): void {
    const list = (this.history.get(change.organisation) ?? []).filter((c) => c.validFrom !== change.validFrom);
    list.push(change);
    list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    this.history.set(change.organisation, list);
  }
}

function changeOfRow(row: TierRow): TierChange {
  return { organisation: row.organisation, tier: row.tier, validFrom: row.valid_from, setBy: row.set_by, setAt: row.set_at };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
