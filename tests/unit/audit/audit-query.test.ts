import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/core/audit/audit-log';
import { logWith, T0 } from './audit-helpers';

// logWith: row id = i + 1, user (i % 3) + 1 named `user${i % 3}`, action cycling
// login / customer.read / customer.update / customer.reveal, recordId String(i), one second apart.
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('queryAudit', () => {
  it('returns plain rows, newest first, with field names parsed', () => {
    const db = logWith(12);
    const rows = queryAudit(db, { limit: 3 });
    expect(ids(rows)).toEqual([12, 11, 10]);
    expect(rows[1]).toEqual({
      id: 11,
      at: new Date(T0 + 10_000).toISOString(),
      userId: 2,
      username: 'user1',
      role: 'sales',
      action: 'customer.update',
      entity: 'customer',
      recordId: '10',
      outcome: 'ok',
      fields: ['mobile', 'email'],
      reason: null,
    });
    expect(rows[0]).toMatchObject({ id: 12, fields: [], reason: 'customer called about a refund' });
  });

  it('filters by user, action, record, outcome and time', () => {
    const db = logWith(40);
    expect(ids(queryAudit(db, { userId: 2, limit: 4 }))).toEqual([38, 35, 32, 29]);
    expect(ids(queryAudit(db, { username: 'USER1', limit: 4 }))).toEqual([38, 35, 32, 29]); // usernames ignore case
    expect(ids(queryAudit(db, { action: 'customer.reveal', limit: 3 }))).toEqual([40, 36, 32]);
    expect(ids(queryAudit(db, { entity: 'customer', recordId: '7', limit: 10 }))).toEqual([8]);
    expect(ids(queryAudit(db, { outcome: 'denied', limit: 10 }))).toEqual([40, 30, 20, 10]);
    // Inclusive bounds, accepted in any form Date parses and compared as UTC instants.
    const from = new Date(T0 + 5_000).toISOString();
    const to = new Date(T0 + 9_000).toISOString().replace('.000Z', '+00:00');
    expect(ids(queryAudit(db, { from, to, limit: 100 }))).toEqual([10, 9, 8, 7, 6]);
    expect(ids(queryAudit(db, { userId: 1, action: 'login', from, limit: 100 }))).toEqual([37, 25, 13]);
    expect(queryAudit(db, { username: 'nobody', limit: 10 })).toEqual([]);
  });

  it('pages by keyset without gaps or repeats', () => {
    const db = logWith(95);
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = queryAudit(db, { action: 'customer.read', limit: 7, ...(beforeId === undefined ? {} : { beforeId }) });
      if (page.length === 0) break;
      seen.push(...ids(page));
      beforeId = page[page.length - 1]!.id;
    }
    const expected = Array.from({ length: 95 }, (_, i) => i + 1).filter((id) => (id - 1) % 4 === 1).reverse();
    expect(seen).toEqual(expected);
  });

  it('refuses a limit outside 1..500 and a date that is not one', () => {
    const db = logWith(3);
    for (const limit of [0, 501, 1.5, Number.NaN]) {
      expect(() => queryAudit(db, { limit }), String(limit)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(queryAudit(db, { limit: 500 })).toHaveLength(3);
    expect(() => queryAudit(db, { from: 'yesterday', limit: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('treats filter values as data, never as SQL', () => {
    const db = logWith(5);
    expect(queryAudit(db, { username: "x' OR '1'='1", limit: 10 })).toEqual([]);
    expect(queryAudit(db, { recordId: '1 OR 1=1', limit: 10 })).toEqual([]);
  });
});
