import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { writePreferences } from '../../electron/core/app/preferences';
import { currentAccount } from '../../electron/core/vault/key-store';
import { describeKeychain } from '../support/keyring';
import { OWNER, newProfile, testKeychain, vaultFor } from './vault-helpers';

const MARKERS = ['ZEBRA-CUSTOMER-7781', '张伟客户备注9931', 'alice.marker@example.com', '+86 138 0013 8000'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describeKeychain('nothing secret on disk', () => {
  it('no marker, password, recovery key or database key appears in any byte of the profile folder', async () => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const vault = vaultFor(profile, keychain);
    const { recoveryKey } = await vault.setup({ owner: OWNER });
    writePreferences(profile, { locale: 'zh-CN' });
    const db = vault.db();
    db.exec('CREATE TABLE notes (body TEXT)');
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    // Many copies so they would land in the WAL, the main file and freed pages alike.
    for (let i = 0; i < 500; i += 1) for (const m of MARKERS) insert.run(`${m} #${i}`);
    db.pragma('wal_checkpoint(PASSIVE)');
    for (let i = 0; i < 50; i += 1) for (const m of MARKERS) insert.run(m);
    const { vaultId } = JSON.parse(fs.readFileSync(path.join(profile, 'vault.json'), 'utf8')) as { vaultId: string };
    const hexKey = (await keychain.get(currentAccount(vaultId)))!.split(':')[1]!;
    // Check while open (WAL and shm present) and again after close.
    const scan = (): void => {
      const files = filesUnder(profile);
      expect(files.length).toBeGreaterThanOrEqual(3);
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        const needles = [...MARKERS, OWNER.password, recoveryKey, recoveryKey.replace(/-/g, '')]
          .map((m) => Buffer.from(m, 'utf8'))
          .concat([Buffer.from(hexKey, 'utf8'), Buffer.from(hexKey.toUpperCase(), 'utf8'), Buffer.from(hexKey, 'hex')]);
        for (const needle of needles) expect(bytes.includes(needle), `${path.basename(file)} contains a secret`).toBe(false);
      }
    };
    expect(fs.existsSync(path.join(profile, 'coffer.db-wal'))).toBe(true);
    scan();
    vault.close();
    scan();
    // The scan can fail: the same markers in a plain file are found.
    fs.writeFileSync(path.join(profile, 'control.txt'), MARKERS[1]!);
    expect(() => scan()).toThrow();
  });
});
