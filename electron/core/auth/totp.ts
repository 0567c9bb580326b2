import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RFC4648, decodeBase32, encodeBase32 } from '../platform/base32';

/**
 * RFC 6238 TOTP over RFC 4226 HOTP: HMAC-SHA1, 6 digits, 30-second steps, which is what every
 * authenticator app speaks. The clock is always passed in, never read here, so tests and the
 * replay check are deterministic.
 */
export const STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** More drift than this would mean accepting codes minutes old; no phone clock is that far off. */
const MAX_WINDOW = 10;

/** RFC 4648 without padding: what authenticator apps expect to be typed in. */
export function base32Encode(bytes: Uint8Array): string {
  return encodeBase32(bytes, RFC4648);
}

/** Case, spaces and padding are ignored because people retype these by hand. Throws on other characters. */
export function base32Decode(text: string): Buffer {
  return decodeBase32(text.toUpperCase().replace(/[\s=-]/g, ''), RFC4648);
}

/** 20 random bytes (the RFC 4226 recommended HMAC-SHA1 key length), base32 so it can be stored and shown as is. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('HOTP counter must be a non-negative integer');
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new RangeError('HOTP digits must be 6 to 10');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  // RFC 4226 section 5.3 dynamic truncation; the top bit is masked so the result is unsigned.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(nowMs: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError('TOTP clock must be a non-negative number of milliseconds');
  return Math.floor(nowMs / 1000 / STEP_SECONDS);
}

export function totp(secret: Uint8Array, nowMs: number, digits = TOTP_DIGITS): string {
  return hotp(secret, totpStep(nowMs), digits);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' };

export interface VerifyTotpInput {
  /** Base32 as produced by generateTotpSecret, or the raw key bytes. */
  secret: string | Uint8Array;
  /** As typed; anything that is not exactly `digits` ASCII digits is 'invalid', never an exception. */
  code: string;
  now: number;
  /** The step returned by the last successful check (-1 if none); the caller persists it. */
  lastUsedStep: number;
  window?: number;
  digits?: number;
}

/**
 * Accepts the current step and `window` steps either side (phone clock drift). A code whose step
 * is not newer than the last one used is 'reused', so a code seen over someone's shoulder, or
 * replayed from a captured request, cannot be used again within its validity window.
 */
export function verifyTotp(input: VerifyTotpInput): TotpCheck;
/** Positional form kept for existing callers (second-factor.ts); prefer the object form. */
export function verifyTotp(secretBase32: string, code: string, nowMs: number, lastUsedStep: number): TotpCheck;
export function verifyTotp(first: VerifyTotpInput | string, code?: string, nowMs?: number, lastUsedStep?: number): TotpCheck {
  const input: VerifyTotpInput =
    typeof first === 'string' ? { secret: first, code: code ?? '', now: nowMs ?? Number.NaN, lastUsedStep: lastUsedStep ?? Number.NaN } : first;
  return check(input);
}

function check({ secret, code, now, lastUsedStep, window = 1, digits = TOTP_DIGITS }: VerifyTotpInput): TotpCheck {
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) throw new RangeError(`TOTP window must be 0 to ${MAX_WINDOW}`);
  if (!Number.isFinite(lastUsedStep)) throw new RangeError('lastUsedStep must be a number (-1 if never used)');
  // The code arrives from the UI over IPC, so its type is not trusted even though TS says string.
  if (typeof code !== 'string' || !new RegExp(`^[0-9]{${digits}}$`).test(code)) return { ok: false, reason: 'invalid' };
  const key = typeof secret === 'string' ? base32Decode(secret) : secret;
  const current = totpStep(now);
  const given = Buffer.from(code);
  // Every step in the window is compared, with no early exit, so timing does not reveal which
  // step (if any) matched. A fresh match wins over a reused one in the (1 in 10^6) case of both.
  let fresh = -1;
  let reused = false;
  for (let step = current - window; step <= current + window; step += 1) {
    if (step < 0) continue;
    if (!timingSafeEqual(Buffer.from(hotp(key, step, digits)), given)) continue;
    if (step > lastUsedStep) fresh = Math.max(fresh, step);
    else reused = true;
  }
  if (fresh >= 0) return { ok: true, step: fresh };
  return { ok: false, reason: reused ? 'reused' : 'invalid' };
}

export interface OtpauthUriInput {
  secret: string | Uint8Array;
  /** The username only: the URI becomes a QR code on screen and sits in the phone's app list, so no name or email. */
  account: string;
  issuer?: string;
}

/** Key URI for the authenticator app (typed in, or shown as a QR code by the UI). */
export function otpauthUri(input: OtpauthUriInput): string;
/** Positional form kept for existing callers (second-factor.ts); prefer the object form. */
export function otpauthUri(secretBase32: string, account: string, issuer?: string): string;
export function otpauthUri(first: OtpauthUriInput | string, account?: string, issuer?: string): string {
  const input: OtpauthUriInput = typeof first === 'string' ? { secret: first, account: account ?? '', ...(issuer === undefined ? {} : { issuer }) } : first;
  return buildUri(input);
}

function buildUri({ secret, account, issuer = 'Coffer' }: OtpauthUriInput): string {
  if (!account.trim()) throw new RangeError('otpauth account label must not be empty');
  const secretText = typeof secret === 'string' ? base32Encode(base32Decode(secret)) : base32Encode(secret);
  // encodeURIComponent also escapes ':', which the key-URI format reserves as the issuer separator.
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = `secret=${secretText}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${STEP_SECONDS}`;
  return `otpauth://totp/${label}?${query}`;
}
