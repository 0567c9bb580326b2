import { expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../shared/contract';
import { ECHOED_FIELDS, MULTILINE_FIELDS } from '../../electron/ipc/control-characters';
import { describeKeychain } from '../support/keyring';
import { SAMPLE_INPUTS, accessWorld } from './access-helpers';

/** C0 (with NUL), DEL, C1, and the three line characters only multi-line fields accept. */
const NEVER = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f'];
const LINE = ['\t', '\n', '\r'];

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** Every string in a channel's input, from the contract itself: nested objects and arrays too. */
function stringPaths(schema: JsonSchema, path: string[] = []): { path: string[]; array: boolean }[] {
  if (schema.anyOf) return schema.anyOf.flatMap((s) => stringPaths(s, path));
  if (schema.type === 'string') return [{ path, array: false }];
  if (schema.type === 'array' && schema.items?.type === 'string') return [{ path, array: true }];
  if (schema.type === 'object') return Object.entries(schema.properties ?? {}).flatMap(([key, s]) => stringPaths(s, [...path, key]));
  return [];
}

/** The channel's sample input with `text` put at `path` (objects on the way made as needed). */
function withText(channel: ChannelName, target: { path: string[]; array: boolean }, text: string): Record<string, unknown> {
  const input = structuredClone(SAMPLE_INPUTS[channel]) as Record<string, unknown>;
  let node = input;
  for (const key of target.path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[target.path.at(-1)!] = target.array ? [text] : text;
  return input;
}

describeKeychain('control characters in every string field of every channel', () => {
  it('are refused as INVALID_INPUT naming the field, before any handler runs; tab and line breaks only in multi-line fields', { timeout: 300_000 }, async () => {
    const world = await accessWorld({ fastDisk: true });
    const db = world.core.vault.db();
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM customers ORDER BY id').all(), db.prepare('SELECT * FROM users ORDER BY id').all(), db.prepare('SELECT * FROM reminders ORDER BY id').all()]);
    const before = snapshot();
    const lastAudit = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    let calls = 0;
    let fieldsCovered = 0;
    for (const channel of CHANNEL_NAMES) {
      const schema = z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const multiline = new Set(MULTILINE_FIELDS[channel] ?? []);
      for (const target of stringPaths(schema)) {
        fieldsCovered += 1;
        const field = target.array ? `${target.path.join('.')}.0` : target.path.join('.');
        if (ECHOED_FIELDS[channel]?.includes(field)) continue; // covered below
        for (const char of [...NEVER, ...(multiline.has(field) ? [] : LINE)]) {
          for (const text of [`a${char}b`, char, `${'x'.repeat(10)}${char}`]) {
            // The owner may call anything: the refusal must come from the text, not from a missing permission.
            const result = await world.router.dispatch(world.caller('owner'), channel, withText(channel, target, text));
            calls += 1;
            expect(result, `${channel} ${field} with U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`).toEqual({
              ok: false,
              error: { code: 'INVALID_INPUT', message: expect.any(String), fields: { [field]: 'control_character' } },
            });
          }
        }
      }
    }
    // Samples that carry no string still count: at least every channel with text was covered.
    expect(fieldsCovered).toBeGreaterThan(40);
    expect(snapshot()).toBe(before);
    const added = db.prepare('SELECT action, outcome, count(*) AS n FROM audit_log WHERE id > ? GROUP BY action, outcome').all(lastAudit);
    expect(added).toEqual([{ action: 'ipc.rejected', outcome: 'rejected', n: calls }]);
    world.core.close();
  });

  it('a page cursor echoing a name saved before the check still pages on', async () => {
    const world = await accessWorld({ fastDisk: true });
    const db = world.core.vault.db();
    // The name sort pages on the kept sort key (migration 019), so the legacy text sits in both.
    db.prepare('UPDATE customers SET name = ?, sort_name = ? WHERE id = 1').run('Zz old\tname\u0001', 'zz old\tname\u0001');
    const first = await world.router.dispatch(world.caller('owner'), 'customers.list', { limit: 1, sort: 'name', dir: 'desc' });
    expect(first).toMatchObject({ ok: true, value: { next: { value: 'zz old\tname\u0001', id: 1 } } });
    const next = (first as { ok: true; value: { next: { value: string; id: number } } }).value.next;
    expect(await world.router.dispatch(world.caller('owner'), 'customers.list', { limit: 1, sort: 'name', dir: 'desc', after: next })).toMatchObject({ ok: true });
    world.core.close();
  }, 60_000);

  it('a search with a NUL answers INVALID_INPUT, not INTERNAL', async () => {
    const world = await accessWorld({ fastDisk: true });
    expect(await world.router.dispatch(world.caller('owner'), 'customers.search', { query: '王\u0000伟' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { query: 'control_character' } } });
    expect(await world.router.dispatch(world.caller('owner'), 'customers.search', { query: '王伟' })).toMatchObject({ ok: true });
    world.core.close();
  }, 60_000);

  it('multi-line fields keep their tabs and line breaks', async () => {
    const world = await accessWorld({ fastDisk: true });
    const notes = 'First line\r\nSecond\tline\nThird';
    const made = await world.router.dispatch(world.caller('owner'), 'customers.create', { name: 'Multi Line', notes });
    expect(made).toMatchObject({ ok: true, value: { notes } });
    const id = (made as { ok: true; value: { id: number } }).value.id;
    expect(await world.router.dispatch(world.caller('owner'), 'customers.update', { id, changes: { notes: `${notes}\nFourth` } })).toMatchObject({ ok: true });
    expect(await world.router.dispatch(world.caller('owner'), 'interactions.add', { customerId: id, kind: 'call', at: '2026-11-20T10:00:00Z', summary: 'Called.\nWill call again.' })).toMatchObject({ ok: true });
    // ... but never a NUL, and never a line break in a one-line field of the same call.
    expect(await world.router.dispatch(world.caller('owner'), 'customers.create', { name: 'Bad\nName', notes: 'ok\u0000' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { name: 'control_character', notes: 'control_character' } },
    });
    world.core.close();
  }, 60_000);
});
