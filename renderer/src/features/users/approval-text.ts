import type { ApprovalItem } from '../../../../shared/approvals';
import type { Translate } from '../../i18n';

export type Pending = ApprovalItem;

/** One sentence per operation; one this page does not describe reads neutrally, never as another. */
export function describeApproval(t: Translate, a: Pending): string {
  const who = { by: a.requester.username, user: a.summary.targetUsername ?? '' };
  switch (a.operation) {
    case 'users.setRole':
      return t('approvals.role', { ...who, role: a.summary.role ? t(`role.${a.summary.role as 'owner'}`) : '' });
    case 'account.totp.disable':
      return t('approvals.2fa', who);
    case 'users.setStatus':
      return t(a.summary.status === 'active' ? 'approvals.enableOwner' : 'approvals.disableOwner', who);
    case 'users.resetPassword':
      return t('approvals.resetOwner', who);
    case 'users.create':
      return t('approvals.createOwner', who);
    default:
      return t('approvals.other', who);
  }
}
