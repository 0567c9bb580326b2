import type { ChannelOutput } from '../../../../shared/contract';
import type { Translate } from '../../i18n';

export type Pending = ChannelOutput<'approvals.list'>[number];

/** One sentence per request kind; a kind this build does not know reads neutrally, never as another kind. */
export function describeApproval(t: Translate, a: Pending): string {
  const who = { by: a.requestedByUsername, user: a.targetUsername };
  switch (a.kind) {
    case 'user.role':
      return t('approvals.role', { ...who, role: a.payload.role ? t(`role.${a.payload.role}`) : '' });
    case 'user.2fa.disable':
      return t('approvals.2fa', who);
    case 'user.status':
      return t(a.payload.status === 'active' ? 'approvals.enableOwner' : 'approvals.disableOwner', who);
    case 'user.password':
      return t('approvals.resetOwner', who);
    case 'user.create':
      return t('approvals.createOwner', who);
    default:
      return t('approvals.other', who);
  }
}
