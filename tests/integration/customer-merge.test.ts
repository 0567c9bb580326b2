import { expect, it } from 'vitest';
import type { ChannelName, Role } from '../../shared/contract';
import type { MergePreview, MergeRecord } from '../../shared/channels/merge';
import type { CustomerView } from '../../shared/customers';
import { canRevealField, fieldVisibility } from '../../shared/field-policy';
import { maskField } from '../../shared/masking';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { decodeCustomerIds } from '../../electron/core/audit/audit-customer-ids';
import { createMergeService } from '../../electron/core/customers/merge-service';
import type { Db } from '../../electron/core/db/open-database';
import { describeKeychain } from '../support/keyring';
import { accessWorld, type AccessWorld } from './access-helpers';

// The access world: customer 1 王伟 (sales1's, markers, tag vip, one reminder), 2 "Owner
// Customer" (the owner's, markers), 3 "To Delete" (the owner's). Each test adds its own customers.
// The clock moves one millisecond per reading, so every write has its own updated_at.
async function world(): Promise<AccessWorld & { clock: { t: number } }> {
  const clock = { t: Date.parse('2026-11-20T08:00:00Z') };
  const w = await accessWorld({ now: () => (clock.t += 1) });
  return { ...w, clock };
}

async function call<T>(w: AccessWorld, role: Role, channel: ChannelName, input: unknown): Promise<T> {
  const result = await w.router.dispatch(w.caller(role), channel, input);
  if (!result.ok) throw new Error(`${channel} as ${role}: ${result.error.code} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.value as T;
}

async function refusal(w: AccessWorld, role: Role, channel: ChannelName, input: unknown): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const result = await w.router.dispatch(w.caller(role), channel, input);
  if (result.ok) throw new Error(`${channel} as ${role} succeeded`);
  return result.error;
}

/** Every stored trace of these customers: rows, tags, search and duplicate keys, and the whole timeline. */
function stateOf(db: Db, ids: number[]) {
  const list = ids.map(() => '?').join(',');
  const all = (sql: string, withIds = true) => db.prepare(sql).all(...(withIds ? ids : []));
  return {
    customers: all(`SELECT * FROM customers WHERE id IN (${list}) ORDER BY id`),
    tags: all(`SELECT * FROM customer_tags WHERE customer_id IN (${list}) ORDER BY customer_id, tag`),
    keys: all(`SELECT * FROM customer_keys WHERE customer_id IN (${list}) ORDER BY customer_id, kind, value`),
    grams: all(`SELECT count(*) AS n, customer_id FROM customer_grams WHERE customer_id IN (${list}) GROUP BY customer_id ORDER BY customer_id`),
    pinyin: all(`SELECT * FROM customer_pinyin WHERE customer_id IN (${list}) ORDER BY customer_id, key`),
    search: all(`SELECT rowid, * FROM customer_search WHERE rowid IN (${list}) ORDER BY rowid`),
    interactions: all('SELECT * FROM interactions ORDER BY id', false),
    purchases: all('SELECT * FROM purchases ORDER BY id', false),
    reminders: all('SELECT * FROM reminders ORDER BY id', false),
  };
}

/** Three records of one person, each with its own timeline, owned by `role`. */
async function threeLiNas(w: AccessWorld, role: Role) {
  const session = w.core.sessions.current(w.caller(role).senderId)!;
  const a = w.core.customers.create(session, { name: '李娜', mobile: '13800000001', email: 'lina@example.com', company: '顶点', city: '上海', tags: ['wholesale'] }).id;
  const b = w.core.customers.create(session, { name: '李 娜', mobile: '13800000002', phone: '021 5555 0000', company: '顶点贸易有限公司', notes: 'likes green tea', tags: ['vip', 'tea'] }).id;
  const c = w.core.customers.create(session, { name: 'Li Na', email: 'lina@work.example', industry: 'Retail', tags: ['tea'] }).id;
  w.core.timeline.addInteraction(session, a, { kind: 'call', at: '2026-10-01T09:00:00.000Z', summary: 'first call' });
  w.core.timeline.addInteraction(session, b, { kind: 'visit', at: '2026-11-02T09:00:00.000Z', summary: 'visited the shop' });
  w.core.timeline.addInteraction(session, b, { kind: 'wechat', at: '2026-10-15T09:00:00.000Z', summary: 'asked for prices' });
  w.core.timeline.addInteraction(session, c, { kind: 'email', at: '2026-09-01T09:00:00.000Z', summary: 'newsletter reply' });
  w.core.timeline.addPurchase(session, b, { date: '2026-10-15', item: 'Green tea 500g', amountMinor: 12800, currency: 'CNY' });
  w.core.reminders.add(session, { customerId: c, dueAt: '2026-12-01T09:00:00Z', note: 'send the catalogue' });
  return { a, b, c };
}

const countOn = (db: Db, table: string, id: number) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE customer_id = ?`).get(id) as { n: number }).n;

describeKeychain('merging customers', () => {
  it('merges field by field: picks win, blanks fill, phones and e-mails are kept, tags unioned, the timeline moves, sources leave every list', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const { a, b, c } = await threeLiNas(w, 'manager');
    const preview = await call<MergePreview>(w, 'manager', 'customers.mergePreview', { ids: [a, b, c] });
    expect(preview.customers.map((x) => x.id)).toEqual([a, b, c]);
    expect(preview.suggestedSurvivorId).toBe(c); // the most recently updated (the reminder does not touch it; c was created last)
    expect(preview.moves).toEqual([
      { customerId: a, interactions: 1, purchases: 0, reminders: 0 },
      { customerId: b, interactions: 2, purchases: 1, reminders: 0 },
      { customerId: c, interactions: 1, purchases: 0, reminders: 1 },
    ]);
    const differs = preview.fields.filter((f) => f.differs).map((f) => f.field);
    expect(differs).toEqual(['name', 'mobile', 'phone', 'email', 'city', 'company', 'industry', 'notes']);
    // A manager sees no ID number or bank card at all, so the preview does not list them.
    expect(preview.fields.map((f) => f.field)).not.toContain('idNumber');
    // The preview is a read of the three records, audited as such.
    const read = db.prepare("SELECT fields, customer_ids AS ids FROM audit_log WHERE action = 'customer.read' AND username = 'manager1' ORDER BY id DESC LIMIT 1").get() as { fields: string; ids: string };
    expect([JSON.parse(read.fields), decodeCustomerIds(read.ids)]).toEqual([['merge'], [a, b, c]]);

    const result = await call<{ mergeId: string; survivor: CustomerView; undoUntil: string; notes: number }>(w, 'manager', 'customers.merge', { survivorId: a, ids: [a, b, c], fields: { company: b } });
    expect(result.notes).toBe(2);
    expect(Date.parse(result.undoUntil) - Date.parse(result.survivor.updatedAt)).toBe(30 * 24 * 3600 * 1000);
    const survivor = db.prepare('SELECT name, mobile, phone, email, company, city, industry, notes, last_interaction_at AS last FROM customers WHERE id = ?').get(a);
    expect(survivor).toEqual({
      name: '李娜',
      mobile: '13800000001',
      phone: '021 5555 0000',
      email: 'lina@example.com',
      company: '顶点贸易有限公司',
      city: '上海',
      industry: 'Retail',
      notes: `likes green tea\n合并自 / merged from #${b} 李 娜 · 手机 / mobile: 13800000002\n合并自 / merged from #${c} Li Na · 邮箱 / e-mail: lina@work.example`,
      last: '2026-11-02T09:00:00.000Z',
    });
    expect(result.survivor.tags).toEqual(['tea', 'vip', 'wholesale']);
    expect([countOn(db, 'interactions', a), countOn(db, 'purchases', a), countOn(db, 'reminders', a)]).toEqual([4, 1, 1]);
    for (const id of [b, c]) expect(countOn(db, 'interactions', id) + countOn(db, 'purchases', id) + countOn(db, 'reminders', id)).toBe(0);

    // The sources are gone from the record, the list, the search and the duplicate keys, and sit in the recycle bin.
    expect(await refusal(w, 'manager', 'customers.get', { id: b })).toMatchObject({ code: 'NOT_FOUND' });
    const list = await call<{ items: CustomerView[] }>(w, 'manager', 'customers.list', { limit: 200 });
    expect(list.items.map((x) => x.id)).not.toContain(b);
    // "Li Na" now finds only the survivor (its notes name where the e-mail came from), never the source.
    expect((await call<CustomerView[]>(w, 'manager', 'customers.search', { query: 'Li Na' })).map((x) => x.id)).toEqual([a]);
    expect((await call<CustomerView[]>(w, 'manager', 'customers.search', { query: '顶点贸易' })).map((x) => x.id)).toEqual([a]);
    expect(db.prepare('SELECT count(*) AS n FROM customer_keys WHERE customer_id IN (?, ?)').get(b, c)).toEqual({ n: 0 });
    expect((await call<{ duplicates: { id: number }[] }>(w, 'manager', 'customers.checkDuplicates', { phone: '02155550000' })).duplicates).toEqual([{ id: a, name: '李娜' }]);
    expect((await call<{ id: number }[]>(w, 'manager', 'customers.deleted', {})).map((x) => x.id)).toEqual(expect.arrayContaining([b, c]));
    // The reminder now belongs to the survivor's record.
    const reminders = await call<{ customerId: number; note: string }[]>(w, 'manager', 'reminders.list', { range: 'all' });
    expect(reminders.find((r) => r.note === 'send the catalogue')?.customerId).toBe(a);

    // One audit row, in the same transaction: who, which customers, which fields; never a value.
    const audit = db.prepare("SELECT username, record_id AS recordId, fields, reason, customer_ids AS ids FROM audit_log WHERE action = 'customer.merge'").all() as { fields: string; ids: string }[];
    expect(audit).toEqual([{ username: 'manager1', recordId: String(a), fields: expect.any(String), reason: `merge ${result.mergeId}`, ids: expect.any(String) }]);
    expect(JSON.parse(audit[0]!.fields).sort()).toEqual(['company', 'industry', 'notes', 'phone', 'tags']);
    expect(decodeCustomerIds(audit[0]!.ids)).toEqual([a, b, c]);
    const seen = await call<{ customerIds: number[] }>(w, 'owner', 'audit.customersSeen', { username: 'manager1', from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    expect(seen.customerIds).toEqual(expect.arrayContaining([a, b, c]));
    const log = JSON.stringify(db.prepare("SELECT * FROM audit_log WHERE action LIKE 'customer.merge%'").all());
    for (const value of ['13800000002', 'lina@work.example', '顶点贸易', '李娜']) expect(log).not.toContain(value);

    const merges = await call<MergeRecord[]>(w, 'manager', 'customers.merges', {});
    expect(merges).toEqual([
      {
        id: result.mergeId, survivorId: a, survivorName: '李娜', sources: [{ id: b, name: '李 娜' }, { id: c, name: 'Li Na' }], byUsername: 'manager1',
        mergedAt: expect.any(String), undoUntil: result.undoUntil, undoneAt: null, moved: { interactions: 3, purchases: 1, reminders: 1 },
      },
    ]);
    w.core.close();
  });

  it('undo puts every row, tag, key and timeline entry back exactly, once', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const { a, b, c } = await threeLiNas(w, 'owner');
    const before = stateOf(db, [a, b, c]);
    const { mergeId } = await call<{ mergeId: string }>(w, 'owner', 'customers.merge', { survivorId: b, ids: [a, b, c], fields: { name: a, email: c, mobile: a } });
    expect(stateOf(db, [a, b, c])).not.toEqual(before);
    // Contact logged on a source's old record cannot happen meanwhile; the survivor's timeline is what moves back.
    expect(await call(w, 'owner', 'customers.mergeUndo', { mergeId })).toEqual({ restored: [a, c] });
    expect(stateOf(db, [a, b, c])).toEqual(before);
    expect(await refusal(w, 'owner', 'customers.mergeUndo', { mergeId })).toMatchObject({ code: 'CONFLICT', fields: { merge: 'undone' } });
    const rows = db.prepare("SELECT action, record_id AS recordId, reason FROM audit_log WHERE action LIKE 'customer.merge%' ORDER BY id").all();
    expect(rows).toEqual([
      { action: 'customer.merge', recordId: String(b), reason: `merge ${mergeId}` },
      { action: 'customer.mergeUndo', recordId: String(b), reason: `merge ${mergeId}` },
    ]);
    expect((await call<MergeRecord[]>(w, 'owner', 'customers.merges', {}))[0]?.undoneAt).toEqual(expect.any(String));
    w.core.close();
  });

  it('undo is refused, changing nothing, after the survivor was edited, a source restored, or after 30 days', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const { a, b, c } = await threeLiNas(w, 'owner');
    const { mergeId } = await call<{ mergeId: string }>(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b], fields: {} });
    await call(w, 'owner', 'customers.update', { id: a, changes: { city: '杭州' } });
    const edited = stateOf(db, [a, b, c]);
    expect(await refusal(w, 'owner', 'customers.mergeUndo', { mergeId })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/changed after the merge/), fields: { merge: 'edited' } });
    expect(stateOf(db, [a, b, c])).toEqual(edited);

    const second = await call<{ mergeId: string }>(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, c], fields: {} });
    await call(w, 'owner', 'customers.restore', { id: c });
    expect(await refusal(w, 'owner', 'customers.mergeUndo', { mergeId: second.mergeId })).toMatchObject({ code: 'CONFLICT', fields: { merge: 'source_restored' } });

    // The real service with the clock moved on: 30 days is the limit.
    const d = await threeLiNas(w, 'owner');
    const third = await call<{ mergeId: string; survivor: CustomerView }>(w, 'owner', 'customers.merge', { survivorId: d.a, ids: [d.a, d.b], fields: {} });
    const owner = w.core.sessions.current('owner')!;
    const at = (days: number) => createMergeService({ db: () => db, audit: appendAudit, policy: { visibility: fieldVisibility, canReveal: canRevealField, mask: maskField }, now: () => Date.parse(third.survivor.updatedAt) + days * 86_400_000 });
    expect(() => at(30.001).undo(owner, third.mergeId)).toThrow(expect.objectContaining({ code: 'CONFLICT', fields: { merge: 'expired' } }));
    expect(db.prepare('SELECT deleted_at IS NOT NULL AS deleted FROM customers WHERE id = ?').get(d.b)).toEqual({ deleted: 1 });
    expect(at(29.9).undo(owner, third.mergeId)).toEqual({ restored: [d.b] });
    expect(await refusal(w, 'owner', 'customers.mergeUndo', { mergeId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ code: 'NOT_FOUND' });
    w.core.close();
  });

  it('scope: sales merge only their own customers; another owner’s is NOT_FOUND and nothing changes; support may not merge', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const before = stateOf(db, [1, 2, 3]);
    for (const channel of ['customers.mergePreview', 'customers.merge'] as const) {
      const input = channel === 'customers.merge' ? { survivorId: 1, ids: [1, 2], fields: {} } : { ids: [1, 2] };
      expect(await refusal(w, 'sales', channel, input)).toMatchObject({ code: 'NOT_FOUND', message: 'That customer does not exist.' });
      expect(await refusal(w, 'support', channel, input)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(w, 'auditor', channel, input)).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(stateOf(db, [1, 2, 3])).toEqual(before);
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'customer.probe' AND username = 'sales1' AND record_id = '2'").get()).toEqual({ n: 2 });

    // Sales merge two of their own; the merge list of each person shows only what they may undo.
    const sales = w.core.sessions.current('sales')!;
    const x = w.core.customers.create(sales, { name: '赵六', mobile: '13700001111', company: '六记' }).id;
    const y = w.core.customers.create(sales, { name: '赵 六', mobile: '+86 137 0000 1111', city: '苏州' }).id;
    const owner = w.core.sessions.current('owner')!;
    const o1 = w.core.customers.create(owner, { name: 'Zed' }).id;
    const o2 = w.core.customers.create(owner, { name: 'Zed Ltd' }).id;
    const mine = await call<{ mergeId: string; survivor: CustomerView }>(w, 'sales', 'customers.merge', { survivorId: x, ids: [x, y], fields: { name: y } });
    expect(mine.survivor).toMatchObject({ name: '赵 六', company: '六记', city: '苏州', mobile: '137****1111' });
    const theirs = await call<{ mergeId: string }>(w, 'owner', 'customers.merge', { survivorId: o1, ids: [o1, o2], fields: {} });
    expect((await call<MergeRecord[]>(w, 'sales', 'customers.merges', {})).map((m) => m.id)).toEqual([mine.mergeId]);
    expect((await call<MergeRecord[]>(w, 'manager', 'customers.merges', {})).map((m) => m.id)).toEqual([theirs.mergeId, mine.mergeId]);
    expect(await refusal(w, 'sales', 'customers.mergeUndo', { mergeId: theirs.mergeId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(w, 'support', 'customers.merges', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(w, 'sales', 'customers.mergeUndo', { mergeId: mine.mergeId })).toEqual({ restored: [y] });
    w.core.close();
  });

  it('a field the role sees masked is never changed blind: no pick from a differing source, no value moved unseen', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const sales = w.core.sessions.current('sales')!;
    const s1 = w.core.customers.create(sales, { name: '周七', mobile: '13600002222', company: 'Seven' }).id;
    const s2 = w.core.customers.create(sales, { name: '周七', mobile: '13600003333', email: 'zhou@example.com' }).id;
    const preview = await call<MergePreview>(w, 'sales', 'customers.mergePreview', { ids: [s1, s2] });
    // Masked exactly as customers.get masks for sales, and the masked fields are not choosable.
    for (const view of preview.customers) expect(view).toEqual(await call(w, 'sales', 'customers.get', { id: view.id }));
    expect(JSON.stringify(preview)).not.toContain('13600003333');
    expect(preview.fields.find((f) => f.field === 'mobile')).toEqual({ field: 'mobile', differs: true, choosable: false });
    expect(preview.fields.find((f) => f.field === 'company')).toEqual({ field: 'company', differs: true, choosable: true });

    const before = stateOf(db, [s1, s2]);
    expect(await refusal(w, 'sales', 'customers.merge', { survivorId: s1, ids: [s1, s2], fields: { mobile: s2 } })).toMatchObject({ code: 'FORBIDDEN', fields: { mobile: 'forbidden' } });
    // Left to the defaults, the other mobile and the e-mail would move unseen (or into the notes, in full).
    const blind = await refusal(w, 'sales', 'customers.merge', { survivorId: s1, ids: [s1, s2], fields: {} });
    expect(blind).toMatchObject({ code: 'FORBIDDEN', fields: { merge: 'masked_differs', mobile: 'masked_differs' } });
    expect(JSON.stringify(blind)).not.toMatch(/1360000/);
    expect(stateOf(db, [s1, s2])).toEqual(before);

    // A manager sees both in full: the second mobile goes into the empty phone slot, the e-mail fills the blank.
    await call(w, 'manager', 'customers.merge', { survivorId: s1, ids: [s1, s2], fields: {} });
    expect(db.prepare('SELECT mobile, phone, email, notes FROM customers WHERE id = ?').get(s1)).toEqual({ mobile: '13600002222', phone: '13600003333', email: 'zhou@example.com', notes: null });
    w.core.close();
  });

  it('refuses more than three customers, a survivor outside the merge and a field taken from elsewhere, changing nothing', async () => {
    const w = await world();
    const db = w.core.vault.db();
    const { a, b, c } = await threeLiNas(w, 'owner');
    const before = stateOf(db, [1, 2, 3, a, b, c]);
    expect(await refusal(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b, c, 2], fields: {} })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refusal(w, 'owner', 'customers.mergePreview', { ids: [a, b, c, 2] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refusal(w, 'owner', 'customers.mergePreview', { ids: [a] })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refusal(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, a], fields: {} })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refusal(w, 'owner', 'customers.merge', { survivorId: 2, ids: [a, b], fields: {} })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refusal(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b], fields: { company: 2 } })).toMatchObject({ code: 'INVALID_INPUT', fields: { company: 'invalid' } });
    expect(await refusal(w, 'owner', 'customers.merge', { survivorId: a, ids: [a, b], fields: { ownerId: b } })).toMatchObject({ code: 'INVALID_INPUT' });
    const owner = w.core.sessions.current('owner')!;
    expect(() => w.core.merges.merge(owner, { survivorId: a, ids: [a, b, c, 2], fields: {} })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(stateOf(db, [1, 2, 3, a, b, c])).toEqual(before);
    w.core.close();
  });
});
