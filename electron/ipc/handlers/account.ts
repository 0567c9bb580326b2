import type { UserService } from '../../core/users/user-service';
import { requireSession, type Handler } from '../router';

/** One's own account: every role, for themselves only. */
export function accountHandlers(users: UserService): {
  'account.changePassword': Handler<'account.changePassword'>;
} {
  return {
    // The caller's window is the one that stays signed in; every other window of theirs ends.
    'account.changePassword': ({ oldPassword, newPassword }, { caller, session }) =>
      users.changeOwnPassword(requireSession(session), caller.senderId, oldPassword, newPassword),
  };
}
