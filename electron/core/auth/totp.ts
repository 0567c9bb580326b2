import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RFC4648, decodeBase32, encodeBase32 } from '../platform/base32';

/**
 * RFC 6238 TOTP over RFC 4226 HOTP: HMAC-SHA1, 6 digits, 30-second steps, which is what every
 * authenticator app speaks. The clock is always passed in, never read here.
 */
export const STEP_SECONDS = 30;

export function base32Encode(bytes: Uint8Array): string {
  return encodeBase32(bytes, RFC4648);
}

export function base32Decode(text: string): Buffer {
  return decodeBase32(text.toUpperCase().replace(/[\s=-]/g, ''), RFC4648);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / STEP_SECONDS);
}

export function totp(secret: Uint8Array, nowMs: number, digits = 6): string {
  return hotp(secret, totpStep(nowMs), digits);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Accepts the current step and one either side (clock drift). A code whose step is not newer
 * than the last one used is refused, so a code seen over someone's shoulder cannot be replayed.
 */
export function verifyTotp(secretBase32: string, code: string, nowMs: number, lastUsedStep: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const secret = base32Decode(secretBase32);
  const current = totpStep(nowMs);
  for (const step of [current - 1, current, current + 1]) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) {
      return step <= lastUsedStep ? { ok: false, reason: 'reused' } : { ok: true, step };
    }
  }
  return { ok: false, reason: 'invalid' };
}

/** For the authenticator app (typed in, or shown as a QR code by the UI). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Coffer'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
}
