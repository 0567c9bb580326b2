import { authorityHours, DEFAULT_IMMEDIATE_HOURS, type BreachCategory, type BreachFields, type BreachStatus, type NoticeAudience } from '../../../shared/breach';
import type { BreachDetail, BreachItem } from '../../../shared/channels/breach';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import { readPrivacyRegime } from '../privacy/privacy-settings-repository';
import { findUserByUsername } from '../users/user-repository';
import { affectedBy, countsPerCategory } from './breach-affected';
import { breachClocks } from './breach-clock';
import { signInsOf, type SignIn } from './breach-sign-ins';
import * as repo from './breach-repository';

export interface BreachDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const IMMEDIATE_KEY = 'breach.immediateHours';
export const notFound = (): CofferError => new CofferError('NOT_FOUND', 'That incident does not exist.');

export function readImmediateHours(db: Db): number {
  const hours = Number(getMeta(db, IMMEDIATE_KEY) ?? DEFAULT_IMMEDIATE_HOURS);
  return Number.isInteger(hours) && hours >= 1 && hours <= 720 ? hours : DEFAULT_IMMEDIATE_HOURS;
}

/** An account named on the record: a staff username, refused if unknown (nothing is written then). */
function subjectId(db: Db, username: string | null): number | null {
  if (username === null) return null;
  const user = findUserByUsername(db, username);
  if (!user) throw new CofferError('INVALID_INPUT', 'There is no user with that name. Pick one from the Users page.', { username: 'unknown' });
  return user.id;
}

function assertTimes(fields: Pick<BreachFields, 'discoveredAt' | 'occurredAt'>, now: Date): void {
  if (Date.parse(fields.discoveredAt) > now.getTime() + 60_000) throw new CofferError('INVALID_INPUT', 'The discovery time is in the future.', { discoveredAt: 'future' });
  if (fields.occurredAt && Date.parse(fields.occurredAt) > Date.parse(fields.discoveredAt)) {
    throw new CofferError('INVALID_INPUT', 'It cannot have happened after it was discovered.', { occurredAt: 'after_discovery' });
  }
}

const iso = (value: string) => new Date(value).toISOString();

/**
 * The breach register: every change is one transaction with its timeline event and its audit
 * row. A read that names customers (the affected list) is audited with their ids.
 */
export function createBreachService(deps: BreachDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const audit = (db: Db, session: Session, action: AuditEntry['action'], id: number, extra: Partial<AuditEntry> = {}) =>
    deps.audit(db, { actor: auditActor(session), action, entity: 'breach', recordId: String(id), outcome: 'ok', ...extra }, now());

  function find(db: Db, id: number): repo.IncidentRow {
    const row = repo.findIncident(db, id);
    if (!row) throw notFound();
    return row;
  }

  function item(db: Db, row: repo.IncidentRow): BreachItem {
    const clocks = breachClocks(
      {
        regime: row.regime,
        discoveredAt: row.discoveredAt,
        authorityHours: row.authorityHours,
        firstReport: row.firstReport === 1,
        regulatorSentAt: repo.firstSentAt(db, row.id, 'regulator'),
        customersSentAt: repo.firstSentAt(db, row.id, 'customers'),
        closed: row.status === 'closed',
      },
      now(),
    );
    return { id: row.id, summary: row.summary, discoveredAt: row.discoveredAt, source: row.source, status: row.status, regime: row.regime, clocks, overdue: clocks.some((c) => c.overdue && c.metAt === null) };
  }

  function detail(db: Db, session: Session, id: number): BreachDetail {
    const row = find(db, id);
    const affected = repo.affectedOf(db, id);
    const names = grantFor(session.role, 'customers.read') === 'all';
    return {
      ...item(db, row),
      occurredAt: row.occurredAt,
      categories: JSON.parse(row.categories) as BreachCategory[],
      username: row.subjectUsername,
      firstReport: row.firstReport === 1,
      actionsTaken: row.actionsTaken,
      authorityHours: row.authorityHours,
      windowFrom: row.windowFrom,
      windowTo: row.windowTo,
      evidenceSha256: row.evidenceSha256,
      events: repo.eventsOf(db, id).map((e) => ({ at: e.at, by: e.by, kind: e.kind, detail: JSON.parse(e.detail) as BreachDetail['events'][number]['detail'] })),
      affected: {
        ...countsPerCategory(affected),
        customers: affected.map((a) => ({ id: a.customerId, name: names ? a.name : null, seen: a.seen === 1, revealed: JSON.parse(a.revealed) as string[], exported: JSON.parse(a.exported) as string[] })),
      },
    };
  }

  /** The detail as an audited read: the customers it names are on the row. */
  function readDetail(db: Db, session: Session, id: number, action: AuditEntry['action'] = 'breach.read', extra: Partial<AuditEntry> = {}): BreachDetail {
    const out = detail(db, session, id);
    const customerIds = out.affected.customers.map((c) => c.id);
    audit(db, session, action, id, { ...extra, ...(customerIds.length > 0 ? { customerIds } : {}) });
    return out;
  }

  function columnsOf(fields: BreachFields, db: Db) {
    return {
      summary: fields.summary,
      discoveredAt: iso(fields.discoveredAt),
      occurredAt: fields.occurredAt ? iso(fields.occurredAt) : null,
      source: fields.source,
      categories: JSON.stringify([...new Set(fields.categories)]),
      firstReport: fields.firstReport ? 1 : 0,
      subjectUserId: subjectId(db, fields.username),
      actionsTaken: fields.actionsTaken,
    };
  }

  return {
    list(filter: 'open' | 'all'): BreachItem[] {
      const db = deps.db();
      return repo.listIncidents(db, filter === 'open').map((row) => item(db, row));
    },

    get(session: Session, id: number): BreachDetail {
      const db = deps.db();
      return db.transaction(() => readDetail(db, session, id))();
    },

    /** Documented whether or not anyone is told (GDPR art. 33(5)); the clocks start at discovery. */
    create(session: Session, fields: BreachFields): BreachDetail {
      const db = deps.db();
      const at = now();
      assertTimes(fields, at);
      return db.transaction(() => {
        const regime = readPrivacyRegime(db);
        const id = repo.insertIncident(db, { ...columnsOf(fields, db), regime, authorityHours: authorityHours(regime, readImmediateHours(db)), createdBy: session.userId, createdAt: at.toISOString() });
        repo.insertEvent(db, id, at.toISOString(), session.userId, 'created', { regime, source: fields.source });
        return readDetail(db, session, id, 'breach.create');
      })();
    },

    update(session: Session, id: number, fields: BreachFields): BreachDetail {
      const db = deps.db();
      assertTimes(fields, now());
      return db.transaction(() => {
        find(db, id);
        const columns = columnsOf(fields, db);
        repo.updateIncident(db, id, columns);
        repo.insertEvent(db, id, now().toISOString(), session.userId, 'updated', {});
        return readDetail(db, session, id, 'breach.update', { fields: ['summary', 'discoveredAt', 'occurredAt', 'source', 'categories', 'username', 'firstReport', 'actionsTaken'] });
      })();
    },

    setStatus(session: Session, id: number, status: BreachStatus, note: string): BreachDetail {
      const db = deps.db();
      return db.transaction(() => {
        const row = find(db, id);
        if (row.status === status) throw new CofferError('CONFLICT', 'The incident already has that status.');
        repo.setIncidentStatus(db, id, status);
        repo.insertEvent(db, id, now().toISOString(), session.userId, 'status', { from: row.status, to: status, ...(note ? { note } : {}) });
        return readDetail(db, session, id, 'breach.update', { fields: ['status'], reason: `${row.status} -> ${status}` });
      })();
    },

    /** Who is affected: the customers this user saw, revealed or exported in the window, from the audit log. */
    affected(session: Session, id: number, input: { username: string; from: string; to: string }): BreachDetail {
      const db = deps.db();
      const from = iso(input.from);
      const to = iso(input.to);
      if (from > to) throw new CofferError('INVALID_INPUT', 'The start of the period is after its end: swap the two dates.', { from: 'after_to' });
      return db.transaction(() => {
        find(db, id);
        const user = findUserByUsername(db, input.username);
        if (!user) throw new CofferError('NOT_FOUND', 'There is no user with that name. Check the spelling, or pick one from the Users page.');
        const rows = affectedBy(db, user.id, from, to);
        repo.replaceAffected(db, id, rows);
        repo.setIncidentWindow(db, id, user.id, from, to);
        const counts = countsPerCategory(rows);
        repo.insertEvent(db, id, now().toISOString(), session.userId, 'affected', { username: user.username, from, to, total: counts.total, revealed: counts.revealed, exported: counts.exported });
        return readDetail(db, session, id, 'breach.affected', { reason: `user=${user.id} total=${counts.total}` });
      })();
    },

    /**
     * The account's sign-ins, to take one session as the window (a password used by someone else
     * shows as a sign-in nobody remembers). Audited: it reads a staff member's activity.
     */
    signIns(session: Session, id: number, username: string): SignIn[] {
      const db = deps.db();
      return db.transaction(() => {
        find(db, id);
        const user = findUserByUsername(db, username);
        if (!user) throw new CofferError('NOT_FOUND', 'There is no user with that name. Check the spelling, or pick one from the Users page.');
        const rows = signInsOf(db, user.id);
        audit(db, session, 'breach.read', id, { fields: ['signIns'], reason: `user=${user.id} rows=${rows.length}` });
        return rows;
      })();
    },

    /** A notice logged as sent stops its clock (regulator: the authority and first-report clocks). */
    logSent(session: Session, input: { id: number; audience: NoticeAudience; channel: string; sentAt: string; count: number; reference: string }): BreachDetail {
      const db = deps.db();
      const sentAt = iso(input.sentAt);
      if (Date.parse(sentAt) > now().getTime() + 60_000) throw new CofferError('INVALID_INPUT', 'The time sent is in the future.', { sentAt: 'future' });
      return db.transaction(() => {
        find(db, input.id);
        repo.insertEvent(db, input.id, now().toISOString(), session.userId, 'sent', { audience: input.audience, channel: input.channel, sentAt, count: input.count, ...(input.reference ? { reference: input.reference } : {}) });
        return readDetail(db, session, input.id, 'breach.notice', { fields: [`sent.${input.audience}`], reason: `channel=${input.channel} count=${input.count}` });
      })();
    },

    summary(): { open: number; overdue: number; nearest: { id: number; kind: BreachItem['clocks'][number]['kind']; dueAt: string; minutesLeft: number } | null } {
      const db = deps.db();
      const items = repo.listIncidents(db, true).map((row) => item(db, row));
      const running = items.flatMap((i) => i.clocks.filter((c) => c.minutesLeft !== null).map((c) => ({ id: i.id, kind: c.kind, dueAt: c.dueAt, minutesLeft: c.minutesLeft! })));
      running.sort((a, b) => a.minutesLeft - b.minutesLeft);
      return { open: items.length, overdue: items.filter((i) => i.overdue).length, nearest: running[0] ?? null };
    },

    settings(): { regime: ReturnType<typeof readPrivacyRegime>; immediateHours: number } {
      const db = deps.db();
      return { regime: readPrivacyRegime(db), immediateHours: readImmediateHours(db) };
    },

    setImmediateHours(session: Session, hours: number): { saved: true } {
      const db = deps.db();
      db.transaction(() => {
        setMeta(db, IMMEDIATE_KEY, String(hours));
        deps.audit(db, { actor: auditActor(session), action: 'breach.settings', entity: 'breach', outcome: 'ok', fields: ['immediateHours'], reason: String(hours) }, now());
      })();
      return { saved: true };
    },

    /** A timeline step taken elsewhere (containment, a file written), with its audit row, in one transaction. */
    record(session: Session, id: number, kind: repo.EventRow['kind'], detailOf: Record<string, unknown>, entry: Partial<AuditEntry> & { action: AuditEntry['action'] }): BreachDetail {
      const db = deps.db();
      return db.transaction(() => {
        find(db, id);
        repo.insertEvent(db, id, now().toISOString(), session.userId, kind, detailOf);
        audit(db, session, entry.action, id, entry);
        return detail(db, session, id);
      })();
    },

    /** The evidence file's hash goes on the incident, on its timeline and in the audit row, together. */
    recordEvidence(session: Session, id: number, sha256: string, facts: { rows: number; verified: boolean }): void {
      const db = deps.db();
      db.transaction(() => {
        find(db, id);
        repo.setEvidenceHash(db, id, sha256);
        repo.insertEvent(db, id, now().toISOString(), session.userId, 'evidence', { sha256, rows: facts.rows, verified: facts.verified });
        audit(db, session, 'breach.evidence', id, { reason: `sha256=${sha256} rows=${facts.rows} verified=${facts.verified}` });
      })();
    },

    detail: (session: Session, id: number) => detail(deps.db(), session, id),
    find: (id: number) => find(deps.db(), id),
  };
}

export type BreachService = ReturnType<typeof createBreachService>;
