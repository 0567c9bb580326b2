import type { Db } from '../db/open-database';

export type Role = 'owner' | 'manager' | 'sales' | 'support' | 'auditor';
export type UserStatus = 'active' | 'disabled' | 'locked';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export function insertUser(db: Db, user: NewUser, now = new Date()): number {
  const result = db
    .prepare('INSERT INTO users (username, display_name, role, status, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(user.username, user.displayName, user.role, 'active', user.passwordHash, now.toISOString());
  return Number(result.lastInsertRowid);
}

export function findUserByUsername(db: Db, username: string): UserRow | undefined {
  const row = db
    .prepare(
      `SELECT id, username, display_name AS displayName, role, status, password_hash AS passwordHash,
              created_at AS createdAt, last_login_at AS lastLoginAt
         FROM users WHERE username = ?`,
    )
    .get(username) as UserRow | undefined;
  return row;
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function recordLogin(db: Db, userId: number, at = new Date()): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(at.toISOString(), userId);
}

export interface UserSummaryRow {
  username: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  has2fa: number;
  createdAt: string;
  lastLoginAt: string | null;
}

export function listUsers(db: Db): UserSummaryRow[] {
  return db
    .prepare(
      `SELECT username, display_name AS displayName, role, status, totp_secret IS NOT NULL AS has2fa,
              created_at AS createdAt, last_login_at AS lastLoginAt
         FROM users ORDER BY username COLLATE NOCASE`,
    )
    .all() as UserSummaryRow[];
}

export function setUserRole(db: Db, userId: number, role: Role): void {
  db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
}

export function setUserStatus(db: Db, userId: number, status: UserStatus): void {
  db.prepare('UPDATE users SET status = ?, failed_logins = CASE WHEN ? = \'active\' THEN 0 ELSE failed_logins END WHERE id = ?').run(status, status, userId);
}

export function setUserPassword(db: Db, userId: number, passwordHash: string, at: Date): void {
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, at.toISOString(), userId);
}

/** Returns the new count of consecutive failures. */
export function recordFailedLogin(db: Db, userId: number): number {
  db.prepare('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?').run(userId);
  return (db.prepare('SELECT failed_logins AS n FROM users WHERE id = ?').get(userId) as { n: number }).n;
}

export function resetFailedLogins(db: Db, userId: number): void {
  db.prepare('UPDATE users SET failed_logins = 0 WHERE id = ?').run(userId);
}

export function countActiveOwners(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND status = 'active'").get() as { n: number }).n;
}

/** Owners who are, or after an unlock will be, able to approve: active or locked, not disabled. */
export function countOwnersWhoCanApprove(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND status IN ('active', 'locked')").get() as { n: number }).n;
}

export interface SecondFactorRow {
  secret: string | null;
  lastStep: number;
  recoveryHashes: string[];
}

export function findSecondFactor(db: Db, userId: number): SecondFactorRow {
  const row = db.prepare('SELECT totp_secret AS secret, totp_last_step AS lastStep, recovery_code_hashes AS hashes FROM users WHERE id = ?').get(userId) as
    | { secret: string | null; lastStep: number; hashes: string }
    | undefined;
  return { secret: row?.secret ?? null, lastStep: row?.lastStep ?? 0, recoveryHashes: row ? (JSON.parse(row.hashes) as string[]) : [] };
}

export function saveSecondFactor(db: Db, userId: number, factor: SecondFactorRow): void {
  db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = ?, recovery_code_hashes = ? WHERE id = ?').run(
    factor.secret,
    factor.lastStep,
    JSON.stringify(factor.recoveryHashes),
    userId,
  );
}
