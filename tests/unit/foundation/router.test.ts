import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../shared/contract';
import { CofferError } from '../../../shared/errors';
import type { Session } from '../../../electron/core/auth/session-service';
import { createRouter, type HandlerMap, type RouterDeps } from '../../../electron/ipc/router';

const caller = { senderId: 'test' };

function routerWith(overrides: Partial<HandlerMap> = {}, log: string[] = [], authorize: RouterDeps['authorize'] = denyAll) {
  const calls: ChannelName[] = [];
  // Every channel records that it ran; the ones these tests look at return real shapes.
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      () => {
        calls.push(name);
        return name === 'app.version' ? { app: '1.0.0', schema: 1, sqlite: '3.53.2', platform: 'linux' } : {};
      },
    ]),
  ) as unknown as HandlerMap;
  handlers['app.setLocale'] = ({ locale }) => {
    calls.push('app.setLocale');
    return { locale };
  };
  Object.assign(handlers, overrides);
  return { router: createRouter({ handlers, authorize, logInternal: (line) => log.push(line) }), calls };
}

function denyAll(): never {
  throw new CofferError('UNAUTHENTICATED', 'Sign in to continue.');
}

describe('router', () => {
  it('answers a valid call with the handler result in an ok envelope', async () => {
    const { router } = routerWith();
    expect(await router.dispatch(caller, 'app.setLocale', { locale: 'zh-CN' })).toEqual({ ok: true, value: { locale: 'zh-CN' } });
  });

  it.each([
    ['unknown channel', 'app.nope', {}, 'UNKNOWN_CHANNEL'],
    ['prototype key as channel', '__proto__', {}, 'UNKNOWN_CHANNEL'],
    ['non-string channel', 42, {}, 'UNKNOWN_CHANNEL'],
    ['wrong type', 'app.setLocale', { locale: 7 }, 'INVALID_INPUT'],
    ['value outside the enum', 'app.setLocale', { locale: 'fr' }, 'INVALID_INPUT'],
    ['missing key', 'app.setLocale', {}, 'INVALID_INPUT'],
    ['extra key', 'app.setLocale', { locale: 'en', admin: true }, 'INVALID_INPUT'],
    ['__proto__ key', 'app.status', JSON.parse('{"__proto__": {"polluted": 1}}'), 'INVALID_INPUT'],
    ['constructor key', 'app.status', { constructor: { prototype: {} } }, 'INVALID_INPUT'],
    ['not an object', 'app.status', 'hello', 'INVALID_INPUT'],
    ['null', 'app.status', null, 'INVALID_INPUT'],
    ['array', 'app.status', [], 'INVALID_INPUT'],
    ['NaN', 'app.setLocale', { locale: Number.NaN }, 'INVALID_INPUT'],
  ])('refuses %s with a typed error and runs no handler', async (_name, channel, input, code) => {
    const { router, calls } = routerWith();
    const result = await router.dispatch(caller, channel, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never reflects attacker-controlled text back', async () => {
    const { router } = routerWith();
    const marker = '<img src=x onerror=alert(1)>';
    const answers = await Promise.all([
      router.dispatch(caller, marker, {}),
      router.dispatch(caller, 'app.status', { [marker]: 1 }),
      router.dispatch(caller, 'app.setLocale', { locale: marker }),
    ]);
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain('onerror');
  });

  it('turns a CofferError into its code and message, with fields', async () => {
    const { router } = routerWith({
      'app.version': () => {
        throw new CofferError('LOCKED', 'Coffer is locked.', { password: 'required' });
      },
    });
    expect(await router.dispatch(caller, 'app.version', {})).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'Coffer is locked.', fields: { password: 'required' } },
    });
  });

  it('hides unexpected errors behind INTERNAL and logs no message text', async () => {
    const log: string[] = [];
    const { router } = routerWith(
      {
        'app.version': () => {
          throw new Error('UNIQUE constraint failed: customers.phone 13812345678');
        },
      },
      log,
    );
    const result = await router.dispatch(caller, 'app.version', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('13812345678');
    expect(log.join('\n')).not.toContain('13812345678');
    expect(log).toHaveLength(1);
  });

  it('fails closed when a handler returns the wrong shape, and strips unknown output fields', async () => {
    const bad = routerWith({ 'app.version': () => ({ app: 1 }) as never });
    expect(await bad.router.dispatch(caller, 'app.version', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const leaky = routerWith({
      'app.version': () => ({ app: '1', schema: 1, sqlite: 'x', platform: 'linux', databaseKey: 'ab'.repeat(32) }) as never,
    });
    const result = await leaky.router.dispatch(caller, 'app.version', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('databaseKey');
  });

  it('survives a fuzz of malformed payloads on every channel without throwing', async () => {
    const { router, calls } = routerWith();
    const samples: unknown[] = [undefined, null, 0, -1, 1e308, Number.NaN, true, '', 'x'.repeat(100_000), [], [{}], () => 1, Symbol('s')];
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i += 1) deep = { a: deep };
    samples.push(deep, { locale: 'en', ['x'.repeat(10_000)]: 1 }, { locale: ['en'] }, { locale: { toString: () => 'en' } });
    for (const channel of CHANNEL_NAMES) {
      for (const input of samples) {
        expect(await router.dispatch(caller, channel, input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
    }
    expect(calls).toEqual([]);
  });

  it('asks for a session and permission on every non-public channel, before the handler runs', async () => {
    const asked: string[] = [];
    const session: Session = { userId: 1, username: 'u', displayName: 'U', role: 'owner', startedAt: 0, lastActiveAt: 0, locked: false, mustEnroll2fa: false };
    const { router, calls } = routerWith({}, [], (who, permission) => {
      asked.push(`${who.senderId}:${permission}`);
      return session;
    });
    await router.dispatch(caller, 'settings.chooseBackupFolder', {});
    expect(asked).toEqual(['test:backup.configure']);
    expect(calls).toEqual(['settings.chooseBackupFolder']);

    const denied = routerWith();
    expect(await denied.router.dispatch(caller, 'settings.chooseBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(denied.calls).toEqual([]);
  });
});
