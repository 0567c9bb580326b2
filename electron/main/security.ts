// Pure security rules for the window, kept free of 'electron' so unit tests can pin them down.
import type { SenderFacts } from '../ipc/caller';

export type { SenderFacts };

/** The UI is served from app://coffer/, never file:// (file URLs share one origin on disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'coffer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a response header on every app:// response. No inline script or style, no eval, no
 * remote origin, no network at all: connect-src 'none' because the renderer talks only to the
 * preload bridge.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on every asset the app protocol serves. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** The subset of Electron's WebPreferences we set, so a typo cannot silently weaken one. */
export interface HardenedWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
}

export function hardenedWebPreferences(preloadPath: string, devTools: boolean): HardenedWebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // Spellcheck would send typed customer data to a dictionary service on some platforms.
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}

/** True only for URLs inside the app's own origin. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/**
 * The app is a single page: the only navigation ever allowed is (re)loading its own entry
 * document. Links to anywhere else are denied; window.open is always denied.
 */
export function isAllowedNavigation(raw: string): boolean {
  if (!isAppUrl(raw)) return false;
  const url = new URL(raw);
  return url.pathname === '/' || url.pathname === '/index.html';
}

/** IPC is accepted only from the top-level frame of our own window showing our own origin. */
export function isTrustedIpcSender(facts: SenderFacts): boolean {
  return facts.isOwnWindow && facts.isMainFrame && typeof facts.frameUrl === 'string' && isAppUrl(facts.frameUrl);
}

/**
 * Every permission request is refused except writing plain text to the clipboard, which the
 * recovery key's Copy button needs. Reading the clipboard, notifications-by-prompt, media,
 * geolocation, HID/USB/serial and the rest stay off.
 */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/**
 * Defence in depth for "no network at all": the session cancels every request that is not the
 * app's own origin (or a blob/data URL the app made itself, such as the recovery key file).
 */
export function isAllowedRequestUrl(raw: string): boolean {
  if (raw.startsWith('data:')) return true;
  if (raw.startsWith('blob:')) return isAppUrl(raw.slice('blob:'.length));
  if (raw.startsWith('devtools://')) return true;
  return isAppUrl(raw);
}
