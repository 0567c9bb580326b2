import { expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, isChannelName } from '../../shared/contract';
import { controlCharacterPaths } from '../../electron/ipc/control-characters';
import { isPlainData } from '../../electron/ipc/router';
import { ERROR_CODES } from '../../shared/errors';
import { describeKeychain } from '../support/keyring';
import { SAMPLE_INPUTS, accessWorld } from './access-helpers';

/** A small seeded generator, so a failure can be replayed with the same payloads. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [
  undefined, null, Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 1, -1, 0.5, true, false, '', ' ', '\u0000', '\uD800',
  'a\u0000b', 'bell\u0007', '\u001b[31mred', 'del\u007f', 'nel\u0085', 'two\nlines', 'tab\there', 'cr\r',
  'x'.repeat(300_000), '𠮷'.repeat(5000), [], [[[]]], { length: 3 }, new Date(0), new Map(), () => 1, Symbol('s'),
  10n, { toString: () => 'en' }, { valueOf: () => 1 }, JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } },
];

function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

function mutate(sample: Record<string, unknown>, random: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const keys = Object.keys(sample);
  const copy: Record<string, unknown> = { ...sample };
  switch (Math.floor(random() * 7)) {
    case 0: // wrong type for a known key
      if (keys.length) copy[pick(keys)] = pick(ODD_VALUES);
      else copy.extra = pick(ODD_VALUES);
      return copy;
    case 1: // a missing key
      if (keys.length) delete copy[pick(keys)];
      else return pick(ODD_VALUES);
      return Object.keys(copy).length === keys.length ? pick(ODD_VALUES) : copy;
    case 2: // an extra key
      // defineProperty: a plain assignment to "__proto__" would set the prototype, not add a key.
      Object.defineProperty(copy, pick(['admin', 'role', 'userId', 'senderId', '__proto__', 'constructor', 'prototype', 'x'.repeat(2000)]), {
        value: pick(ODD_VALUES),
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return copy;
    case 3:
      return deep(50 + Math.floor(random() * 5000));
    case 4: // nested garbage inside a known key
      if (keys.length) copy[pick(keys)] = { nested: pick(ODD_VALUES), more: deep(20) };
      else copy.y = 1;
      return copy;
    case 5:
      return pick(ODD_VALUES);
    default: // a whole different channel's input
      return SAMPLE_INPUTS[pick(CHANNEL_NAMES)] === sample ? { zzz: 1 } : { ...SAMPLE_INPUTS[pick(CHANNEL_NAMES)], zzz: 1 };
  }
}

function describe(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 200);
  } catch {
    return typeof value;
  }
}

const PER_CHANNEL = Number(process.env.COFFER_FUZZ_PER_CHANNEL ?? 2000);

describeKeychain('IPC fuzzing', () => {
  it(`${PER_CHANNEL} malformed payloads per channel: typed errors, no crash, nothing written but rejected audit rows`, { timeout: 300_000 }, async () => {
    const world = await accessWorld({ fastDisk: true });
    const db = world.core.vault.db();
    const snapshot = () =>
      JSON.stringify([
        db.prepare('SELECT * FROM customers ORDER BY id').all(),
        db.prepare('SELECT * FROM customer_tags ORDER BY customer_id, tag').all(),
        db.prepare('SELECT * FROM users ORDER BY id').all(),
        db.prepare("SELECT * FROM meta WHERE key <> 'audit.head' ORDER BY key").all(),
      ]);
    const before = snapshot();
    const lastAudit = (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    const random = rng(20261122);
    const callers = ['owner', 'manager', 'sales', 'support', 'auditor', 'stranger'].map((senderId) => ({ senderId }));
    let calls = 0;
    for (const channel of [...CHANNEL_NAMES, 'no.such.channel', '__proto__', 'constructor']) {
      const sample = (SAMPLE_INPUTS as Record<string, Record<string, unknown>>)[channel] ?? {};
      for (let i = 0; i < PER_CHANNEL; i += 1) {
        const payload = mutate(sample, random);
        // A mutation can land on a valid input (a blank company name is still a name): not malformed.
        // Control characters the schema lets through are still malformed: the router refuses them first.
        if (isChannelName(channel) && isPlainData(payload) && controlCharacterPaths(channel, payload, 1).length === 0 && contract[channel].input.safeParse(payload).success) continue;
        const caller = callers[i % callers.length]!;
        const result = await world.router.dispatch(caller, channel, payload);
        calls += 1;
        if (result.ok) expect.fail(`${channel} accepted ${describe(payload)}`);
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(['INVALID_INPUT', 'UNKNOWN_CHANNEL']).toContain(result.error.code);
          expect(result.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        }
      }
    }
    expect(calls).toBeGreaterThan(PER_CHANNEL * CHANNEL_NAMES.length * 0.9);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toBe(before);
    const added = db.prepare('SELECT action, outcome, count(*) AS n FROM audit_log WHERE id > ? GROUP BY action, outcome').all(lastAudit);
    expect(added).toEqual([{ action: 'ipc.rejected', outcome: 'rejected', n: calls }]);
    world.core.close();
  });
});
