import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface ResolvedAsset {
  filePath: string;
  mimeType: string;
}

/**
 * Maps app://coffer/<path> to a file strictly inside rootDir, or null. Refuses other hosts,
 * traversal in any spelling (.., %2e%2e, backslashes, encoded slashes), NUL bytes, and
 * file types we do not serve. Symlinks are not followed out of rootDir by the caller's realpath
 * check; this function is the lexical half.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): ResolvedAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // URL parsing already folds plain "/../"; an encoded one (%2e%2e, %2f) survives until here.
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null;

  const mimeType = MIME_TYPES[path.extname(filePath).toLowerCase()];
  if (!mimeType) return null;
  return { filePath, mimeType };
}
