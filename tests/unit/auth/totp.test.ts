import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from '../../../electron/core/auth/totp';
import { generateRecoveryCodes, matchRecoveryCode } from '../../../electron/core/auth/recovery-codes';
import { createLoginBackoff } from '../../../electron/core/auth/login-backoff';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP and TOTP', () => {
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
  });

  it('accepts one step of drift either way, not two, and never the same step twice', () => {
    const secret = base32Encode(randomBytes(20));
    const now = Date.UTC(2026, 10, 22, 10, 0, 15);
    const key = base32Decode(secret);
    const step = Math.floor(now / 30_000);
    for (const drift of [-1, 0, 1]) expect(verifyTotp(secret, hotp(key, step + drift), now, 0)).toEqual({ ok: true, step: step + drift });
    for (const drift of [-2, 2]) expect(verifyTotp(secret, hotp(key, step + drift), now, 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(secret, hotp(key, step), now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(verifyTotp(secret, hotp(key, step - 1), now, step)).toEqual({ ok: false, reason: 'reused' });
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 456', '١٢٣٤٥٦']) expect(verifyTotp(secret, bad, now, 0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('base32 round-trips random bytes and builds an otpauth URI without personal data beyond the username', () => {
    for (let i = 0; i < 200; i += 1) {
      const bytes = randomBytes(i % 40);
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'lily li')).toBe('otpauth://totp/Coffer:lily%20li?secret=JBSWY3DPEHPK3PXP&issuer=Coffer&algorithm=SHA1&digits=6&period=30');
  });
});

describe('2FA recovery codes', () => {
  it('are ten, stored only hashed, match once after normalising, and never match a wrong code', () => {
    const { codes, hashes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(hashes.join()).not.toContain(code.replace('-', ''));
    const index = matchRecoveryCode(` ${codes[3]!.toLowerCase().replace('-', ' ')} `, hashes);
    expect(index).toBe(3);
    const remaining = hashes.filter((_, i) => i !== index);
    expect(matchRecoveryCode(codes[3]!, remaining)).toBe(-1);
    expect(matchRecoveryCode('AAAAA-AAAAA', hashes)).toBe(-1);
  });
});

describe('sign-in back-off', () => {
  it('is free for three tries, then doubles up to a minute, per username in any case', () => {
    const backoff = createLoginBackoff();
    for (let i = 0; i < 3; i += 1) backoff.failed('Lily', 1000);
    expect(backoff.retryAfter('lily', 1000)).toBe(1000);
    for (let i = 0; i < 10; i += 1) backoff.failed('lily', 2000);
    expect(backoff.retryAfter('LILY', 2000)).toBe(60_000);
    backoff.succeeded('lily');
    expect(backoff.retryAfter('lily', 2000)).toBe(0);
  });
});
