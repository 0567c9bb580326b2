import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld, MARKERS } from './access-helpers';

/** Issue 16: the reply to a requester, written in main, with the owner's privacy contact and nothing else of the customer's. */
type World = Awaited<ReturnType<typeof accessWorld>>;
type Role = Parameters<World['caller']>[0];

const call = (world: World, role: Role, channel: string, input: unknown) => world.router.dispatch(world.caller(role), channel, input);
async function ok<T = Record<string, unknown>>(world: World, role: Role, channel: string, input: unknown): Promise<T> {
  const result = await call(world, role, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields)}`);
  return result.value as T;
}
type Reply = { language: string; text: string; contactNamed: boolean };
const reply = (world: World, id: number, language: 'en' | 'zh-CN', role: Role = 'manager') => ok<Reply>(world, role, 'privacyRequests.reply', { id, language });

describeKeychain('request replies', () => {
  it('en and zh-CN from the request: type, dates, outcome or refusal reason, the privacy contact; the customer masked; audited as a read', async () => {
    const at = Date.UTC(2026, 8, 28, 10);
    const world = await accessWorld({ now: () => at });
    await ok(world, 'owner', 'settings.setShopProfile', { name: 'Tea House', currency: 'CNY' });
    const made = await ok<{ id: number }>(world, 'owner', 'privacyRequests.create', { type: 'access', receivedOn: '2026-09-28', channel: 'in-store', customerIds: [1] });

    // No contact named yet: the reply says to contact the shop, and the dialog is told.
    const bare = await reply(world, made.id, 'en');
    expect(bare.contactNamed).toBe(false);
    expect(bare.text).toContain('please contact us at the shop');

    await ok(world, 'owner', 'privacy.setSettings', { regime: 'pipl', contactName: '陈静 Chen Jing', contactReach: 'privacy@tea.example / 021-5555-0101' });
    const open = await reply(world, made.id, 'en');
    expect(open).toMatchObject({ language: 'en', contactNamed: true });
    expect(open.text).toContain(`reference #${made.id}`);
    expect(open.text).toContain('Dear 王*,');
    expect(open.text).toContain('On 28 September 2026 we received your request to see the personal data we hold about you.');
    expect(open.text).toContain('will answer by 23 October 2026');
    expect(open.text).toContain('please contact 陈静 Chen Jing, privacy@tea.example / 021-5555-0101.');
    expect(open.text).toContain('Tea House');
    // Nothing of the customer beyond the masked name: not the name, phone, e-mail, ID, address.
    for (const absent of ['王伟', ...Object.values(MARKERS)]) expect(open.text).not.toContain(absent);

    await ok(world, 'owner', 'privacyRequests.act', { action: 'refuse', id: made.id, reason: '无法核实身份' });
    const zh = await reply(world, made.id, 'zh-CN', 'owner');
    expect(zh.language).toBe('zh-CN');
    expect(zh.text).toContain(`关于您的个人信息请求的答复（编号 #${made.id}）`);
    expect(zh.text).toContain('王*，您好：');
    expect(zh.text).toContain('我们于2026年9月28日收到您查阅您的个人信息的请求。');
    expect(zh.text).toContain('我们无法办理您的请求，理由如下：无法核实身份');
    expect(zh.text).toContain('个人信息保护负责人：陈静 Chen Jing（privacy@tea.example / 021-5555-0101）');
    expect(zh.text).not.toContain('将于');

    const answered = await ok<{ id: number }>(world, 'owner', 'privacyRequests.create', { type: 'deletion', receivedOn: '2026-09-28', channel: 'phone', customerIds: [] });
    for (const action of [{ action: 'verify', method: 'phone-callback' }, { action: 'start' }, { action: 'answer', outcome: 'Your record was anonymised on 28 September.' }]) {
      await ok(world, 'owner', 'privacyRequests.act', { ...action, id: answered.id });
    }
    const done = await reply(world, answered.id, 'en');
    expect(done.text).toContain('Dear customer,'); // no linked customer: no name at all
    expect(done.text).toContain('your request to delete your personal data');
    expect(done.text).toContain('Outcome: Your record was anonymised on 28 September.');

    // Handlers only; a bad id or language changes nothing and says so.
    for (const role of ['auditor', 'sales', 'support'] as const) expect(await call(world, role, 'privacyRequests.reply', { id: made.id, language: 'en' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(world, 'owner', 'privacyRequests.reply', { id: 999, language: 'en' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(world, 'owner', 'privacyRequests.reply', { id: made.id, language: 'fr' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const rows = world.core.vault.db().prepare("SELECT username, record_id AS recordId, fields, customer_ids AS ids FROM audit_log WHERE action = 'privacyRequest.read' AND fields = '[\"reply\"]' ORDER BY id").all();
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({ username: 'manager1', recordId: String(made.id), fields: '["reply"]', ids: '1' });
    world.core.close();
  }, 120_000);
});
