import type { Db } from '../db/open-database';

export interface DataRulesRow {
  version: number;
  text: string;
  createdAt: string;
}

export function currentRules(db: Db): DataRulesRow | undefined {
  return db.prepare('SELECT version, text, created_at AS createdAt FROM data_rules ORDER BY version DESC LIMIT 1').get() as DataRulesRow | undefined;
}

export function currentVersion(db: Db): number | null {
  const row = db.prepare('SELECT max(version) AS v FROM data_rules').get() as { v: number | null };
  return row.v;
}

export function insertRules(db: Db, text: string, userId: number, at: Date): number {
  const next = (currentVersion(db) ?? 0) + 1;
  db.prepare('INSERT INTO data_rules (version, text, created_at, created_by) VALUES (?, ?, ?, ?)').run(next, text, at.toISOString(), userId);
  return next;
}

export function acceptedAt(db: Db, userId: number, version: number): string | null {
  const row = db.prepare('SELECT accepted_at AS at FROM data_rule_acceptances WHERE user_id = ? AND version = ?').get(userId, version) as { at: string } | undefined;
  return row?.at ?? null;
}

export function insertAcceptance(db: Db, userId: number, version: number, at: Date): void {
  db.prepare('INSERT OR IGNORE INTO data_rule_acceptances (user_id, version, accepted_at) VALUES (?, ?, ?)').run(userId, version, at.toISOString());
}

/** Each user's newest acceptance (any version), for the owner's list and the access review. */
export function latestAcceptances(db: Db): Map<number, { version: number; acceptedAt: string }> {
  const rows = db
    .prepare(
      `SELECT a.user_id AS userId, a.version, a.accepted_at AS acceptedAt
         FROM data_rule_acceptances a
        WHERE a.version = (SELECT max(b.version) FROM data_rule_acceptances b WHERE b.user_id = a.user_id)`,
    )
    .all() as { userId: number; version: number; acceptedAt: string }[];
  return new Map(rows.map((r) => [r.userId, { version: r.version, acceptedAt: r.acceptedAt }]));
}
