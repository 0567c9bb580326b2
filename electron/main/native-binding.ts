import path from 'node:path';

/**
 * better-sqlite3 is a native module with one ABI per runtime: Node (tests) and Electron (the
 * app) cannot share a build. npm install builds the Node one in place; scripts/native-electron.mjs
 * builds the Electron one into .native/<this folder name>/ so neither replaces the other, and
 * the app selects it at load time through better-sqlite3's `nativeBinding` option.
 * Keep this name in step with scripts/native-electron.mjs (a unit test checks they agree).
 */
export function electronNativeFolderName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export interface NativeBindingFacts {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

export function sqliteNativeBindingPath(facts: NativeBindingFacts): string {
  if (facts.isPackaged) return path.join(facts.resourcesPath, 'native', 'better_sqlite3.node');
  return path.join(
    facts.appPath,
    '.native',
    electronNativeFolderName(facts.electronVersion, facts.platform, facts.arch),
    'better_sqlite3.node',
  );
}
