import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes as self-describing strings: `scrypt$ln=17,r=8,p=1$<salt b64>$<hash b64>`.
 * scrypt (memory-hard, built into Node, no native addon to ship) with N=2^17, r=8, p=1: the
 * OWASP-recommended minimum, about 128 MiB and a few hundred ms per check, which makes offline
 * guessing of a stolen hash expensive while a login stays quick. 16-byte random salt per user,
 * 32-byte output. The parameters travel with the hash so they can be raised later and old hashes
 * still verify (and can be re-hashed at the next login).
 */
export const PASSWORD_SCRYPT = { logN: 17, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

interface Params {
  logN: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: Params, keyBytes: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128 MiB).
  const maxmem = 128 * N * params.r * 2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, { N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(PASSWORD_SCRYPT.saltBytes);
  const hash = await derive(password, salt, PASSWORD_SCRYPT, PASSWORD_SCRYPT.keyBytes);
  const { logN, r, p } = PASSWORD_SCRYPT;
  return `scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  // Bounds keep a tampered hash from making a login allocate gigabytes.
  if (params.logN < 14 || params.logN > 20 || params.r < 1 || params.r > 16 || params.p < 1) return false;
  const expected = Buffer.from(match[5] ?? '', 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(match[4] ?? '', 'base64'), params, expected.length);
  return timingSafeEqual(actual, expected);
}
