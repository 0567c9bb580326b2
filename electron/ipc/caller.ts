import type { Caller } from './router';

/** What ipc-main can see about the frame behind a call; the policy that judges it is main's. */
export interface SenderFacts {
  /** The URL of the frame that sent the message (event.senderFrame.url). */
  frameUrl: string | undefined;
  /** Whether that frame is the top-level frame of its web contents. */
  isMainFrame: boolean;
  /** Whether the web contents belongs to one of our own windows. */
  isOwnWindow: boolean;
}

export type SenderPolicy = (facts: SenderFacts) => boolean;

/**
 * The one spelling of a window's identity. The renderer's calls (ipc-main) and the menu's
 * (main) both use it, so a menu action runs as exactly the session the window holds.
 */
export function callerOf(webContentsId: number): Caller {
  return { senderId: `webContents:${webContentsId}` };
}
