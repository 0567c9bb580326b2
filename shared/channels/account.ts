import { z } from 'zod';
import { channel, password } from './common';

/** One's own account, for every role (account.self). */
export const accountChannels = {
  'account.changePassword': channel({
    // The current password proves it is the user at the keyboard, not someone at an open window.
    input: z.object({ oldPassword: password, newPassword: password }).strict(),
    // How many of the user's other windows were signed out; this window stays signed in.
    output: z.object({ sessionsEnded: z.number().int() }),
    permission: 'account.self',
  }),
} as const;
