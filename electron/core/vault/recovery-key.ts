import { createHash, randomBytes } from 'node:crypto';
import { CofferError } from '../../../shared/errors';
import { CROCKFORD, decodeBase32 as decodeWith, encodeBase32 as encodeWith } from '../platform/base32';

const encodeBase32 = (bytes: Uint8Array): string => encodeWith(bytes, CROCKFORD);
const decodeBase32 = (text: string): Buffer => decodeWith(text, CROCKFORD);

/**
 * The recovery key is written down by hand and typed back years later, so it is built for
 * people: 160 random bits in Crockford base32 (no I, L, O or U; case-insensitive; I/L read as 1,
 * O as 0), in groups of four, with a final group of 20 checksum bits from SHA-256 of the payload.
 * The checksum catches a typo before any (slow) key derivation and tells the user it is a typo,
 * not a wrong key.
 */
const ALPHABET = CROCKFORD;
export const RECOVERY_SECRET_BYTES = 20;
const PAYLOAD_CHARS = (RECOVERY_SECRET_BYTES * 8) / 5; // 32
const CHECK_CHARS = 4;
const GROUP = 4;

function checksum(secret: Uint8Array): string {
  return encodeBase32(createHash('sha256').update(secret).digest().subarray(0, 3)).slice(0, CHECK_CHARS);
}

export function formatRecoveryKey(secret: Uint8Array): string {
  if (secret.length !== RECOVERY_SECRET_BYTES) throw new Error('recovery secret has the wrong length');
  const chars = encodeBase32(secret) + checksum(secret);
  return chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

export function generateRecoveryKey(): { secret: Buffer; text: string } {
  const secret = randomBytes(RECOVERY_SECRET_BYTES);
  return { secret, text: formatRecoveryKey(secret) };
}

/** Normalizes what was typed the way Crockford intends; anything else is kept so it fails. */
export function normalizeRecoveryKeyText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

const TYPO_HINT = 'Check each group against what you wrote down (the letters I, L and O are read as 1, 1 and 0).';

/** Returns the 160-bit secret, or throws RECOVERY_KEY_TYPO without doing any cryptography. */
export function parseRecoveryKey(text: string): Buffer {
  const chars = normalizeRecoveryKeyText(text);
  const expected = PAYLOAD_CHARS + CHECK_CHARS;
  if (chars.length !== expected) {
    throw new CofferError('RECOVERY_KEY_TYPO', `A recovery key has ${expected} characters in ${expected / GROUP} groups; this one has ${chars.length}. ${TYPO_HINT}`);
  }
  if (![...chars].every((c) => ALPHABET.includes(c))) {
    throw new CofferError('RECOVERY_KEY_TYPO', `The recovery key contains a character it never uses. ${TYPO_HINT}`);
  }
  const secret = decodeBase32(chars.slice(0, PAYLOAD_CHARS));
  if (checksum(secret) !== chars.slice(PAYLOAD_CHARS)) {
    throw new CofferError('RECOVERY_KEY_TYPO', `The recovery key has a typo: its last group does not match the others. ${TYPO_HINT}`);
  }
  return secret;
}
