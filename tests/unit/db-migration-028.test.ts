import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { openDatabase, type Db } from '../../electron/core/db/open-database';
import { readPrivacySettings, writePrivacySettings } from '../../electron/core/privacy/privacy-settings-repository';
import { tempDir } from '../support/tmp';

function vaultAt27(): Db {
  const db = openDatabase(path.join(tempDir(), 'v.db'), randomBytes(32), { create: true });
  migrate(db, MIGRATIONS.filter((m) => m.version < 28));
  return db;
}

describe('migration 28: the privacy settings', () => {
  it('gives an existing vault one row: PIPL, no privacy contact yet', () => {
    const db = vaultAt27();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 28));
    expect(schemaVersion(db)).toBe(28);
    expect(readPrivacySettings(db)).toEqual({ regime: 'pipl', contactName: '', contactReach: '' });
  });

  it('keeps one row, a known regime and bounded contact text', () => {
    const db = vaultAt27();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 28));
    writePrivacySettings(db, { regime: 'gdpr', contactName: '王芳', contactReach: 'privacy@shop.example' }, 'now');
    expect(readPrivacySettings(db)).toEqual({ regime: 'gdpr', contactName: '王芳', contactReach: 'privacy@shop.example' });
    expect(() => db.prepare("UPDATE privacy_settings SET regime = 'hipaa'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE privacy_settings SET contact_name = ?").run('x'.repeat(201))).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO privacy_settings (id) VALUES (2)').run()).toThrow(/CHECK/);
  });
});
