import { expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract';
import { describeKeychain } from '../support/keyring';
import { DISRUPTIVE, PASSWORD, SAMPLE_INPUTS, accessWorld, type AccessWorld } from './access-helpers';

/**
 * Issue 16: free text about a customer is personal data, and support sees it only when the owner
 * allows: customer notes, interaction summaries (联系记录), reminder text and purchase remarks,
 * in every channel family that returns them (record, timeline, lists, search, dashboard, export).
 * Text support wrote themselves, or a reminder handed to them, stays theirs to read.
 */
const FREE_TEXT = {
  notes: 'NOTEMARK prefers evening calls, mother in hospital',
  summary: 'SUMMARYMARK complained about the refund, divorced last year',
  reminder: 'REMINDERMARK call before the court date',
  remark: 'REMARKMARK paid by her brother',
} as const;

/** The extra inputs that reach the seeded free text beyond each channel's one sample. */
const EXTRA: Partial<Record<ChannelName, unknown[]>> = {
  'customers.timeline': [{ id: 1 }, { id: 2 }],
  'customers.record': [{ id: 1 }, { id: 2 }],
  'customers.get': [{ id: 1 }, { id: 2 }],
  'customers.list': [{ limit: 50 }],
  'customers.search': [{ query: 'NOTEMARK' }, { query: 'SUMMARYMARK' }, { query: '王伟' }],
  'reminders.list': [{ range: 'all' }, { range: 'all', mine: false, customerId: 1 }, { range: 'overdue' }],
  'dashboard.summary': [{ mine: false }, { mine: true }],
  'customers.export': [{ format: 'csv', columns: ['name', 'notes'] }],
};

async function seeded(): Promise<AccessWorld> {
  const world = await accessWorld({ fastDisk: true });
  const owner = world.core.sessions.current('owner')!;
  const sales = world.core.sessions.current('sales')!;
  world.core.customers.update(sales, 1, { notes: FREE_TEXT.notes });
  world.core.timeline.addInteraction(sales, 1, { kind: 'call', at: '2026-10-20T10:00:00Z', summary: FREE_TEXT.summary });
  world.core.timeline.addPurchase(owner, 1, { date: '2026-10-21', item: 'Green tea', amountMinor: 100, currency: 'CNY', note: FREE_TEXT.remark });
  world.core.reminders.add(owner, { customerId: 2, dueAt: '2026-10-01T09:00:00Z', note: FREE_TEXT.reminder });
  return world;
}

async function answers(world: AccessWorld, role: 'support' | 'owner'): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const channel of CHANNEL_NAMES.filter((c) => !DISRUPTIVE.has(c))) {
    for (const input of [SAMPLE_INPUTS[channel], ...(EXTRA[channel] ?? [])]) {
      const answer = await world.router.dispatch(world.caller(role), channel, input);
      if (!answer.ok && answer.error.code === 'UNAUTHENTICATED') await world.core.sessions.confirmPassword(world.core.sessions.current(world.caller(role).senderId)!, PASSWORD);
      out.set(`${channel} ${JSON.stringify(input)}`, JSON.stringify(answer));
    }
  }
  return out;
}

const carrying = (all: Map<string, string>, marker: string) => [...all].filter(([, body]) => body.includes(marker)).map(([call]) => call.split(' ')[0]);

describeKeychain('free text about a customer, withheld from support unless the owner allows', () => {
  it('no channel gives support a note, summary, reminder text or remark written by others; the owner sees them where they live', async () => {
    const world = await seeded();
    const support = await answers(world, 'support');
    for (const [field, marker] of Object.entries(FREE_TEXT)) expect(carrying(support, marker), `support got ${field}`).toEqual([]);
    // The markers are really there to be found: the owner's same calls carry each one (so the sweep can fail).
    const owner = await answers(world, 'owner');
    expect(carrying(owner, 'NOTEMARK')).toEqual(expect.arrayContaining(['customers.get', 'customers.search']));
    expect(carrying(owner, 'SUMMARYMARK')).toContain('customers.timeline');
    expect(carrying(owner, 'REMINDERMARK')).toEqual(expect.arrayContaining(['reminders.list', 'dashboard.summary']));
    expect(carrying(owner, 'REMARKMARK')).toEqual([]); // purchase remarks go to no screen at all; the access package is its own test

    // Support sees that something is there and kept from it, not an empty history.
    const timeline = await world.router.dispatch(world.caller('support'), 'customers.timeline', { id: 1 });
    // (The sweep itself added support's own sample entry, which support reads.)
    expect(timeline.ok && timeline.value).toContainEqual(expect.objectContaining({ byUsername: 'sales1', kind: 'call', text: '', withheld: true }));
    const reminders = await world.router.dispatch(world.caller('support'), 'reminders.list', { range: 'all', customerId: 2 });
    expect(reminders).toMatchObject({ ok: true, value: [{ note: '', noteWithheld: true }] });
    world.core.close();
  }, 180_000);

  it('support cannot overwrite or delete a summary it may not read; what support wrote itself stays readable', async () => {
    const world = await seeded();
    const support = world.core.sessions.current('support')!;
    const id = (world.core.vault.db().prepare('SELECT id FROM interactions WHERE customer_id = 1').get() as { id: number }).id;
    for (const [channel, input] of [
      ['interactions.update', { id, kind: 'call', at: '2026-10-20T10:00:00Z', summary: 'overwritten blind' }],
      ['interactions.delete', { id }],
    ] as const) {
      expect(await world.router.dispatch(world.caller('support'), channel, input), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', fields: { summary: 'withheld' } } });
    }
    expect(world.core.vault.db().prepare('SELECT summary FROM interactions WHERE id = ?').pluck().get(id)).toBe(FREE_TEXT.summary);

    world.core.timeline.addInteraction(support, 1, { kind: 'service', at: '2026-10-22T10:00:00Z', summary: 'Replaced the kettle lid' });
    world.core.reminders.add(support, { customerId: 1, dueAt: '2026-10-02T09:00:00Z', note: 'Check the lid fits' });
    const timeline = await world.router.dispatch(world.caller('support'), 'customers.timeline', { id: 1 });
    expect(timeline.ok && (timeline.value as { text: string }[]).map((e) => e.text)).toEqual(['Replaced the kettle lid', '']);
    const reminders = await world.router.dispatch(world.caller('support'), 'reminders.list', { range: 'all', customerId: 1 });
    expect(reminders.ok && (reminders.value as { note: string }[]).map((r) => r.note).sort()).toEqual(['', 'Check the lid fits']);
    world.core.close();
  });

  it('once the owner allows it, support reads every kind of free text, and the switch is audited', async () => {
    const world = await seeded();
    const allowed = await world.router.dispatch(world.caller('owner'), 'settings.setNotesForSupport', { allowed: true });
    expect(allowed).toEqual({ ok: true, value: { notesForSupport: true } });
    const support = await answers(world, 'support');
    expect(carrying(support, 'NOTEMARK')).toEqual(expect.arrayContaining(['customers.get', 'customers.search']));
    expect(carrying(support, 'SUMMARYMARK')).toContain('customers.timeline');
    expect(carrying(support, 'REMINDERMARK')).toEqual(expect.arrayContaining(['reminders.list', 'dashboard.summary']));
    expect(carrying(support, 'REMARKMARK')).toEqual([]); // purchases stay outside support's role
    const audit = world.core.vault.db().prepare("SELECT reason FROM audit_log WHERE action = 'settings.customerField' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(audit).toBe('support sees notes');
    world.core.close();
  }, 180_000);
});
