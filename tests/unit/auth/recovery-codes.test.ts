import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, matchRecoveryCode, normaliseRecoveryCode } from '../../../electron/core/auth/recovery-codes';

describe('2FA recovery codes', () => {
  it('are ten distinct XXXXX-XXXXX codes from an alphabet without look-alikes', () => {
    const { codes, hashes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(hashes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('are stored only as salted hashes', () => {
    const { codes, hashes } = generateRecoveryCodes();
    for (const code of codes) expect(hashes.join()).not.toContain(code.replace('-', ''));
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{16}\$[0-9a-f]{64}$/);
    expect(new Set(hashes.map((h) => h.split('$')[0])).size).toBe(10);
  });

  it('match by index after normalising case, spaces, dashes and look-alike letters', () => {
    const { codes, hashes } = generateRecoveryCodes();
    const code = codes[3]!;
    expect(matchRecoveryCode(code, hashes)).toBe(3);
    expect(matchRecoveryCode(` ${code.toLowerCase().replace('-', ' ')} `, hashes)).toBe(3);
    expect(matchRecoveryCode(code.replace('-', ''), hashes)).toBe(3);
    expect(matchRecoveryCode(code.split('').join('-'), hashes)).toBe(3);
    const lookAlike = code.replace(/0/g, 'o').replace(/1/g, 'l');
    expect(matchRecoveryCode(lookAlike, hashes)).toBe(3);
    expect(normaliseRecoveryCode('oO-iI lL')).toBe('001111');
  });

  it('work once when the caller removes the used hash', () => {
    const { codes, hashes } = generateRecoveryCodes();
    let stored = hashes;
    for (const [i, code] of codes.entries()) {
      const index = matchRecoveryCode(code, stored);
      expect(index).toBe(0);
      stored = stored.filter((_, j) => j !== index);
      expect(matchRecoveryCode(code, stored)).toBe(-1);
      expect(stored).toHaveLength(codes.length - i - 1);
    }
  });

  it('never match a wrong, truncated, extended or empty code, nor a corrupt stored hash', () => {
    const { codes, hashes } = generateRecoveryCodes();
    const code = codes[0]!;
    const last = code.at(-1)!;
    const altered = code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    for (const wrong of [altered, code.slice(0, -1), `${code}A`, '', '-----', 'AAAAA-AAAAA']) expect(matchRecoveryCode(wrong, hashes)).toBe(-1);
    expect(matchRecoveryCode(code, ['', 'nosalt', '$', 'ab$cd$ef', hashes[0]!.replace(/\$.*/, '$zz')])).toBe(-1);
    expect(matchRecoveryCode(code, [])).toBe(-1);
    expect(matchRecoveryCode(undefined as unknown as string, hashes)).toBe(-1);
  });

  it('still match hashes stored in the format already in users\' databases', () => {
    // Pinned vector: salt 0011223344556677, code ABCDE-FGHJK, sha256("0011223344556677:ABCDEFGHJK").
    const stored = '0011223344556677$0199df7eefdc1625f38cc27bf5097788eecf06ba3a795f1b0404914254cc296f';
    expect(matchRecoveryCode('abcde fghjk', [stored])).toBe(0);
    expect(matchRecoveryCode('ABCDE-FGHJM', [stored])).toBe(-1);
  });
});
