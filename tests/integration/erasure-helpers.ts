import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

/** A person with mentions everywhere free text lives, for the erasure tests (issue 16). */
export const PERSON = { name: '李娜', mobile: '13800138000', email: 'Li.Na@Example.com', wechat: 'lina_wx88' } as const;

export type ErasureWorld = Awaited<ReturnType<typeof erasureWorld>>;

export async function erasureWorld(options: { now?: () => number } = {}) {
  const w = await accessWorld(options.now ? { now: options.now } : {});
  const call = (role: 'owner' | 'manager' | 'sales' | 'support' | 'auditor', channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
  const value = async <T>(role: Parameters<typeof call>[0], channel: string, input: unknown): Promise<T> => {
    const answer = await call(role, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${JSON.stringify(answer.error.fields ?? {})}`);
    return answer.value as T;
  };
  const owner = w.core.sessions.current('owner')!;
  const id = w.core.customers.create(owner, { name: PERSON.name, mobile: PERSON.mobile, email: PERSON.email, wechat: PERSON.wechat, city: '杭州', addressDetail: '西湖区文三路 90 号', company: '李娜茶庄', notes: '老客户，李娜喜欢龙井', tags: ['vip', '李娜介绍'] }).id;
  const other = w.core.customers.create(owner, { name: '张强', notes: '李娜 (138 0013 8000) 介绍来的' }).id;
  await value('owner', 'interactions.add', { customerId: id, kind: 'call', at: '2026-11-20T10:00:00Z', summary: '给李娜打电话，手机 138-0013-8000，邮件 li.na@example.com' });
  await value('owner', 'purchases.add', { customerId: id, date: '2026-11-20', item: 'Longjing 250g', amountMinor: 12800, currency: 'CNY', note: '李娜 paid cash' });
  await value('owner', 'reminders.add', { customerId: id, dueAt: '2026-12-01T09:00:00Z', note: 'Mail Li.Na@example.com the price list' });
  return { w, call, value, id, other };
}

/** The one-owner path with no cooling-off: tests about erasure, not about waiting an hour. */
export async function ownerApproves(e: ErasureWorld, input: { customerId: number; mode: 'anonymise' | 'delete'; requestId?: number }): Promise<number> {
  await e.value('owner', 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, coolingOffMinutes: 0 });
  const req = await e.value<{ id: number; state: string }>('owner', 'approvals.request', {
    operation: 'privacy.erase',
    input,
    reason: 'the customer asked to be forgotten',
    confirmSummary: String(input.customerId),
    password: OWNER.password,
  });
  if (req.state !== 'approved') throw new Error(`approval ${req.state}`);
  return req.id;
}

/** Every text cell of every table, for "no trace left" assertions that do not trust the check under test. */
export function everyText(e: ErasureWorld, table?: string): string {
  const db = e.w.core.vault.db();
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search_%'").all() as { name: string }[]).map((t) => t.name);
  return tables
    .filter((t) => !table || t === table)
    .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all()))
    .join('\n');
}
