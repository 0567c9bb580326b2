import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Ten one-time codes for when the phone with the authenticator is lost, shown once and stored
 * only as hashes.
 *
 * Why a salted SHA-256 and not scrypt: each code is 10 characters from a 32-letter alphabet,
 * i.e. 50 random bits, so there is no dictionary to try; online guessing is limited by the
 * sign-in throttle (2^50 tries is out of reach). Offline, whoever can read these hashes is
 * reading the decrypted database, which also holds the TOTP secret itself, so a slow hash
 * would not protect the second factor; the hash is there so the codes never sit in the
 * database, a backup or a log in usable form. The per-code salt stops one precomputation from
 * covering every user and code. A slow hash would also cost ten slow hashes per sign-in.
 */
/** Crockford's alphabet: no I, L, O or U, so nothing is misread when copied off paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;
export const RECOVERY_CODE_COUNT = 10;

/**
 * Upper-cases, drops spaces, dashes and anything else, and maps the look-alikes people type by
 * mistake (O to 0, I and L to 1) the way Crockford base32 does. Codes never contain O, I or L,
 * so the mapping cannot turn a wrong code into someone else's right one.
 */
export function normaliseRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

// The stored format `salt$sha256hex` and the `${salt}:${code}` input are part of what is already
// stored for enrolled users; changing either would invalidate their codes.
function hashCode(normalised: string, salt: string): Buffer {
  return createHash('sha256').update(`${salt}:${normalised}`).digest();
}

export function generateRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes: string[] = [];
  const hashes: string[] = [];
  while (codes.length < RECOVERY_CODE_COUNT) {
    let raw = '';
    for (let j = 0; j < CODE_LENGTH; j += 1) raw += ALPHABET[randomInt(ALPHABET.length)];
    // A duplicate (2^-50 odds) would make one code work twice; cheap to rule out entirely.
    if (codes.some((code) => normaliseRecoveryCode(code) === raw)) continue;
    const salt = randomBytes(8).toString('hex');
    codes.push(`${raw.slice(0, 5)}-${raw.slice(5)}`);
    hashes.push(`${salt}$${hashCode(raw, salt).toString('hex')}`);
  }
  return { codes, hashes };
}

/**
 * The index of the matching stored hash, or -1. Every stored hash is compared, in constant time
 * each, so timing does not reveal which one matched. The caller removes the matched hash in the
 * same transaction that lets the user in: that removal is what makes each code single-use.
 */
export function matchRecoveryCode(input: string, hashes: readonly string[]): number {
  if (typeof input !== 'string') return -1;
  const normalised = normaliseRecoveryCode(input);
  // Leaks only that the length was wrong, which says nothing about any code.
  if (normalised.length !== CODE_LENGTH) return -1;
  let found = -1;
  hashes.forEach((stored, index) => {
    const [salt, hash, extra] = stored.split('$');
    if (!salt || !hash || extra !== undefined) return;
    const expected = Buffer.from(hash, 'hex');
    const candidate = hashCode(normalised, salt);
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected) && found < 0) found = index;
  });
  return found;
}
