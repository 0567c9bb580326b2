import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { checkDatabaseEngine, inspectLibraryFile } from '../../electron/core/db/database-engine';
import { createAppRouter } from '../../electron/ipc';
import type { Router } from '../../electron/ipc/router';
import type { Keychain } from '../../electron/core/keychain/keychain';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { OWNER, newProfile, testKeychain } from './vault-helpers';

// A missing or wrong database module must read as exactly that: never as a damaged vault (which
// invites restoring an old backup over good data), never after a recovery key was shown.

const RELEASE = path.resolve(__dirname, '../../node_modules/better-sqlite3-multiple-ciphers/build/Release');
const GOOD = path.join(RELEASE, 'better_sqlite3.node');
/** A real shared library that is not a Node addon: SQLite's own test extension. */
const FOREIGN = path.join(RELEASE, 'test_extension.node');
const WINDOW = { senderId: 'webContents:1' };

type BadModule = 'missing' | 'truncated' | 'foreign';
function badModule(kind: BadModule): string {
  const file = path.join(tempDir('coffer-engine-'), 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
  if (kind === 'missing') return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Truncated: an interrupted copy. Loading it could SIGBUS the process, so it must never be loaded.
  if (kind === 'truncated') fs.writeFileSync(file, fs.readFileSync(GOOD).subarray(0, Math.floor(fs.statSync(GOOD).size * 0.6)));
  else fs.copyFileSync(FOREIGN, file);
  return file;
}

function appFor(profileDir: string, keychain: Keychain, nativeBinding?: string): { core: Core; router: Router; log: string[] } {
  const log: string[] = [];
  const core = createCore({ profileDir, appVersion: 'test', osLocales: ['en'], keychain, ...(nativeBinding ? { nativeBinding } : {}), log: (line) => log.push(line) });
  return { core, router: createAppRouter(core), log };
}

/** Every file of the profile with its hash: "nothing written" is checked, not assumed. */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) files[name] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return files;
}

const ENGINE_MISSING = { ok: false, error: { code: 'DATABASE_ENGINE_MISSING' } };

describe('the database engine check (file inspection before any load)', () => {
  it('accepts the real module and names each kind of bad one', () => {
    expect(inspectLibraryFile(GOOD)).toBeNull();
    expect(checkDatabaseEngine(GOOD)).toBeNull();
    expect(checkDatabaseEngine(undefined)).toBeNull();
    expect(checkDatabaseEngine(badModule('missing'))).toBe('missing');
    expect(checkDatabaseEngine(badModule('truncated'))).toBe('not-a-library');
    expect(checkDatabaseEngine(badModule('foreign'))).toBe('wrong-runtime');
  });

  it('refuses a library cut short anywhere, and a file that is not a library at all', () => {
    const whole = fs.readFileSync(GOOD);
    const dir = tempDir('coffer-engine-');
    for (const fraction of [0.001, 0.05, 0.3, 0.9, 0.999]) {
      const file = path.join(dir, `cut-${fraction}.node`);
      fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * fraction)));
      expect(inspectLibraryFile(file), `cut at ${fraction}`).toBe('not-a-library');
    }
    const text = path.join(dir, 'text.node');
    fs.writeFileSync(text, 'not a library\n'.repeat(5000));
    expect(inspectLibraryFile(text)).toBe('not-a-library');
    const folder = path.join(dir, 'folder.node');
    fs.mkdirSync(folder);
    expect(inspectLibraryFile(folder)).toBe('missing');
  });

  it('reads Windows (PE) and macOS (Mach-O, thin and universal) headers: every part must lie inside the file', () => {
    const dir = tempDir('coffer-engine-');
    let count = 0;
    /** An 8 KiB library whose header `fill` writes. */
    const header = (fill: (b: Buffer) => void): string => {
      const b = Buffer.alloc(8192);
      fill(b);
      const file = path.join(dir, `lib-${(count += 1)}.node`);
      fs.writeFileSync(file, b);
      return file;
    };
    const pe = (rawEnd: number) =>
      header((b) => {
        b.write('MZ', 0, 'latin1');
        b.writeUInt32LE(0x80, 0x3c); // e_lfanew
        b.writeUInt32LE(0x00004550, 0x80); // "PE\0\0"
        b.writeUInt16LE(1, 0x80 + 6); // one section
        b.writeUInt16LE(0xf0, 0x80 + 20); // optional header size
        b.writeUInt32LE(rawEnd - 0x400, 0x80 + 24 + 0xf0 + 16); // SizeOfRawData
        b.writeUInt32LE(0x400, 0x80 + 24 + 0xf0 + 20); // PointerToRawData
      });
    const machO = (segmentEnd: number, more: (b: Buffer) => void = () => undefined) =>
      header((b) => {
        b.writeUInt32LE(0xfeedfacf, 0); // little-endian 64-bit
        b.writeUInt32LE(1, 16); // ncmds
        b.writeUInt32LE(72, 20); // sizeofcmds
        b.writeUInt32LE(0x19, 32); // LC_SEGMENT_64, fileoff 0
        b.writeUInt32LE(72, 36);
        b.writeBigUInt64LE(BigInt(segmentEnd), 32 + 48); // filesize
        more(b);
      });
    const universal = (sliceEnd: number) =>
      header((b) => {
        b.writeUInt32BE(0xcafebabe, 0);
        b.writeUInt32BE(1, 4);
        b.writeUInt32BE(4096, 8 + 8); // offset
        b.writeUInt32BE(sliceEnd - 4096, 8 + 12); // size
      });
    expect([pe(8192), machO(8192), universal(8192)].map(inspectLibraryFile)).toEqual([null, null, null]);
    expect([pe(8193), machO(8193), universal(9000)].map(inspectLibraryFile)).toEqual(['not-a-library', 'not-a-library', 'not-a-library']);
    // A load command that claims to reach past the end is refused, not thrown.
    const lying = machO(8192, (b) => {
      b.writeUInt32LE(2, 16); // two commands
      b.writeUInt32LE(8160, 20); // sizeofcmds: up to the last byte
      b.writeUInt32LE(8150, 36); // the first one is long,
      b.writeUInt32LE(0x19, 8182); // so the second, a segment, starts 10 bytes from the end
      b.writeUInt32LE(8, 8186);
    });
    expect(inspectLibraryFile(lying)).toBe('not-a-library');
  });
});

describeKeychain('a core whose database module does not load', () => {
  it.each<BadModule>(['missing', 'truncated', 'foreign'])('fresh profile, %s module: its own code and screen state, no recovery key, nothing written', async (kind) => {
    const profile = newProfile();
    const { core, router, log } = appFor(profile, testKeychain().keychain, badModule(kind));
    await core.start();
    expect(await router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'needs-setup', databaseEngine: 'missing' } });
    const begun = await router.dispatch(WINDOW, 'setup.begin', { owner: OWNER });
    expect(begun).toMatchObject(ENGINE_MISSING);
    expect(JSON.stringify(begun)).not.toMatch(/recoveryKey/);
    expect(await router.dispatch(WINDOW, 'setup.complete', { recoveryKeyEnding: 'AAAA-AAAA', confirmedStored: true })).toMatchObject({ ok: false });
    expect(fs.existsSync(profile) ? fs.readdirSync(profile) : []).toEqual([]);
    expect(log).toEqual([expect.stringMatching(/^DATABASE_ENGINE_MISSING \((missing|not-a-library|wrong-runtime)\)/)]);
    // The line names the code and the fix, never a path (which can hold the user's name).
    expect(log[0]).not.toContain(path.sep + 'tmp');
    core.close();
  });

  it.each<BadModule>(['missing', 'truncated', 'foreign'])('existing vault, %s module: stays locked and untouched, and opens again with the right module', async (kind) => {
    const profile = newProfile();
    const { keychain } = testKeychain();
    const first = appFor(profile, keychain);
    const begun = await first.router.dispatch(WINDOW, 'setup.begin', { owner: OWNER });
    if (!begun.ok) throw new Error(begun.error.code);
    const recoveryKey = (begun.value as { recoveryKey: string }).recoveryKey;
    expect(await first.router.dispatch(WINDOW, 'setup.complete', { recoveryKeyEnding: recoveryKey.slice(-9), confirmedStored: true })).toMatchObject({ ok: true });
    expect(await first.router.dispatch(WINDOW, 'customers.create', { name: '王伟' })).toMatchObject({ ok: true });
    first.core.close();
    const before = snapshot(profile);

    const broken = appFor(profile, keychain, badModule(kind));
    await broken.core.start(); // the keychain holds the key, yet nothing may open
    expect(broken.core.vault.state()).toBe('locked');
    expect(await broken.router.dispatch(WINDOW, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'locked', databaseEngine: 'missing' } });
    expect(await broken.router.dispatch(WINDOW, 'vault.unlockWithRecoveryKey', { recoveryKey })).toMatchObject(ENGINE_MISSING);
    expect(await broken.router.dispatch(WINDOW, 'vault.retryKeychain', {})).toMatchObject({ ok: true, value: { vault: 'locked' } });
    expect(await broken.router.dispatch(WINDOW, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: false });
    broken.core.close();
    expect(snapshot(profile)).toEqual(before);

    const fixed = appFor(profile, keychain, GOOD);
    await fixed.core.start();
    expect(fixed.core.vault.state()).toBe('unlocked');
    expect(fixed.log).toEqual([]);
    expect(await fixed.router.dispatch(WINDOW, 'session.login', { username: OWNER.username, password: OWNER.password })).toMatchObject({ ok: true });
    expect(await fixed.router.dispatch(WINDOW, 'customers.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
    fixed.core.close();
  });
});
