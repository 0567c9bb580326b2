import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totp, verifyTotp } from '../../../electron/core/auth/totp';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const NOW = Date.UTC(2026, 10, 22, 10, 0, 15);
const STEP = Math.floor(NOW / 30_000);

describe('HOTP and TOTP against the RFCs', () => {
  it('matches RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 appendix B (SHA-1) at %i s', (seconds, code) => {
    expect(totp(RFC_SECRET, seconds * 1000, 8)).toBe(code);
    // verifyTotp must accept the same vector when asked for 8 digits, and only then.
    expect(verifyTotp({ secret: RFC_SECRET, code, now: seconds * 1000, lastUsedStep: -1, digits: 8 })).toEqual({ ok: true, step: Math.floor(seconds / 30) });
    expect(verifyTotp({ secret: RFC_SECRET, code, now: seconds * 1000, lastUsedStep: -1 })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts the RFC secret given as base32', () => {
    const secret = base32Encode(RFC_SECRET);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(verifyTotp({ secret, code: totp(RFC_SECRET, 59_000), now: 59_000, lastUsedStep: -1 })).toEqual({ ok: true, step: 1 });
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const key = base32Decode(secret);
  const code = (drift: number) => hotp(key, STEP + drift);

  it('makes 20-byte secrets', () => {
    expect(key).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('accepts one step of drift either way and returns the matched step', () => {
    for (const drift of [-1, 0, 1]) expect(verifyTotp({ secret, code: code(drift), now: NOW, lastUsedStep: -1 })).toEqual({ ok: true, step: STEP + drift });
  });

  it('rejects two steps of drift with the default window, accepts them with window 2', () => {
    for (const drift of [-2, 2]) {
      expect(verifyTotp({ secret, code: code(drift), now: NOW, lastUsedStep: -1 })).toEqual({ ok: false, reason: 'invalid' });
      expect(verifyTotp({ secret, code: code(drift), now: NOW, lastUsedStep: -1, window: 2 })).toEqual({ ok: true, step: STEP + drift });
    }
    expect(verifyTotp({ secret, code: code(1), now: NOW, lastUsedStep: -1, window: 0 })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects a code whose step is not newer than the last one used', () => {
    const first = verifyTotp({ secret, code: code(0), now: NOW, lastUsedStep: -1 });
    expect(first).toEqual({ ok: true, step: STEP });
    const lastUsedStep = first.ok ? first.step : -1;
    expect(verifyTotp({ secret, code: code(0), now: NOW + 5_000, lastUsedStep })).toEqual({ ok: false, reason: 'reused' });
    expect(verifyTotp({ secret, code: code(-1), now: NOW, lastUsedStep })).toEqual({ ok: false, reason: 'reused' });
    expect(verifyTotp({ secret, code: code(1), now: NOW, lastUsedStep })).toEqual({ ok: true, step: STEP + 1 });
  });

  it('rejects malformed codes without throwing', () => {
    const bad = ['', '12345', '1234567', 'abcdef', '12 456', ' 123456', '123456\n', '١٢٣٤٥٦', '+12345', '1e5000'];
    for (const value of bad) expect(verifyTotp({ secret, code: value, now: NOW, lastUsedStep: -1 })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp({ secret, code: undefined as unknown as string, now: NOW, lastUsedStep: -1 })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp({ secret, code: 123456 as unknown as string, now: NOW, lastUsedStep: -1 })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('does not throw in the first step after the epoch, where step - 1 would be negative', () => {
    expect(verifyTotp({ secret, code: hotp(key, 0), now: 1_000, lastUsedStep: -1 })).toEqual({ ok: true, step: 0 });
  });

  it('refuses a nonsensical window or clock loudly, since those are programming errors', () => {
    expect(() => verifyTotp({ secret, code: code(0), now: NOW, lastUsedStep: -1, window: -1 })).toThrow(RangeError);
    expect(() => verifyTotp({ secret, code: code(0), now: NOW, lastUsedStep: -1, window: 100 })).toThrow(RangeError);
    expect(() => verifyTotp({ secret, code: code(0), now: Number.NaN, lastUsedStep: -1 })).toThrow(RangeError);
  });

  it('keeps the positional form working for existing callers', () => {
    expect(verifyTotp(secret, code(0), NOW, 0)).toEqual({ ok: true, step: STEP });
    expect(verifyTotp(secret, code(0), NOW, STEP)).toEqual({ ok: false, reason: 'reused' });
  });
});

describe('base32 and the otpauth URI', () => {
  it('round-trips random bytes of every length', () => {
    for (let i = 0; i < 200; i += 1) {
      const bytes = randomBytes(i % 41);
      const text = base32Encode(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(base32Decode(text)).toEqual(bytes);
    }
  });

  it('matches RFC 4648 section 10 (without padding) and ignores case and spaces', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded.toLowerCase().replace(/(.{2})/g, '$1 ')).toString()).toBe(plain);
    }
    expect(() => base32Decode('MZXW1')).toThrow();
  });

  it('builds an escaped otpauth URI with the username only', () => {
    expect(otpauthUri({ secret: 'jbsw y3dp ehpk 3pxp', account: 'lily li', issuer: 'Coffer' })).toBe(
      'otpauth://totp/Coffer:lily%20li?secret=JBSWY3DPEHPK3PXP&issuer=Coffer&algorithm=SHA1&digits=6&period=30',
    );
    const uri = otpauthUri({ secret: RFC_SECRET, account: 'a:b&c?d#é' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Coffer:a%3Ab%26c%3Fd%23%C3%A9\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Coffer&/);
    expect(new URL(uri).searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'lily')).toBe(otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'lily' }));
    expect(() => otpauthUri({ secret: RFC_SECRET, account: '  ' })).toThrow(RangeError);
  });
});
