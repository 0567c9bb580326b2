import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/core/users/password-hash';
import { checkPasswordStrength } from '../../shared/password-strength';

describe('password hashing', () => {
  it('stores a self-describing scrypt hash with a per-user salt and verifies it', async () => {
    const [a, b] = await Promise.all([hashPassword('Correct horse 9'), hashPassword('Correct horse 9')]);
    expect(a).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Correct horse');
    await expect(verifyPassword('Correct horse 9', a)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse 8', a)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse 9', 'scrypt$ln=30,r=8,p=1$AAAA$AAAA')).resolves.toBe(false);
    await expect(verifyPassword('Correct horse 9', 'plain')).resolves.toBe(false);
  });
});

describe('password strength', () => {
  it.each([
    ['short1A', ['too-short']],
    ['abcdefghijkl', ['one-character-class']],
    ['12345678901', ['one-character-class']],
    ['Password123', ['common']],
    ['Marmalade42', []],
    ['password123', ['common']],
    ['anna-is-great-2024', ['contains-username']],
    ['客户关系管理系统2024', []],
    ['Correct horse 9', []],
  ])('%s -> %j', (password, problems) => {
    expect(checkPasswordStrength(password, { username: 'Anna' })).toEqual(problems);
  });
});
