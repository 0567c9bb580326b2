import { CofferError } from '../../../shared/errors';
import { LIST_LENGTH_MAX, LIST_VALUE_MAX, type ManagedList, type ManagedLists, type ShopProfile } from '../../../shared/shop';
import { auditActor, type Session } from '../auth/session-service';
import type { AuditFn } from '../customers/customer-service';
import type { Db } from '../db/open-database';
import { LOCALES } from '../../../shared/locale';
import { levelName, levelRows, newLevelKey } from './levels';
import * as repo from './shop-settings-repository';

export type ListEdit =
  | { list: ManagedList; op: 'add'; value: string }
  | { list: ManagedList; op: 'rename'; from: string; to: string }
  | { list: ManagedList; op: 'remove'; value: string; moveTo?: string | undefined }
  | { list: ManagedList; op: 'order'; values: string[] };

/**
 * The shop profile and the managed lists. Every change commits its audit row with it. A rename
 * of a tag or region rewrites the customers that carry it in the same transaction, so no customer
 * is left with a value the list no longer offers; the audit row names those customers (ids only).
 * Removing a tag or region only stops offering it: customers who have it keep it, nothing is lost.
 *
 * Levels are different: every customer has exactly one, stored as the level's key. Adding one
 * generates a key (never the name); a rename changes only the label, so no customer is touched.
 * Retiring a level that customers have (in the recycle bin too, so a restore never brings back a
 * level the list lacks) needs the level they move to: the move and the retirement commit
 * together with an audit row naming the moved customers. The last level cannot be retired.
 */
export function createShopSettings(deps: { db: () => Db; audit: AuditFn; now?: () => number }) {
  const now = () => new Date((deps.now ?? Date.now)());

  function lists(): ManagedLists {
    const db = deps.db();
    return {
      tags: repo.listValues(db, 'tag').map((r) => r.value),
      regions: repo.listValues(db, 'region').map((r) => r.value),
      levels: levelRows(db),
    };
  }

  function existing(db: Db, list: ManagedList, value: string): repo.ListRow {
    const row = repo.findValue(db, list, value);
    if (!row) throw new CofferError('NOT_FOUND', 'That value is not in the list any more. Reload Settings and try again.');
    return row;
  }

  function refuseDuplicate(db: Db, list: ManagedList, value: string, except?: string): void {
    const found = repo.findValue(db, list, value);
    if (found && found.value !== except) throw new CofferError('CONFLICT', 'That name is already in the list.');
  }

  /** A level's name may not be one another level already shows, in either language. */
  function refuseDuplicateLevelName(db: Db, name: string, except?: string): void {
    const wanted = name.toLowerCase();
    const taken = levelRows(db).some((row) => row.value !== except && LOCALES.some((locale) => levelName(row, locale).toLowerCase() === wanted));
    if (taken) throw new CofferError('CONFLICT', 'That name is already in the list.');
  }

  /** Retires a level, first moving the customers who have it; returns the moved customers. */
  function retireLevel(db: Db, value: string, moveTo: string | undefined): number[] {
    const row = existing(db, 'level', value);
    if (levelRows(db).length <= 1) throw new CofferError('INVALID_INPUT', 'Every customer needs a level: the last level cannot be removed.', { value: 'last_level' });
    const ids = repo.customersWithLevel(db, row.value);
    if (ids.length > 0) {
      if (moveTo === undefined) throw new CofferError('CONFLICT', 'Customers have this level: choose the level they move to.', { moveTo: 'required' });
      const target = repo.findValue(db, 'level', moveTo);
      if (!target || target.value !== moveTo || target.value === row.value) throw new CofferError('INVALID_INPUT', 'Choose another level from the list for these customers.', { moveTo: 'unknown_level' });
      repo.moveLevel(db, row.value, target.value);
    }
    repo.deleteValue(db, 'level', row.value);
    return ids;
  }

  /** Returns the customers whose values changed (a level rename changes none: they keep the key). */
  function apply(db: Db, edit: ListEdit): number[] {
    const named = edit.op === 'add' ? edit.value : edit.op === 'rename' ? edit.to : null;
    if (named !== null && named.length > LIST_VALUE_MAX[edit.list]) throw new CofferError('INVALID_INPUT', `A name in this list has at most ${LIST_VALUE_MAX[edit.list]} characters.`);
    switch (edit.op) {
      case 'add': {
        if (edit.list === 'level') refuseDuplicateLevelName(db, edit.value);
        else refuseDuplicate(db, edit.list, edit.value);
        if (repo.listValues(db, edit.list).length >= LIST_LENGTH_MAX) throw new CofferError('INVALID_INPUT', `A list holds at most ${LIST_LENGTH_MAX} values.`);
        if (edit.list === 'level') repo.appendValue(db, 'level', newLevelKey(db), edit.value);
        else repo.appendValue(db, edit.list, edit.value);
        return [];
      }
      case 'remove': {
        if (edit.list === 'level') return retireLevel(db, edit.value, edit.moveTo);
        repo.deleteValue(db, edit.list, existing(db, edit.list, edit.value).value);
        return [];
      }
      case 'order': {
        const current = repo.listValues(db, edit.list).map((r) => r.value);
        const same = edit.values.length === current.length && new Set(edit.values).size === current.length && edit.values.every((v) => current.includes(v));
        if (!same) throw new CofferError('CONFLICT', 'The list changed meanwhile. Reload Settings and try again.');
        repo.setPositions(db, edit.list, edit.values);
        return [];
      }
      case 'rename': {
        const row = existing(db, edit.list, edit.from);
        if (edit.list === 'level') {
          refuseDuplicateLevelName(db, edit.to, row.value);
          repo.relabelValue(db, 'level', row.value, edit.to);
          return [];
        }
        refuseDuplicate(db, edit.list, edit.to, row.value);
        repo.renameValue(db, edit.list, row.value, edit.to);
        if (edit.list === 'tag') {
          const ids = repo.customersWithTag(db, row.value);
          repo.retag(db, row.value, edit.to);
          return ids;
        }
        const ids = repo.customersInRegion(db, row.value);
        repo.moveRegion(db, row.value, edit.to);
        return ids;
      }
    }
  }

  return {
    profile: (): ShopProfile => repo.readShopProfile(deps.db()),

    setProfile(session: Session, profile: ShopProfile): ShopProfile {
      const db = deps.db();
      return db.transaction(() => {
        const before = repo.readShopProfile(db);
        const at = now();
        repo.writeShopProfile(db, profile, at.toISOString());
        const fields = [...(before.name !== profile.name ? ['shopName'] : []), ...(before.currency !== profile.currency ? ['currency'] : [])];
        // The currency is no secret and says what changed; the shop's name stays out of the log.
        deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: fields.length ? fields : ['shopProfile'], reason: `currency ${profile.currency}` }, at);
        return repo.readShopProfile(db);
      })();
    },

    lists,

    editList(session: Session, edit: ListEdit): { lists: ManagedLists; customersChanged: number } {
      const db = deps.db();
      const changed = db.transaction(() => {
        const ids = apply(db, edit);
        const at = now();
        if (ids.length > 0 && edit.list === 'level') {
          // Which level they left and joined is in the reason as keys: the names are the owner's words, not needed to follow the trail.
          const to = edit.op === 'remove' ? edit.moveTo : undefined;
          deps.audit(db, { actor: auditActor(session), action: 'settings.list.move', entity: 'customer', outcome: 'ok', fields: ['level'], reason: `${ids.length} customers: ${edit.op === 'remove' ? edit.value : ''} -> ${to ?? ''}, level retired`, customerIds: ids }, at);
        } else if (ids.length > 0) {
          deps.audit(db, { actor: auditActor(session), action: 'settings.list.rename', entity: 'customer', outcome: 'ok', fields: [edit.list === 'tag' ? 'tags' : 'region'], reason: `${ids.length} customers`, customerIds: ids }, at);
        } else {
          deps.audit(db, { actor: auditActor(session), action: 'settings.change', outcome: 'ok', fields: [`lists.${edit.list}`], reason: edit.op }, at);
        }
        return ids.length;
      })();
      return { lists: lists(), customersChanged: changed };
    },
  };
}

export type ShopSettings = ReturnType<typeof createShopSettings>;
