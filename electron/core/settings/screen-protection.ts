import { roleSchema, type Role } from '../../../shared/contract';
import { ROLES } from '../../../shared/permissions';
import type { AuditEntry } from '../audit/audit-log';
import { getMeta, setMeta } from '../db/meta-repository';
import type { Db } from '../db/open-database';

/**
 * Screen protection: which roles' windows are kept out of screenshots and screen sharing
 * (Electron's setContentProtection; honoured on macOS and Windows, not on Linux). Sales and
 * support read customer contact details all day and are the ones most likely to share a screen
 * with someone outside the shop, so they are protected by default.
 */
export const DEFAULT_PROTECTED_ROLES: readonly Role[] = ['sales', 'support'];
const KEY = 'settings.screenProtection';

/**
 * The one rule: is this window kept out of screenshots. A locked window still belongs to its
 * signed-in role (the lock screen carries no data, but turning protection off and on around each
 * lock would only flicker); a window without a session shows nothing from the vault: off.
 */
export function shouldProtectWindow(protectedRoles: readonly Role[], role: Role | null): boolean {
  return role !== null && protectedRoles.includes(role);
}

/** The owner's choice, in the fixed role order; the default until the owner saves one. */
export function readProtectedRoles(db: Db): Role[] {
  const raw = getMeta(db, KEY);
  if (raw === undefined) return [...DEFAULT_PROTECTED_ROLES];
  try {
    const parsed = roleSchema.array().safeParse(JSON.parse(raw));
    // A damaged value protects more, never less.
    return parsed.success ? ROLES.filter((r) => parsed.data.includes(r)) : [...ROLES];
  } catch {
    return [...ROLES];
  }
}

/** Saves the owner's choice with its audit row (role names only) in one transaction. */
export function saveProtectedRoles(db: Db, roles: readonly Role[], who: { actor: AuditEntry['actor']; audit: (db: Db, entry: AuditEntry, at: Date) => unknown; now: () => Date }): Role[] {
  const next = ROLES.filter((r) => roles.includes(r));
  db.transaction(() => {
    const before = readProtectedRoles(db);
    setMeta(db, KEY, JSON.stringify(next));
    who.audit(db, { actor: who.actor, action: 'settings.screenProtection', outcome: 'ok', reason: `${before.join(',') || 'none'} -> ${next.join(',') || 'none'}` }, who.now());
  })();
  return next;
}
