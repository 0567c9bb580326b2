import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { rowHash, verifyAudit, type AuditRow } from '../../electron/core/audit/audit-log';
import { takeBackup } from '../../electron/core/backup/backup-jobs';
import type { Db } from '../../electron/core/db/open-database';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld, PASSWORD, type AccessWorld } from './access-helpers';
import { OWNER, approvalsOff } from './vault-helpers';
import { jobInput } from './backup-helpers';

type Verdict = ChannelOutput<'audit.verify'>;
type Report = ChannelOutput<'backup.drill'>;

let world: AccessWorld | undefined;
afterEach(() => world?.core.close());

async function worldWithFolder() {
  const folder = tempDir('coffer-backups-');
  const w = await accessWorld({ pickFolder: async () => folder });
  world = w;
  expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toMatchObject({ ok: true });
  return { w, folder };
}

/** Some audited work, so the log grows past the last backup. */
async function work(w: AccessWorld, n: number) {
  for (let i = 0; i < n; i += 1) expect((await w.router.dispatch(w.caller('manager'), 'customers.get', { id: 1 })).ok).toBe(true);
}

async function verify(w: AccessWorld): Promise<Verdict> {
  const result = await w.router.dispatch(w.caller('owner'), 'audit.verify', {});
  if (!result.ok) throw new Error(result.error.code);
  return result.value as Verdict;
}

async function backup(w: AccessWorld, folder: string, at: Date) {
  const done = await takeBackup(jobInput(w.core, folder, at));
  return { fileName: done.fileName, seq: done.manifest.auditHead!.seq };
}

const maxId = (db: Db) => (db.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
const rowsFrom = (db: Db, id: number) =>
  db.prepare('SELECT id, at, user_id AS userId, username, role, action, entity, record_id AS recordId, outcome, fields, reason, customer_ids AS customerIds, prev_hash AS prevHash, hash FROM audit_log WHERE id >= ? ORDER BY id').all(id) as AuditRow[];

/** What someone holding the database key does to hide rows: cut them off and move the head in meta back. */
function cutTail(db: Db, keep: number): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare('DELETE FROM audit_log WHERE id > ?').run(keep);
  const last = rowsFrom(db, keep)[0]!;
  db.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(`${keep}:${last.hash}`);
}

/** ...or rewrite a row and recompute every later hash and the head, so the chain holds together again. */
function rewriteFrom(db: Db, id: number): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  let prev = rowsFrom(db, id - 1)[0]!.hash;
  for (const row of rowsFrom(db, id)) {
    const changed = row.id === id ? { ...row, action: 'logout', recordId: null } : row;
    const hash = rowHash(prev, { ...changed });
    db.prepare('UPDATE audit_log SET action = ?, record_id = ?, prev_hash = ?, hash = ? WHERE id = ?').run(changed.action, changed.recordId, prev, hash, row.id);
    prev = hash;
  }
  db.prepare("UPDATE meta SET value = ? WHERE key = 'audit.head'").run(`${maxId(db)}:${prev}`);
}

describeKeychain('the audit chain anchored in the backups', () => {
  it('an honest log agrees with every backup, in verify and in the drill', async () => {
    const { w, folder } = await worldWithFolder();
    await backup(w, folder, new Date(Date.now() - 60_000));
    await work(w, 3);
    await backup(w, folder, new Date());
    await work(w, 2);
    expect(await verify(w)).toMatchObject({ ok: true, problem: null, backup: null, anchors: { folder: 'ok', checked: 2, notChecked: 0, superseded: 0 } });
    const drill = await w.router.dispatch(w.caller('owner'), 'backup.drill', {});
    if (!drill.ok) throw new Error(drill.error.code);
    const report = drill.value as Report;
    expect(report.passed, JSON.stringify(report.checks)).toBe(true);
    // The newest backup's own log holds the older one's head; the live log holds both.
    expect(report.checks.find((c) => c.name === 'audit-anchors')).toEqual({ name: 'audit-anchors', ok: true, detail: 'this backup: 1 backup(s) agree; the live log: 2 backup(s) agree' });
  });

  it('a tail cut with the stored head moved back passes the chain check but fails against the backup that saw the cut rows, which is named', async () => {
    const { w, folder } = await worldWithFolder();
    const older = await backup(w, folder, new Date(Date.now() - 60_000));
    await work(w, 4);
    const newer = await backup(w, folder, new Date());
    await work(w, 2);
    const db = w.core.vault.db();
    cutTail(db, older.seq + 1);
    expect(verifyAudit(db)).toMatchObject({ ok: true }); // what verify alone used to say
    expect(await verify(w)).toMatchObject({ ok: false, problem: 'anchor', backup: newer.fileName, firstBrokenId: newer.seq, anchors: { checked: 2 } });
    expect(db.prepare("SELECT outcome, reason FROM audit_log WHERE action = 'audit.verify' ORDER BY id DESC LIMIT 1").get()).toEqual({ outcome: 'failed', reason: `anchor ${newer.fileName}` });

    // The newest backup itself is intact, so only the anchors check can fail the drill.
    const drill = await w.router.dispatch(w.caller('owner'), 'backup.drill', { fileName: newer.fileName });
    if (!drill.ok) throw new Error(drill.error.code);
    const report = drill.value as Report;
    expect(report).toMatchObject({ passed: false, firstFailure: 'audit-anchors' });
    expect(report.checks.find((c) => c.name === 'audit-anchors')?.detail).toBe(`${newer.fileName}: audit row ${newer.seq} is missing in the live log`);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['audit-anchors']);
  });

  it('a log rewritten from a row on, with every later hash and the head recomputed, fails at the backed-up head', { timeout: 120_000 }, async () => {
    const { w, folder } = await worldWithFolder();
    await work(w, 3);
    const made = await backup(w, folder, new Date());
    await work(w, 3);
    const db = w.core.vault.db();
    rewriteFrom(db, made.seq - 2);
    expect(verifyAudit(db)).toMatchObject({ ok: true });
    expect(await verify(w)).toMatchObject({ ok: false, problem: 'anchor', backup: made.fileName, firstBrokenId: made.seq });

    // A backup taken after the rewrite carries the rewritten log: its drill names the earlier backup.
    const later = await backup(w, folder, new Date(Date.now() + 60_000));
    const drill = await w.router.dispatch(w.caller('owner'), 'backup.drill', { fileName: later.fileName });
    if (!drill.ok) throw new Error(drill.error.code);
    expect(drill.value as Report).toMatchObject({ passed: false, firstFailure: 'audit-anchors' });
    expect((drill.value as Report).checks.at(-1)?.detail).toBe(`${made.fileName}: audit row ${made.seq} differs in this backup`);

    // The command line, with the recovery key alone, finds the same in the folder beside the file.
    const keyFile = path.join(tempDir(), 'recovery.txt');
    fs.writeFileSync(keyFile, `${w.recoveryKey}\n`);
    const cli = spawnSync(process.execPath, [path.resolve('out/main/cli.js'), 'backup', 'verify', path.join(folder, later.fileName), '--recovery-key-file', keyFile], { encoding: 'utf8' });
    expect(cli.stdout).toContain(`FAIL  audit-anchors (${made.fileName}: audit row ${made.seq} differs in this backup)`);
    expect(cli.status).toBe(1);
    const older = spawnSync(process.execPath, [path.resolve('out/main/cli.js'), 'backup', 'verify', path.join(folder, made.fileName), '--recovery-key-file', keyFile], { encoding: 'utf8' });
    expect(older.stdout).toContain('PASS  audit-anchors (this backup: 0 backup(s) agree)');
    expect(older.status).toBe(0);
  });

  it('after a restore of an older backup, the backups made since that backup are set aside and counted, not reported as tampering', { timeout: 120_000 }, async () => {
    const { w, folder } = await worldWithFolder();
    const older = await backup(w, folder, new Date(Date.now() - 120_000));
    await work(w, 3);
    await backup(w, folder, new Date(Date.now() - 60_000));
    // Issue 15 gates backup.restore by default; this test is about the anchors, not approvals.
    approvalsOff(w.core, w.core.sessions.current('owner')!);
    const restored = await w.router.dispatch(w.caller('owner'), 'backup.restore', { fileName: older.fileName, password: OWNER.password });
    if (!restored.ok) throw new Error(restored.error.code);
    await w.router.dispatch({ senderId: 'owner-again' }, 'session.login', { username: OWNER.username, password: OWNER.password });
    const after = await w.router.dispatch({ senderId: 'owner-again' }, 'audit.verify', {});
    // The newer backup and the safety copy taken just before the restore are superseded; the restored one still agrees.
    expect(after).toMatchObject({ ok: true, value: { ok: true, anchors: { folder: 'ok', checked: 1, superseded: 2 } } });
    // A backup made after the restore must agree again.
    await w.router.dispatch(w.caller('manager'), 'session.login', { username: 'manager1', password: PASSWORD });
    await work(w, 1);
    await backup(w, folder, new Date(Date.now() + 60_000));
    expect(await w.router.dispatch({ senderId: 'owner-again' }, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, anchors: { checked: 2, superseded: 2 } } });
  });

  it('without a backup folder, or with the folder gone, verify says the log was not compared', async () => {
    const w = await accessWorld();
    world = w;
    expect(await verify(w)).toMatchObject({ ok: true, anchors: { folder: 'none', checked: 0 } });
    const { w: v, folder } = await worldWithFolder();
    await backup(v, folder, new Date());
    fs.rmSync(folder, { recursive: true });
    expect(await verify(v)).toMatchObject({ ok: true, anchors: { folder: 'unavailable', checked: 0 } });
    w.core.close();
  });
});
