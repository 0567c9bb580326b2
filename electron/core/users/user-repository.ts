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
