import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  hardenedWebPreferences,
  isAllowedPermission,
  isAllowedRequestUrl,
  isAllowedNavigation,
  isAppUrl,
  isTrustedIpcSender,
  securityHeaders,
} from '../../../electron/main/security';

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(csp.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('allows nothing by default and only the app itself for scripts and styles', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('has no unsafe keyword and no remote origin anywhere', () => {
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
    expect(csp).not.toMatch(/https?:|wss?:/);
  });

  it('is sent as a header with nosniff', () => {
    expect(securityHeaders()).toMatchObject({ 'content-security-policy': csp, 'x-content-type-options': 'nosniff' });
  });
});

describe('webPreferences', () => {
  it('sandboxes, isolates and keeps Node out of the page', () => {
    const prefs = hardenedWebPreferences('/app/out/preload/index.js', false);
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      preload: '/app/out/preload/index.js',
    });
  });
});

describe('navigation rules', () => {
  it.each([
    ['app://coffer/index.html', true],
    ['app://coffer/', true],
    ['app://coffer/index.html#/customers', true],
    ['app://coffer/assets/index.js', false],
    ['app://evil/index.html', false],
    ['app://user@coffer/index.html', false],
    ['file:///etc/passwd', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('app://coffer/x')).toBe(true);
    expect(isAppUrl('app://coffer.evil/x')).toBe(false);
    expect(isAppUrl('apps://coffer/x')).toBe(false);
  });
});

describe('request filter', () => {
  it.each([
    ['app://coffer/assets/index.js', true],
    ['blob:app://coffer/6f1c2a8e-1111-2222-3333-444455556666', true],
    ['data:image/png;base64,AAAA', true],
    ['https://example.com/x', false],
    ['http://127.0.0.1:8080/', false],
    ['ws://localhost/', false],
    ['blob:https://example.com/abc', false],
    ['file:///etc/passwd', false],
    ['app://other/x', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed);
  });
});

describe('permissions', () => {
  it.each(['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'pointerLock', ''])(
    'refuses %s',
    (permission) => {
      expect(isAllowedPermission(permission)).toBe(false);
    },
  );
  it('allows writing text to the clipboard for the recovery key', () => {
    expect(isAllowedPermission('clipboard-sanitized-write')).toBe(true);
  });
});

describe('IPC sender check', () => {
  const good = { frameUrl: 'app://coffer/index.html', isMainFrame: true, isOwnWindow: true };
  it('accepts our own top-level frame', () => {
    expect(isTrustedIpcSender(good)).toBe(true);
  });
  it.each([
    ['a subframe', { ...good, isMainFrame: false }],
    ['another window', { ...good, isOwnWindow: false }],
    ['a remote page', { ...good, frameUrl: 'https://evil.example/' }],
    ['a file page', { ...good, frameUrl: 'file:///tmp/x.html' }],
    ['a destroyed frame', { ...good, frameUrl: undefined }],
  ])('refuses %s', (_name, facts) => {
    expect(isTrustedIpcSender(facts)).toBe(false);
  });
});
