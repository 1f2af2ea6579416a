import type Database from 'better-sqlite3';

/** One change, as the audit log keeps it. */
export interface AuditEvent {
  id: number;
  /** ISO 8601 date-time. */
  at: string;
  /** Who made the change (src/auth/access.ts actorName): a person, or whose token. */
  actor: string;
  /** What kind of change, dotted: `catalog.replace`, `token.create`, `membership.add`, `tier.set`, … */
  action: string;
  /** The organisation the change concerns, when it concerns one. */
  organisation?: string;
  /** What was changed: a catalog id, a token's id, a user's e-mail, … */
  target: string;
  /** What else a reader needs to understand the change (never a secret). */
  details: Record<string, unknown>;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

export interface AuditQuery {
  organisation?: string;
  /** Events older than this id (paging backwards from the newest). */
  before?: number;
  limit?: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  organisation: string | null;
  target: string;
  details: string;
}

/**
 * Who changed what and when, in the records database (table `audit_event`). Append-only: the table's triggers refuse
 * UPDATE and DELETE, so not even a bug in this server can edit the past. Durable when `record` returns.
 */
export class AuditLog {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string, string, string | null, string, string]>(
        'INSERT INTO audit_event (at, actor, action, organisation, target, details) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      page: db.prepare<[number, number], AuditRow>('SELECT * FROM audit_event WHERE id < ? ORDER BY id DESC LIMIT ?'),
      pageOf: db.prepare<[string, number, number], AuditRow>('SELECT * FROM audit_event WHERE organisation = ? AND id < ? ORDER BY id DESC LIMIT ?'),
    };
  }

  record(event: NewAuditEvent): AuditEvent {
    const at = new Date().toISOString();
    const { lastInsertRowid } = this.statements.insert.run(at, event.actor, event.action, event.organisation ?? null, event.target, JSON.stringify(event.details));
    return { id: Number(lastInsertRowid), at, ...event };
  }

  /** The newest events first, at most `limit` (default 100). */
  list(query: AuditQuery = {}): AuditEvent[] {
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
    const rows = query.organisation ? this.statements.pageOf.all(query.organisation, before, limit) : this.statements.page.all(before, limit);
    return rows.map(eventOfRow);
  }
}

function eventOfRow(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...(row.organisation === null ? {} : { organisation: row.organisation }),
    target: row.target,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
