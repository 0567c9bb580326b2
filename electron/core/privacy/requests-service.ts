import type { RequestAction, RequestDetail, RequestItem } from '../../../shared/channels/privacy-requests';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { OPEN_STATES, TRANSITIONS, type DeadlineRule, type DayKind, type RequestState, type RequestType } from '../../../shared/privacy-requests';
import { maskName } from '../../../shared/erasure';
import type { Locale } from '../../../shared/locale';
import { addPeriod, localDay } from '../../../shared/working-days';
import type { AuditEntry } from '../audit/audit-log';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { readShopProfile } from '../settings/shop-settings-repository';
import { readPrivacyRegime, readPrivacySettings } from './privacy-settings-repository';
import { replyText } from './request-reply';
import { clock, deadlinesFor } from './request-deadlines';
import * as repo from './requests-repository';
import { applyAction } from './request-actions';

export interface RequestsDeps {
  db: () => Db;
  audit: (db: Db, entry: AuditEntry, at: Date) => unknown;
  now?: () => number;
}

const notFound = () => new CofferError('NOT_FOUND', 'That request does not exist.');

/** Who may be named handler: an active account whose role keeps the register (owner, manager by default). */
export function handlerId(db: Db, username: string | null): number | null {
  if (username === null) return null;
  const user = repo.activeUsers(db).find((u) => u.username === username);
  if (!user || grantFor(user.role, 'privacyRequests.write') !== 'all') throw new CofferError('INVALID_INPUT', 'Choose a handler who keeps the request register.', { handler: 'not_a_handler' });
  return user.id;
}

/**
 * The register of data-subject requests and complaints: every change is one transaction with
 * its history event and its audit row. Reads that name customers are audited with their ids.
 */
export function createRequestsService(deps: RequestsDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const today = () => localDay(now());

  /** CCPA's acknowledgement clock: runs while the request is open and no acknowledgement is recorded. */
  const ackClock = (row: repo.RequestRow, day: string) =>
    row.ackDueOn && !row.acknowledgedOn ? ((c) => ({ ackDaysLeft: c.daysLeft, ackOverdue: c.overdue }))(clock(row.state, row.ackDueOn, day)) : { ackDaysLeft: null, ackOverdue: false };

  // Customer names only for a role that sees customers (the auditor reads the register without them).
  const seesNames = (session: Session) => grantFor(session.role, 'customers.read') === 'all';

  function items(db: Db, session: Session, rows: repo.RequestRow[]): RequestItem[] {
    const links = repo.linkedCustomers(
      db,
      rows.map((r) => r.id),
    );
    const day = today();
    return rows.map((row) => {
      const dueOn = row.extendedDueOn ?? row.dueOn;
      return {
        id: row.id,
        type: row.type,
        state: row.state,
        receivedOn: row.receivedOn,
        channel: row.channel as RequestItem['channel'],
        dueOn,
        ...clock(row.state, dueOn, day),
        extended: row.extendedDueOn !== null,
        ackDueOn: row.ackDueOn,
        acknowledgedOn: row.acknowledgedOn,
        ...ackClock(row, day),
        handlerName: row.handlerName,
        customers: links.filter((l) => l.requestId === row.id).map((l) => ({ id: l.customerId, name: seesNames(session) ? l.name : null })),
      };
    });
  }

  function detail(db: Db, session: Session, id: number): RequestDetail {
    const row = repo.findRequest(db, id);
    if (!row) throw notFound();
    const rule = repo.readRule(db, row.regime);
    return {
      ...items(db, session, [row])[0]!,
      summary: row.summary,
      regime: row.regime,
      originalDueOn: row.dueOn,
      extensionReason: row.extensionReason,
      extensionNoticeOn: row.extensionNoticeOn,
      extendAmount: row.extendedDueOn === null ? rule.extendAmount : 0,
      extendUnit: rule.extendUnit,
      identity: row.identityMethod && row.identityCheckedAt ? { method: row.identityMethod as NonNullable<RequestDetail['identity']>['method'], note: row.identityNote, checkedBy: row.identityCheckedBy, checkedAt: row.identityCheckedAt } : null,
      outcome: row.outcome,
      analysis: row.analysis,
      refusalReason: row.refusalReason,
      nextStates: [...TRANSITIONS[row.state]],
      createdAt: row.createdAt,
      events: repo.requestEvents(db, id).map((e) => ({ ...e, kind: e.kind as RequestDetail['events'][number]['kind'], fields: e.fields ? (JSON.parse(e.fields) as string[]) : [] })),
    };
  }

  const customerIdsOf = (list: { customers: { id: number }[] }[]) => [...new Set(list.flatMap((r) => r.customers.map((c) => c.id)))];

  return {
    list(session: Session, filter: { filter: 'open' | 'overdue' | 'all'; type?: RequestType | undefined; customerId?: number | undefined }): RequestItem[] {
      const db = deps.db();
      return db.transaction(() => {
        const rows = repo.listRequests(db, { ...(filter.type ? { type: filter.type } : {}), ...(filter.filter === 'all' ? {} : { states: OPEN_STATES }), ...(filter.customerId ? { customerId: filter.customerId } : {}) });
        const shown = items(db, session, rows).filter((r) => filter.filter !== 'overdue' || r.overdue || r.ackOverdue);
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.list', entity: 'privacyRequest', outcome: 'ok', customerIds: customerIdsOf(shown) }, now());
        return shown;
      })();
    },

    get(session: Session, id: number): RequestDetail {
      const db = deps.db();
      return db.transaction(() => {
        const view = detail(db, session, id);
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.read', entity: 'privacyRequest', recordId: String(id), outcome: 'ok', customerIds: customerIdsOf([view]) }, now());
        return view;
      })();
    },

    create(session: Session, input: { type: RequestType; receivedOn: string; channel: string; summary: string; customerIds: number[]; handler: string | null }): RequestDetail {
      const db = deps.db();
      const at = now();
      if (input.receivedOn > localDay(at)) throw new CofferError('INVALID_INPUT', 'A request cannot be received in the future.', { receivedOn: 'future' });
      return db.transaction(() => {
        const regime = readPrivacyRegime(db);
        const { dueOn, ackDueOn } = deadlinesFor(repo.readRule(db, regime), input.receivedOn, repo.readCalendar(db));
        const handler = handlerId(db, input.handler);
        const id = repo.insertRequest(db, { type: input.type, receivedOn: input.receivedOn, channel: input.channel, summary: input.summary, regime, dueOn, ackDueOn, handlerId: handler, userId: session.userId, at: at.toISOString() });
        repo.insertEvent(db, { requestId: id, at: at.toISOString(), userId: session.userId, kind: 'created', toState: 'received' });
        const customers = [...new Set(input.customerIds)];
        for (const customerId of customers) {
          if (!repo.liveCustomerExists(db, customerId)) throw new CofferError('NOT_FOUND', 'That customer does not exist.', { customerIds: 'not_found' });
          repo.linkCustomer(db, id, customerId, session.userId, at.toISOString());
          repo.insertEvent(db, { requestId: id, at: at.toISOString(), userId: session.userId, kind: 'linked', customerId });
        }
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.create', entity: 'privacyRequest', recordId: String(id), outcome: 'ok', fields: ['type', 'receivedOn', 'channel'], customerIds: customers }, at);
        return detail(db, session, id);
      })();
    },

    act(session: Session, action: RequestAction): RequestDetail {
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        const row = repo.findRequest(db, action.id);
        if (!row) throw notFound();
        applyAction(db, session, row, action, at, repo.readRule(db, row.regime), repo.readCalendar(db));
        const customerIds = action.action === 'link' || action.action === 'unlink' ? [action.customerId] : [];
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.update', entity: 'privacyRequest', recordId: String(row.id), outcome: 'ok', fields: [action.action], customerIds }, at);
        return detail(db, session, row.id);
      })();
    },

    /**
     * The dashboard card: counts and the nearest deadline; dueSoon reaches the handler (or everyone,
     * when unassigned). A pending CCPA acknowledgement is a deadline of its own, overdue or due soon.
     */
    summary(session: Session) {
      const db = deps.db();
      const rules = new Map(repo.readRules(db).map((r) => [r.regime, r]));
      const open = repo.listRequests(db, { states: OPEN_STATES });
      const day = today();
      const deadlines = open.flatMap((row) => {
        const answer = { row, deadline: 'answer' as const, dueOn: row.extendedDueOn ?? row.dueOn };
        const ack = row.ackDueOn && !row.acknowledgedOn ? [{ row, deadline: 'ack' as const, dueOn: row.ackDueOn }] : [];
        return [answer, ...ack].map((d) => ({ ...d, ...clock(row.state, d.dueOn, day) }));
      });
      const byDue = [...deadlines].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.row.id - b.row.id));
      const first = byDue[0];
      return {
        open: open.length,
        overdue: new Set(deadlines.filter((d) => d.overdue).map((d) => d.row.id)).size,
        nearest: first ? { id: first.row.id, type: first.row.type, deadline: first.deadline, dueOn: first.dueOn, daysLeft: first.daysLeft! } : null,
        dueSoon: byDue
          .filter((r) => !r.overdue && r.daysLeft! <= rules.get(r.row.regime)!.remindDays && (r.row.handlerId === null || r.row.handlerId === session.userId))
          .map((r) => ({ id: r.row.id, type: r.row.type, deadline: r.deadline, dueOn: r.dueOn, daysLeft: r.daysLeft!, mine: r.row.handlerId === session.userId })),
      };
    },

    /** The reply to the requester (request-reply.ts), audited as a read of the request. */
    reply(session: Session, id: number, language: Locale): { language: Locale; text: string; contactNamed: boolean } {
      const db = deps.db();
      return db.transaction(() => {
        const row = repo.findRequest(db, id);
        if (!row) throw notFound();
        const names = repo.linkedCustomers(db, [id]);
        const contact = readPrivacySettings(db);
        const text = replyText(language, {
          id: row.id,
          type: row.type,
          state: row.state,
          receivedOn: row.receivedOn,
          dueOn: row.extendedDueOn ?? row.dueOn,
          extensionReason: row.extendedDueOn ? row.extensionReason : null,
          outcome: row.outcome,
          refusalReason: row.refusalReason,
          maskedName: names.length === 1 && names[0]!.name ? maskName(names[0]!.name) : null,
          shopName: readShopProfile(db).name,
          contactName: contact.contactName,
          contactReach: contact.contactReach,
          today: today(),
        });
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.read', entity: 'privacyRequest', recordId: String(id), outcome: 'ok', fields: ['reply'], customerIds: names.map((n) => n.customerId) }, now());
        return { language, text, contactNamed: contact.contactName.trim() !== '' };
      })();
    },

    settings(_session: Session, year: number | undefined) {
      const db = deps.db();
      const shown = year ?? now().getFullYear();
      return {
        regime: readPrivacyRegime(db),
        rules: repo.readRules(db),
        year: shown,
        days: repo.calendarDays(db, shown),
        handlers: repo.activeUsers(db).filter((u) => grantFor(u.role, 'privacyRequests.write') === 'all').map((u) => ({ username: u.username, displayName: u.displayName })),
      };
    },

    /** New defaults apply to requests received from now on; a received request keeps its deadline. */
    setRule(session: Session, rule: DeadlineRule): { saved: true } {
      const db = deps.db();
      const at = now();
      // Months, working days and calendar days all count whole periods; an extension of 0 means none.
      addPeriod('2026-01-01', rule.amount, rule.unit, new Map());
      db.transaction(() => {
        repo.writeRule(db, rule, session.userId, at.toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.settings', entity: 'privacyRule', recordId: rule.regime, outcome: 'ok', fields: ['amount', 'unit', 'ackDays', 'extendAmount', 'extendUnit', 'remindDays'] }, at);
      })();
      return { saved: true };
    },

    setDay(session: Session, day: string, kind: DayKind | null, name: string): { saved: true } {
      const db = deps.db();
      const at = now();
      db.transaction(() => {
        repo.setCalendarDay(db, day, kind, name);
        deps.audit(db, { actor: auditActor(session), action: 'privacyRequest.settings', entity: 'privacyCalendar', recordId: day, outcome: 'ok', fields: [kind ?? 'removed'] }, at);
      })();
      return { saved: true };
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
export type { RequestState };
