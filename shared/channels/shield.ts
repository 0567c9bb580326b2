import { z } from 'zod';
import { ROLES } from '../permissions';
import { channel, empty, roleSchema } from './common';

const protectedRoles = z.object({ roles: z.array(roleSchema) });

/** Issue 15's staff side: windows kept out of screenshots, and a second backup folder. */
export const shieldChannels = {
  // Which roles' windows are kept out of screenshots and screen sharing (owner only).
  'settings.screenProtection': channel({ input: empty, output: protectedRoles, permission: 'settings.manage' }),
  'settings.setScreenProtection': channel({
    input: z.object({ roles: z.array(roleSchema).max(ROLES.length) }).strict(),
    output: protectedRoles,
    permission: 'settings.manage',
  }),
} as const;
