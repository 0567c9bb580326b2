import { describe, expect, it } from 'vitest';
import { checkVaultLocation, findUnsafeLocation, type UnsafeReason } from '../../electron/core/vault/location';

const MOUNTS = [
  'sysfs /sys sysfs rw,nosuid 0 0',
  '/dev/sda1 / ext4 rw,relatime 0 0',
  '/dev/sda2 /home ext4 rw,relatime 0 0',
  'nas:/export/team /mnt/team nfs4 rw,relatime 0 0',
  '//nas/share /mnt/smb cifs rw,relatime 0 0',
  'me@host:/srv /home/me/remote fuse.sshfs rw 0 0',
  'https://dav.example.com/remote.php /home/me/dav fuse rw 0 0',
  '/dev/sdb1 /mnt/team/local-disk ext4 rw 0 0',
  'nas:/x /media/with\\040space nfs rw 0 0',
].join('\n');

const cases: [string, NodeJS.Platform, UnsafeReason | null][] = [
  // Local and ordinary paths
  ['/home/me/.config/Coffer', 'linux', null],
  ['C:\\Users\\Me\\AppData\\Roaming\\Coffer', 'win32', null],
  ['\\\\?\\C:\\Users\\Me\\AppData\\Roaming\\Coffer', 'win32', null],
  ['/Users/me/Library/Application Support/Coffer', 'darwin', null],
  ['/home/box/.config/Coffer', 'linux', null],
  ['/home/me/dropboxes-are-fine-as-part-of-a-word/Coffer', 'linux', null],
  ['/mnt/team/local-disk/Coffer', 'linux', null],
  ['/home/me/my\\dropbox', 'linux', null], // a backslash is just a character outside Windows
  // Network paths
  ['\\\\server\\share\\Coffer', 'win32', 'network-path'],
  ['//server/share/Coffer', 'win32', 'network-path'],
  ['//server/share/Coffer', 'linux', 'network-path'],
  ['\\\\?\\UNC\\server\\share\\Coffer', 'win32', 'network-path'],
  // Network mounts (Linux mount table)
  ['/mnt/team/Coffer', 'linux', 'network-mount'],
  ['/mnt/smb/Coffer', 'linux', 'network-mount'],
  ['/home/me/remote/Coffer', 'linux', 'network-mount'],
  ['/home/me/dav/Coffer', 'linux', 'network-mount'],
  ['/media/with space/Coffer', 'linux', 'network-mount'],
  // Sync roots
  ['/home/me/Dropbox/Coffer', 'linux', 'sync-folder'],
  ['C:\\Users\\Me\\Dropbox (Acme Ltd)\\Coffer', 'win32', 'sync-folder'],
  ['C:\\Users\\Me\\OneDrive\\Documents\\Coffer', 'win32', 'sync-folder'],
  ['C:\\Users\\Me\\OneDrive - Acme Ltd\\Coffer', 'win32', 'sync-folder'],
  ['/Users/me/Google Drive/Coffer', 'darwin', 'sync-folder'],
  ['/Users/me/Library/CloudStorage/GoogleDrive-me@example.com/My Drive/Coffer', 'darwin', 'sync-folder'],
  ['/Users/me/Library/Mobile Documents/com~apple~CloudDocs/Coffer', 'darwin', 'sync-folder'],
  ['C:\\Users\\Me\\iCloudDrive\\Coffer', 'win32', 'sync-folder'],
  ['/home/me/Nextcloud/Coffer', 'linux', 'sync-folder'],
  ['/home/me/ownCloud/Coffer', 'linux', 'sync-folder'],
  ['/Users/me/Box/Coffer', 'darwin', 'sync-folder'],
  ['P:\\pCloud Drive\\Coffer', 'win32', 'sync-folder'],
  ['C:\\Users\\Me\\Nutstore\\Coffer', 'win32', 'sync-folder'],
  ['D:\\坚果云\\客户\\Coffer', 'win32', 'sync-folder'],
  ['D:\\百度网盘\\Coffer', 'win32', 'sync-folder'],
  ['D:\\BaiduNetdisk\\Coffer', 'win32', 'sync-folder'],
];

describe('checkVaultLocation', () => {
  it.each(cases)('%s on %s -> %s', (target, platform, expected) => {
    expect(findUnsafeLocation(target, platform, platform === 'linux' ? MOUNTS : undefined)).toBe(expected);
  });

  it('throws UNSAFE_LOCATION with a message that says where to go instead', () => {
    expect(() => checkVaultLocation('/home/me/Dropbox/Coffer', 'linux', MOUNTS)).toThrow(
      expect.objectContaining({ code: 'UNSAFE_LOCATION', message: expect.stringMatching(/outside the synced folder/) }),
    );
    expect(() => checkVaultLocation('/home/me/.config/Coffer', 'linux', MOUNTS)).not.toThrow();
  });
});
