import { CofferError } from '../../../shared/errors';
import { grantFor, grantReaches } from '../../../shared/permissions';
import type { DuplicateCheckInput, DuplicateCheckResult } from '../../../shared/duplicates';
import { auditActor, type Session } from '../auth/session-service';
import type { Db } from '../db/open-database';
import { seesDormant, type AuditFn } from './customer-service';
import { cityKey, companyKey, emailKey, nameKey, phoneKey, type KeyKind } from './duplicate-keys';
import { PinyinKind, pinyinKeys } from './pinyin-keys';

// A possible duplicate needs the name and one more detail: 王伟 alone matches thousands of people,
// and the same company and city alone are a colleague, not the same person. A name that only
// sounds the same (王伟 typed as 汪伟, a common slip of the pinyin keyboard) counts less: it
// needs the company, or both company and city.
const WEIGHTS = { name: 50, samePinyin: 40, company: 30, city: 20 } as const;
const POSSIBLE_AT = 70;
const MAX_MATCHES = 20;
const MAX_CANDIDATES = 500;

interface Match {
  id: number;
  name: string;
  ownerId: number;
  city: string | null;
  company: string | null;
  dormantAt: string | null;
}

function matchesOf(db: Db, kind: KeyKind, values: readonly string[], excludeId: number | undefined, limit: number): Match[] {
  if (values.length === 0) return [];
  return db
    .prepare(
      `SELECT DISTINCT c.id, c.name, c.owner_id AS ownerId, c.city, c.company, c.dormant_at AS dormantAt FROM customer_keys k JOIN customers c ON c.id = k.customer_id
        WHERE k.kind = ? AND k.value IN (${values.map(() => '?').join(',')}) AND c.deleted_at IS NULL AND c.id IS NOT ? ORDER BY c.id LIMIT ?`,
    )
    .all(kind, ...values, excludeId ?? null, limit) as Match[];
}

/**
 * "Does this customer already exist?" for the customer form and, later, the import. Same phone
 * or e-mail is a duplicate; name with company or city is a possible one. A match outside the
 * caller's row scope is never described (no id, no name, no owner): the answer only says to ask
 * a manager, and the audit log records which customer it was.
 */
export function createDuplicateCheck(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  return {
    check(session: Session, input: DuplicateCheckInput): DuplicateCheckResult {
      const grant = grantFor(session.role, 'customers.write');
      if (grant !== 'all' && grant !== 'own') throw new CofferError('FORBIDDEN', 'Your role does not allow this.');
      // What the caller may read decides what may be shown (a manager sees every owner's).
      const readGrant = grantFor(session.role, 'customers.read');
      // A dormant customer is outside the scope of sales and support (issue 17): not named either.
      const inScope = (m: Match) => grantReaches(readGrant, m.ownerId, session.userId) && (m.dormantAt === null || seesDormant(session.role));
      const db = deps.db();
      const phones = [phoneKey(input.mobile), phoneKey(input.phone)].filter((v): v is string => v !== null);
      const email = emailKey(input.email);

      return db.transaction((): DuplicateCheckResult => {
        const hard = new Map<number, Match>();
        for (const m of [...matchesOf(db, 'phone', phones, input.excludeId, MAX_MATCHES), ...matchesOf(db, 'email', email ? [email] : [], input.excludeId, MAX_MATCHES)]) hard.set(m.id, m);
        const possible = scorePossible(db, input, input.excludeId).filter((m) => !hard.has(m.id) && inScope(m));
        const shown = [...hard.values()].filter(inScope);
        const hidden = [...hard.values()].filter((m) => !inScope(m));
        const actor = auditActor(session);
        const ids = [...shown, ...possible].map((m) => m.id);
        deps.audit(db, { actor, action: 'customer.search', entity: 'customer', outcome: 'ok', fields: ['duplicates'], customerIds: ids }, now());
        if (hidden.length > 0) {
          deps.audit(db, { actor, action: 'customer.probe', entity: 'customer', outcome: 'denied', fields: ['duplicates'], reason: 'duplicate of a customer outside scope', customerIds: hidden.map((m) => m.id) }, now());
        }
        const brief = (m: Match) => ({ id: m.id, name: m.name });
        return { duplicates: shown.map(brief), possible: possible.map(brief), outOfScope: hidden.length > 0 };
      })();
    },
  };
}

/**
 * Customers sharing the name (or its full pinyin) and the company or city, best first. The
 * company or city is part of the query, so a common name (thousands of 王伟) never means reading
 * thousands of rows.
 */
export function scorePossible(db: Db, input: DuplicateCheckInput, excludeId: number | undefined): Match[] {
  const name = nameKey(input.name);
  const company = companyKey(input.company);
  const city = cityKey(input.city);
  if (!name || (!company && !city)) return [];
  // The reading pinyin-pro gives first (surname mode), the one stored as kind Full for every name.
  const sound = pinyinKeys(input.name ?? '').find((k) => k.kind === PinyinKind.Full)?.key ?? null;
  // A stored city is compared as typed and with the usual 市/县/区 ending; cityKey settles it below.
  const cities = city ? [city, `${city}市`, `${city}县`, `${city}区`] : [];
  const candidates = db
    .prepare(
      `SELECT c.id, c.name, c.owner_id AS ownerId, c.city, c.company, c.dormant_at AS dormantAt FROM customers c
        WHERE c.id IN (SELECT customer_id FROM customer_keys WHERE kind = 'name' AND value = ?
                       UNION SELECT customer_id FROM customer_pinyin WHERE key = ? AND kind = ${PinyinKind.Full})
          AND c.deleted_at IS NULL AND c.id IS NOT ?
          AND (EXISTS (SELECT 1 FROM customer_keys k WHERE k.customer_id = c.id AND k.kind = 'company' AND k.value = ?)
               OR c.city IN (${cities.map(() => '?').join(',') || 'NULL'}))
        ORDER BY c.id LIMIT ?`,
    )
    .all(name, sound, excludeId ?? null, company, ...cities, MAX_CANDIDATES) as Match[];
  const scored = candidates.map((m) => ({
    m,
    score:
      (nameKey(m.name) === name ? WEIGHTS.name : WEIGHTS.samePinyin) +
      (company && companyKey(m.company) === company ? WEIGHTS.company : 0) +
      (city && cityKey(m.city) === city ? WEIGHTS.city : 0),
  }));
  return scored
    .filter((s) => s.score >= POSSIBLE_AT)
    .sort((a, b) => b.score - a.score || a.m.id - b.m.id)
    .slice(0, MAX_MATCHES)
    .map((s) => s.m);
}

export type DuplicateCheck = ReturnType<typeof createDuplicateCheck>;
