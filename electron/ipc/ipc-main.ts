import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import { isTrustedIpcSender } from '../main/security';
import type { Router } from './router';

const REFUSED: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused.' } };

/**
 * The only place that touches ipcMain. Each contract channel gets one handler that checks the
 * sender (our window, its top-level frame, our origin) and hands the call to the router. The
 * caller identity comes from event.sender, never from the payload.
 */
export function bindRouterToIpcMain(router: Router, isOwnWindow: (contents: WebContents) => boolean): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedIpcSender({
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
        isOwnWindow: isOwnWindow(event.sender),
      });
      if (!trusted) return REFUSED;
      return router.dispatch({ senderId: `webContents:${event.sender.id}` }, channel, input);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
