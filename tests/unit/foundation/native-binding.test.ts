import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeFolderName, sqliteNativeBindingPath } from '../../../electron/main/native-binding';
import { electronNativeDir } from '../../../scripts/native-electron.mjs';

describe('native SQLCipher build per runtime', () => {
  const facts = { appPath: '/src/coffer', resourcesPath: '/opt/Coffer/resources', electronVersion: '45.4.1', platform: 'linux', arch: 'x64' };

  it('loads the Electron build from .native in development, never the Node build in node_modules', () => {
    const file = sqliteNativeBindingPath({ ...facts, isPackaged: false });
    expect(file).toBe(path.join('/src/coffer/.native/electron-45.4.1-linux-x64/better_sqlite3.node'));
    expect(file).not.toContain('node_modules');
  });

  it('loads the packaged build from resources', () => {
    expect(sqliteNativeBindingPath({ ...facts, isPackaged: true })).toBe(path.join('/opt/Coffer/resources/native/better_sqlite3.node'));
  });

  it('agrees with the folder the build script writes to', () => {
    expect(electronNativeDir('/src/coffer', '45.4.1', 'linux', 'x64')).toBe(
      path.join('/src/coffer/.native', electronNativeFolderName('45.4.1', 'linux', 'x64')),
    );
  });
});
