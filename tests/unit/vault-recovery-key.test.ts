import { describe, expect, it } from 'vitest';
import { CofferError } from '../../shared/errors';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from '../../electron/core/vault/recovery-key';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// Fixed so the exhaustive typo test is deterministic (the checksum is 20 bits, so a random key
// would miss one substitution in about a million runs).
const SECRET = Buffer.from('00112233445566778899aabbccddeeff01234567', 'hex');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CofferError ? error.code : 'not-a-coffer-error';
  }
  return undefined;
}

describe('recovery key', () => {
  it('has 160 random bits, 9 groups of 4 and round-trips', () => {
    const { secret, text } = generateRecoveryKey();
    expect(secret).toHaveLength(20);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text).equals(secret)).toBe(true);
    expect(generateRecoveryKey().text).not.toBe(text);
  });

  it('accepts what people type: lower case, spaces, I/L for 1 and O for 0', () => {
    const text = formatRecoveryKey(SECRET);
    const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    expect(sloppy).not.toBe(text.toLowerCase());
    expect(parseRecoveryKey(` ${sloppy} `).equals(SECRET)).toBe(true);
  });

  it('catches every one-character substitution as a typo', () => {
    const text = formatRecoveryKey(SECRET);
    let tried = 0;
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '-') continue;
      for (const replacement of ALPHABET) {
        if (replacement === text[i]) continue;
        const typo = text.slice(0, i) + replacement + text.slice(i + 1);
        expect(codeOf(() => parseRecoveryKey(typo)), typo).toBe('RECOVERY_KEY_TYPO');
        tried += 1;
      }
    }
    expect(tried).toBe(36 * 31);
  });

  it('catches swapped neighbours, a missing or an extra character and foreign characters', () => {
    const text = formatRecoveryKey(SECRET);
    const swapped = text[1] === text[2] ? text.replace(/^(.)(.)/, '$2$1') : text[0]! + text[2] + text[1] + text.slice(3);
    expect(codeOf(() => parseRecoveryKey(swapped))).toBe('RECOVERY_KEY_TYPO');
    expect(codeOf(() => parseRecoveryKey(text.slice(1)))).toBe('RECOVERY_KEY_TYPO');
    expect(codeOf(() => parseRecoveryKey(`${text}A`))).toBe('RECOVERY_KEY_TYPO');
    expect(codeOf(() => parseRecoveryKey(text.replace(/^./, 'U')))).toBe('RECOVERY_KEY_TYPO');
    expect(codeOf(() => parseRecoveryKey(''))).toBe('RECOVERY_KEY_TYPO');
  });
});
