import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Ten one-time codes for when the phone with the authenticator is lost. Each has 50 random bits
 * (10 characters from a 32-letter alphabet without look-alikes), so a salted SHA-256 is enough:
 * unlike a password there is nothing to guess from a dictionary, and sign-in back-off limits tries.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';
export const RECOVERY_CODE_COUNT = 10;

export function normaliseRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function hashCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${normaliseRecoveryCode(code)}`).digest('hex');
}

export function generateRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes: string[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < RECOVERY_CODE_COUNT; i += 1) {
    let raw = '';
    for (let j = 0; j < 10; j += 1) raw += ALPHABET[randomInt(ALPHABET.length)];
    const code = `${raw.slice(0, 5)}-${raw.slice(5)}`;
    const salt = randomBytes(8).toString('hex');
    codes.push(code);
    hashes.push(`${salt}$${hashCode(code, salt)}`);
  }
  return { codes, hashes };
}

/** The index of the matching stored hash, or -1. The caller removes it: each code works once. */
export function matchRecoveryCode(input: string, hashes: readonly string[]): number {
  let found = -1;
  hashes.forEach((stored, index) => {
    const [salt, hash] = stored.split('$');
    if (!salt || !hash) return;
    const candidate = Buffer.from(hashCode(input, salt), 'hex');
    const expected = Buffer.from(hash, 'hex');
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected) && found < 0) found = index;
  });
  return found;
}
