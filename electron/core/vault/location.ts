import fs from 'node:fs';
import path from 'node:path';
import { CofferError } from '../../../shared/errors';

/**
 * The live database must sit on a local disk. SQLite's locking and WAL shared memory do not work
 * over network file systems, and sync clients (Dropbox, OneDrive, 坚果云...) copy the database,
 * -wal and -shm files separately and at arbitrary moments, which corrupts it or forks it into
 * "conflicted copies". Backups may go there; the live vault may not.
 */
export type UnsafeReason = 'network-path' | 'network-mount' | 'sync-folder';

const NETWORK_FS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'ncpfs', 'afs', 'ceph', 'glusterfs', 'lustre', '9p-net',
  'davfs', 'fuse.davfs2', 'fuse.sshfs', 'sshfs', 'fuse.rclone', 'fuse.s3fs', 'fuse.gcsfuse', 'fuse.glusterfs', 'fuse.cephfs',
  'fuse.onedriver', 'fuse.google-drive-ocamlfuse', 'fuse.dropbox',
]);

// Folder names (compared case-insensitively) that sync clients create as their roots.
const SYNC_SEGMENTS = [
  /^dropbox( \(.+\))?$/i,
  /^onedrive( - .+)?$/i,
  /^google ?drive(-.+)?$/i,
  /^my drive$/i,
  /^icloud ?drive$/i,
  /^mobile documents$/i,
  /^com~apple~clouddocs$/i,
  /^nextcloud$/i,
  /^owncloud$/i,
  /^box sync$/i,
  /^pcloud( ?drive)?$/i,
  /^坚果云$/,
  /^nutstore$/i,
  /^百度网盘$/,
  /^baidunetdisk(download)?$/i,
  /^seafile$/i,
  /^syncthing$/i,
  /^yandex\.disk$/i,
  /^mega$/i,
];
// "Box" is the folder Box Drive creates; matched exactly (capital B) so that an account or
// folder merely called "box" is not refused.
const EXACT_SYNC_SEGMENTS = new Set(['Box']);

export function findUnsafeLocation(target: string, platform: NodeJS.Platform, mounts?: string): UnsafeReason | null {
  // Backslashes separate folders only on Windows; elsewhere they are ordinary name characters.
  const forwardSlashed = platform === 'win32' ? target.replace(/\\/g, '/') : target;
  if (/^\/\/[^/]/.test(forwardSlashed)) {
    // \\?\C:\... is Windows' long-path form of a local drive; \\?\UNC\... and \\server\... are not.
    if (!/^\/\/[?.]\/[A-Za-z]:/.test(forwardSlashed)) return 'network-path';
  }
  const segments = forwardSlashed.split('/').filter(Boolean);
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (EXACT_SYNC_SEGMENTS.has(segment) || SYNC_SEGMENTS.some((re) => re.test(segment))) return 'sync-folder';
    // macOS puts every File Provider sync root (Dropbox, OneDrive, Google Drive) here.
    if (segment === 'CloudStorage' && segments[i - 1] === 'Library') return 'sync-folder';
  }
  if (platform === 'linux' && mounts !== undefined) {
    const mount = containingMount(target, mounts);
    if (mount && (NETWORK_FS.has(mount.fstype) || /^(https?|davs?):\/\//.test(mount.device))) return 'network-mount';
  }
  return null;
}

interface MountEntry {
  device: string;
  mountPoint: string;
  fstype: string;
}

// /proc/self/mounts escapes space, tab, newline and backslash as octal.
const unescapeMount = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

function containingMount(target: string, mounts: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const line of mounts.split('\n')) {
    const [device, mountPoint, fstype] = line.split(' ');
    if (!device || !mountPoint || !fstype) continue;
    const entry = { device: unescapeMount(device), mountPoint: unescapeMount(mountPoint), fstype };
    const inside = entry.mountPoint === '/' || target === entry.mountPoint || target.startsWith(`${entry.mountPoint}/`);
    // Later lines win ties: they are mounted over the earlier ones.
    if (inside && (!best || entry.mountPoint.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}

const MESSAGES: Record<UnsafeReason, string> = {
  'network-path': 'The vault cannot be kept on a network share: the database would be corrupted by network locking. Choose a folder on this computer\'s own disk. (Backups may still be saved to the share.)',
  'network-mount': 'The vault cannot be kept on a network drive: the database would be corrupted by network locking. Choose a folder on this computer\'s own disk. (Backups may still be saved there.)',
  'sync-folder': 'The vault cannot be kept in a cloud-synced folder (Dropbox, OneDrive, iCloud, 坚果云 and similar): syncing copies the live database mid-write and corrupts it. Choose a folder outside the synced folder. (Backups may still be saved there.)',
};

/** Pure: throws UNSAFE_LOCATION for a network or synced location. */
export function checkVaultLocation(target: string, platform: NodeJS.Platform, mounts?: string): void {
  const reason = findUnsafeLocation(target, platform, mounts);
  if (reason) throw new CofferError('UNSAFE_LOCATION', MESSAGES[reason]);
}

/** Resolves symlinks (a sync folder is often reached through one) and reads the mount table. */
export function assertSafeVaultLocation(dir: string): void {
  checkVaultLocation(dir, process.platform);
  let existing = path.resolve(dir);
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = path.join(fs.realpathSync.native(existing), ...rest);
  let mounts: string | undefined;
  if (process.platform === 'linux') {
    try {
      mounts = fs.readFileSync('/proc/self/mounts', 'utf8');
    } catch {
      mounts = undefined; // No /proc (a sandbox): the path checks still apply.
    }
  }
  checkVaultLocation(real, process.platform, mounts);
}
