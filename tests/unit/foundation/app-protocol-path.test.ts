import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../electron/main/app-protocol-path';

const root = path.resolve('/opt/coffer/out/renderer');

describe('app:// path resolution', () => {
  it.each([
    ['app://coffer/', 'index.html', 'text/html; charset=utf-8'],
    ['app://coffer/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://coffer/assets/index-abc.js', 'assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://coffer/assets/index.css?v=1#x', 'assets/index.css', 'text/css; charset=utf-8'],
    ['app://coffer/assets/%E5%AD%97.svg', 'assets/字.svg', 'image/svg+xml'],
  ])('serves %s', (url, relative, mime) => {
    expect(resolveAppAsset(root, url)).toEqual({ filePath: path.join(root, relative), mimeType: mime });
  });

  it.each([
    'app://coffer/assets/%2e%2e%2f%2e%2e%2fsecret.js',
    'app://coffer/..%2f..%2fsecret.js',
    'app://coffer/..%5c..%5csecret.js',
    'app://coffer/assets%5c..%5c..%5csecret.js',
    'app://coffer/index.html%00.js',
    'app://coffer/%E0%A4%A.js',
    'app://evil/index.html',
    'file:///etc/passwd',
    'app://coffer/profile/vault.db',
    'app://coffer/preferences.json.bak',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it.each(['app://coffer/../../etc/passwd.js', 'app://coffer/%2e%2e/%2e%2e/etc/passwd.js', 'app://coffer/./x/../etc/passwd.js'])(
    'folds %s the way the URL standard does, inside the root',
    (url) => {
      expect(resolveAppAsset(root, url)?.filePath).toBe(path.join(root, 'etc', 'passwd.js'));
    },
  );

  it('never resolves outside the root for any generated traversal', () => {
    const pieces = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '...', 'assets', 'x.js'];
    const seps = ['/', '%2f', '%2F', '%5c', '\\'];
    for (const a of pieces) for (const s1 of seps) for (const b of pieces) for (const s2 of seps) {
      const resolved = resolveAppAsset(root, `app://coffer/${a}${s1}${b}${s2}index.js`);
      if (resolved) expect(resolved.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });
});
