/**
 * One password rule for the setup form (instant feedback) and main (the authority). Returns
 * reason codes, never prose, so each side words them in the user's language.
 */
export type PasswordProblem = 'too-short' | 'one-character-class' | 'common' | 'contains-username';

export const MIN_PASSWORD_LENGTH = 10;

// Deliberately tiny: the length and class rules do most of the work; this catches the passwords
// that satisfy them and still top every leaked-password list.
const COMMON = new Set([
  'password123', 'password1234', 'qwerty123456', '1234567890', '12345678910', 'qwertyuiop',
  'iloveyou123', 'abc1234567', 'admin12345', 'welcome123', 'password01', 'passw0rd123',
  '1q2w3e4r5t', 'qwerty12345', 'letmein123', 'woaini1314', 'a123456789', 'abcd123456',
]);

function classes(password: string): number {
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u];
  let count = kinds.filter((re) => re.test(password)).length;
  // Scripts without case (Chinese, Japanese...) count as their own class.
  if (/\p{Lo}/u.test(password)) count += 1;
  return count;
}

export function checkPasswordStrength(password: string, context: { username?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push('too-short');
  if (classes(password) < 2) problems.push('one-character-class');
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) problems.push('contains-username');
  return problems;
}
