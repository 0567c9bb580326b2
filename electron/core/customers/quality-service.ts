import type { DuplicateKind, MissingKind, QualityMember } from '../../../shared/channels/quality';
import { CofferError } from '../../../shared/errors';
import { grantFor } from '../../../shared/permissions';
import { auditActor, type Session } from '../auth/session-service';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';
import type { AuditFn } from './customer-service';
import { cityKey, companyKey } from './duplicate-keys';
import { membersByIds, missingContactCounts, missingContactPage, sharedKeyMembers, sharedNameMembers, stalePage, staleCount, type MemberRow } from './quality-repository';
import { DAY_MS } from '../platform/time';

/** The review comes round every quarter. */
export const REVIEW_EVERY_MONTHS = 3;
const REVIEWED_KEY = 'quality.reviewedAt';

export interface Paging {
  offset: number;
  limit: number;
}

interface Group {
  kind: DuplicateKind;
  ids: number[];
}

/** `at` plus whole calendar months (31 Jan + 1 month is the end of February, not 3 March). */
export function addMonths(at: Date, months: number): Date {
  const next = new Date(at);
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months);
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return next;
}

/** Groups of the same key value from rows ordered by value. */
function byValue<T extends { value: string; id: number }>(rows: readonly T[]): T[][] {
  const groups: T[][] = [];
  for (const row of rows) {
    const current = groups[groups.length - 1];
    if (current && current[0]!.value === row.value) current.push(row);
    else groups.push([row]);
  }
  return groups;
}

/**
 * Same name and the same company or city: within one name, customers linked by either detail
 * form one group (union-find), so A~B by company and B~C by city is one group of three. A name
 * alone never links anyone (王伟 is thousands of people).
 */
function possibleGroups(rows: ReturnType<typeof sharedNameMembers>): number[][] {
  const groups: number[][] = [];
  // The same company and city texts come back many times: normalise each once per call.
  const memo = (fn: (v: string) => string | null) => {
    const known = new Map<string, string | null>();
    return (value: string | null) => {
      if (value === null) return null;
      let key = known.get(value);
      if (key === undefined) known.set(value, (key = fn(value)));
      return key;
    };
  };
  const company = memo(companyKey);
  const city = memo(cityKey);
  for (const sameName of byValue(rows)) {
    const parent = new Map(sameName.map((r) => [r.id, r.id]));
    const find = (id: number): number => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(id, root);
      return root;
    };
    const firstWith = new Map<string, number>();
    for (const r of sameName) {
      const c = company(r.company);
      const t = city(r.city);
      for (const key of [c && `company:${c}`, t && `city:${t}`]) {
        if (!key) continue;
        const seen = firstWith.get(key);
        if (seen === undefined) firstWith.set(key, r.id);
        else parent.set(find(r.id), find(seen));
      }
    }
    const components = new Map<number, number[]>();
    for (const r of sameName) {
      const root = find(r.id);
      const members = components.get(root);
      if (members) members.push(r.id);
      else components.set(root, [r.id]);
    }
    for (const ids of components.values()) if (ids.length > 1) groups.push(ids.sort((a, b) => a - b));
  }
  return groups;
}

/**
 * The data-quality review of the existing book: the duplicate finder over the whole book,
 * records missing key fields, records untouched for a year, and the quarterly reminder. Every
 * list stays inside the caller's read scope ('own' = a salesperson's customers): a duplicate
 * whose other half belongs to someone else is not shown at all, so nothing is said about a
 * customer the caller may not see. Each page read is audited with the ids it showed.
 */
export function createQualityService(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  function readScope(session: Session): number | undefined {
    const grant = grantFor(session.role, 'customers.read');
    if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
    return grant === 'own' ? session.userId : undefined;
  }

  // Owner and manager: the roles that may hand customers between owners (see shared/channels/quality.ts).
  const looksAfterTheBook = (session: Session) => grantFor(session.role, 'customers.assign') === 'all';

  const member = (row: MemberRow): QualityMember => ({
    id: row.id,
    name: row.name,
    ...(row.company ? { company: row.company } : {}),
    ...(row.city ? { city: row.city } : {}),
    ownerUsername: row.ownerUsername,
    updatedAt: row.updatedAt,
  });

  function allGroups(db: Db, ownerId: number | undefined): Group[] {
    const hard: Group[] = [];
    const seen = new Set<string>();
    for (const [kind, key] of [['same-phone', 'phone'], ['same-email', 'email']] as const) {
      for (const rows of byValue(sharedKeyMembers(db, key, ownerId))) {
        const ids = [...new Set(rows.map((r) => r.id))];
        // Two customers sharing a phone and an e-mail are one finding, listed once (by phone).
        const signature = ids.join(',');
        if (ids.length < 2 || seen.has(signature)) continue;
        seen.add(signature);
        hard.push({ kind, ids });
      }
    }
    // A possible group already wholly inside a phone or e-mail group says nothing new. Only the
    // hard groups holding its first member can contain it.
    const hardOf = new Map<number, Set<number>[]>();
    for (const g of hard) {
      const set = new Set(g.ids);
      for (const id of g.ids) hardOf.set(id, [...(hardOf.get(id) ?? []), set]);
    }
    const possible = possibleGroups(sharedNameMembers(db, ownerId))
      .filter((ids) => !(hardOf.get(ids[0]!) ?? []).some((set) => ids.every((id) => set.has(id))))
      .map((ids): Group => ({ kind: 'possible', ids }));
    return [...hard, ...possible];
  }

  return {
    /**
     * Likely duplicates, for review and merge. Merging needs write access, so a role that may
     * only read (support) is refused here rather than shown a list it cannot act on.
     */
    duplicates(session: Session, paging: Paging) {
      const ownerId = readScope(session);
      const write = grantFor(session.role, 'customers.write');
      if (write !== 'all' && write !== 'own') throw new CofferError('FORBIDDEN', 'Reviewing duplicates needs the right to change customers.');
      const db = deps.db();
      return db.transaction(() => {
        const groups = allGroups(db, ownerId);
        const shown = groups.slice(paging.offset, paging.offset + paging.limit);
        const rows = membersByIds(db, shown.flatMap((g) => g.ids));
        const counts = { 'same-phone': 0, 'same-email': 0, possible: 0 };
        for (const g of groups) counts[g.kind]++;
        const ids = [...rows.keys()];
        deps.audit(db, { actor: auditActor(session), action: 'customer.search', entity: 'customer', outcome: 'ok', fields: ['quality.duplicates'], customerIds: ids }, now());
        return {
          groups: shown.map((g) => ({ kind: g.kind, members: g.ids.map((id) => rows.get(id)).filter((r): r is MemberRow => r !== undefined).map(member) })),
          total: groups.length,
          counts,
        };
      })();
    },

    /** Customers nobody can reach (no mobile, phone or e-mail); 'name-only' when nothing but a name is known. */
    missingFields(session: Session, paging: Paging) {
      const ownerId = readScope(session);
      const db = deps.db();
      return db.transaction(() => {
        const counts = missingContactCounts(db, ownerId);
        const rows = missingContactPage(db, ownerId, paging.offset, paging.limit);
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', fields: ['quality.missing'], customerIds: rows.map((r) => r.id) }, now());
        return {
          items: rows.map((r) => ({ ...member(r), missing: (r.nameOnly ? 'name-only' : 'no-contact') as MissingKind })),
          total: counts.noContact,
          counts: { 'no-contact': counts.noContact, 'name-only': counts.nameOnly },
        };
      })();
    },

    /** Neither changed nor contacted for `days`: the oldest first. */
    stale(session: Session, input: Paging & { days: number }) {
      const ownerId = readScope(session);
      const db = deps.db();
      const at = now();
      const cutoff = new Date(at.getTime() - input.days * DAY_MS).toISOString();
      return db.transaction(() => {
        const rows = stalePage(db, ownerId, cutoff, input.offset, input.limit);
        deps.audit(db, { actor: auditActor(session), action: 'customer.list', entity: 'customer', outcome: 'ok', fields: ['quality.stale'], customerIds: rows.map((r) => r.id) }, at);
        return { items: rows.map((r) => ({ ...member(r), lastInteractionAt: r.lastInteractionAt })), total: staleCount(db, ownerId, cutoff) };
      })();
    },

    /**
     * Whether the quarterly review is due, for the people who look after the whole book (owner,
     * manager); null for everyone else. Before the first review
     * the quarter counts from the vault's start, so a new shop is not nagged on day one.
     */
    reviewStatus(session: Session, db: Db = deps.db()): { due: boolean; lastReviewedAt: string | null; nextDueAt: string } | null {
      if (!looksAfterTheBook(session)) return null;
      const last = getMeta(db, REVIEWED_KEY) ?? null;
      // Setup writes the vault's creation time into meta (vault/setup.ts).
      const from = last ?? getMeta(db, 'created_at') ?? now().toISOString();
      const nextDueAt = addMonths(new Date(from), REVIEW_EVERY_MONTHS);
      return { due: now().getTime() >= nextDueAt.getTime(), lastReviewedAt: last, nextDueAt: nextDueAt.toISOString() };
    },

    /** The review is done: recorded (audited as a settings change) and the next is due in a quarter. */
    markReviewed(session: Session): { reviewedAt: string; nextDueAt: string } {
      if (!looksAfterTheBook(session)) throw new CofferError('FORBIDDEN', 'Only the owner or a manager marks the review of the whole book done.');
      const db = deps.db();
      const at = now();
      return db.transaction(() => {
        setMeta(db, REVIEWED_KEY, at.toISOString());
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', entity: 'settings', recordId: REVIEWED_KEY, outcome: 'ok', fields: ['quality.reviewedAt'] }, at);
        return { reviewedAt: at.toISOString(), nextDueAt: addMonths(at, REVIEW_EVERY_MONTHS).toISOString() };
      })();
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
