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
  // The optional second backup folder: main shows the picker, like settings.chooseBackupFolder.
  'settings.chooseSecondBackupFolder': channel({
    input: empty,
    // The path is shown to the owner who chose it, as for the first folder.
    output: z.object({ folder: z.string().nullable() }),
    permission: 'backup.configure',
  }),
  'backup.removeSecondFolder': channel({ input: empty, output: z.object({ removed: z.boolean() }), permission: 'backup.configure' }),
} as const;
