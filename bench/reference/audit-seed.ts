import { GENESIS_HASH, parseHead, rowHash } from '../../electron/core/audit/audit-chain';
import { encodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { insertAuditRow, lastAuditRow, readHeadValue, writeHead, type AuditRow } from '../../electron/core/audit/audit-repository';
import type { Db } from '../../electron/core/db/open-database';

/**
 * A busy shop's audit log for the benchmark (issue 18): `count` rows appended after the vault's
 * own, through the app's row format, hash and repository writes, in one transaction (appendAudit
 * per row would re-read the head each time: correct, but 10x slower to build 1,000,000 rows).
 * The chain stays valid, so verify measures a real walk. About 60% of rows are reads (a third of
 * them pages of 50 customer ids), the rest changes, reveals, sign-ins, with a few rare actions
 * (backups, exports) so every filter of the audit page has rows; one row every ~40 s up to `end`
 * (or on from the log's last row, if that is later: time order is id order).
 */
export function seedAuditRows(db: Db, count: number, end: Date, random: () => number, customers?: number): { first: number; last: number } {
  const users = db.prepare('SELECT id, username, role FROM users ORDER BY id').all() as { id: number; username: string; role: string }[];
  const maxCustomer = customers ?? (db.prepare('SELECT max(id) AS n FROM customers').get() as { n: number | null }).n ?? 1;
  if (users.length === 0) throw new Error('no users to act in the seeded log');
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const customer = () => 1 + Math.floor(random() * maxCustomer);
  return db.transaction(() => {
    const head = parseHead(readHeadValue(db));
    const last = lastAuditRow(db);
    let id = Math.max(head?.id ?? 0, last?.id ?? 0);
    let prevHash = head?.hash ?? last?.hash ?? GENESIS_HASH;
    const first = id + 1;
    // Forward from the log's last time, so times stay in id order (the time filters' id ranges).
    const lastAt = last ? Date.parse((db.prepare('SELECT at FROM audit_log WHERE id = ?').get(last.id) as { at: string }).at) : 0;
    const stepMs = 40_000;
    const start = Math.max(lastAt + 1, end.getTime() - count * stepMs);
    for (let i = 0; i < count; i += 1) {
      const user = pick(users);
      const r = random();
      const shape = r < 0.2 ? ['customer.list', null] : r < 0.4 ? ['customer.read', 'id'] : r < 0.5 ? ['customer.search', null] : r < 0.6 ? ['dashboard.read', null]
        : r < 0.75 ? ['customer.update', 'id'] : r < 0.87 ? ['interaction.create', 'id'] : r < 0.9 ? ['customer.reveal', 'id'] : r < 0.96 ? ['login', null]
        : r < 0.99 ? ['logout', null] : r < 0.995 ? ['customer.export', null] : ['backup.run', null];
      const [action, kind] = shape as [string, 'id' | null];
      const listed = action === 'customer.list' ? Array.from({ length: 50 }, customer) : action === 'customer.search' || action === 'dashboard.read' ? Array.from({ length: 5 }, customer) : null;
      const content = {
        id: (id += 1),
        at: new Date(start + i * stepMs + Math.floor(random() * stepMs)).toISOString(),
        userId: user.id,
        username: user.username,
        role: user.role,
        action,
        entity: kind === 'id' ? 'customer' : action.startsWith('customer.') ? 'customer' : null,
        recordId: kind === 'id' ? String(customer()) : null,
        outcome: (random() < 0.02 ? 'denied' : 'ok') as AuditRow['outcome'],
        fields: action === 'customer.update' ? '["mobile"]' : null,
        reason: action === 'customer.reveal' ? 'customer called back' : null,
        customerIds: listed ? encodeCustomerIds(listed) : null,
      };
      const row: AuditRow = { ...content, prevHash, hash: rowHash(prevHash, content) };
      insertAuditRow(db, row);
      prevHash = row.hash;
    }
    writeHead(db, id, prevHash);
    return { first, last: id };
  })();
}
