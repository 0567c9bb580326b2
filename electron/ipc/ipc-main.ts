import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import { callerOf, type SenderPolicy } from './caller';
import type { Router } from './router';

const REFUSED: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused.' } };

/**
 * The only place that touches ipcMain. Each contract channel gets one handler that checks the
 * sender (our window, its top-level frame, our origin) and hands the call to the router. The
 * caller identity comes from event.sender, never from the payload. The policy is injected by
 * main (electron/main/security.ts) so this layer never imports the shell above it.
 */
export function bindRouterToIpcMain(router: Router, isOwnWindow: (contents: WebContents) => boolean, isTrustedSender: SenderPolicy): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender({
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame,
        isOwnWindow: isOwnWindow(event.sender),
      });
      if (!trusted) return REFUSED;
      return router.dispatch(callerOf(event.sender.id), channel, input);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
