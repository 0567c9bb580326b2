import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { resolveAppAsset } from './app-protocol-path';
import { APP_SCHEME, securityHeaders } from './security';

/** Must run before app 'ready': app:// behaves like https (secure context, standard URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from rootDir with the CSP as a header; everything else is 404. */
export function handleAppProtocol(rootDir: string): void {
  const realRoot = fs.realpath(rootDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rootDir, request.url);
    if (!asset || request.method !== 'GET') return notFound();
    try {
      // The lexical check cannot see symlinks; the real path must stay inside the root too.
      const [root, real] = await Promise.all([realRoot, fs.realpath(asset.filePath)]);
      if (!real.startsWith(root + path.sep)) return notFound();
      const body = await fs.readFile(real);
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'content-type': asset.mimeType } });
    } catch {
      return notFound();
    }
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...securityHeaders(), 'content-type': 'text/plain' } });
}
