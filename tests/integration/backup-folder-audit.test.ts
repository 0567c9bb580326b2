import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/audit-log';
import { folderRef } from '../../electron/core/settings/backup-folder';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';

describeKeychain('choosing the backup folder', () => {
  it('records who chose or changed it, by reference only, and a refused folder as a failed change', async () => {
    // A folder name that is personal data: it must not reach the log.
    const first = path.join(tempDir('coffer-backups-'), 'wang.wei 王伟');
    const second = path.join(tempDir('coffer-backups-'), 'li.na 李娜');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    let next: string | null = first;
    const w = await accessWorld({ pickFolder: async () => next });
    const db = w.core.vault.db();
    const rows = () =>
      db.prepare("SELECT username, outcome, fields, reason FROM audit_log WHERE action = 'settings.change' AND fields LIKE '%backupFolder%' ORDER BY id").all() as {
        username: string;
        outcome: string;
        fields: string;
        reason: string;
      }[];

    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toEqual({ ok: true, value: { folder: first } });
    next = second;
    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toEqual({ ok: true, value: { folder: second } });
    next = null; // cancelled: nothing changes, nothing is recorded
    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toEqual({ ok: true, value: { folder: second } });
    next = path.join(first, 'gone');
    expect(await w.router.dispatch(w.caller('owner'), 'settings.chooseBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });

    const firstRef = folderRef(db, first);
    const secondRef = folderRef(db, second);
    expect(firstRef).toMatch(/^[0-9a-f]{16}$/);
    expect(firstRef).not.toBe(secondRef);
    expect(rows()).toEqual([
      { username: 'anna', outcome: 'ok', fields: '["backupFolder"]', reason: `backup folder none -> ${firstRef}` },
      { username: 'anna', outcome: 'ok', fields: '["backupFolder"]', reason: `backup folder ${firstRef} -> ${secondRef}` },
      { username: 'anna', outcome: 'failed', fields: '["backupFolder"]', reason: 'backup folder not writable' },
    ]);
    const dump = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    for (const personal of ['wang.wei', '王伟', 'li.na', '李娜', first, second]) expect(dump).not.toContain(personal);
    expect(verifyAudit(db).ok).toBe(true);
    // Roles that may not configure backups are refused before anything is picked or recorded.
    expect(await w.router.dispatch(w.caller('sales'), 'settings.chooseBackupFolder', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(rows()).toHaveLength(3);
  }, 60_000);
});
