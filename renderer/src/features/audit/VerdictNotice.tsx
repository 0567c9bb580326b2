import type { ChannelOutput } from '../../../../shared/contract';
import { useT } from '../../i18n';
import { Notice } from '../../ui';

/** What audit.verify found: the chain on its own, then against the heads kept in the backups. */
export function VerdictNotice({ verdict }: { verdict: ChannelOutput<'audit.verify'> }) {
  const t = useT();
  const { anchors } = verdict;
  const headline = verdict.ok
    ? t('audit.verified', { rows: verdict.rows })
    : verdict.problem === 'anchor'
      ? t('audit.anchorBroken', { backup: verdict.backup ?? '?', id: verdict.firstBrokenId ?? '?' })
      : t('audit.broken', { id: verdict.firstBrokenId ?? '?', problem: verdict.problem ?? '' });
  const notes = [
    verdict.ok && verdict.scope === 'new' ? t('auditPage.verifiedNew') : '',
    anchors.folder === 'none' ? t('audit.anchorsNoFolder') : anchors.folder === 'unavailable' ? t('audit.anchorsUnavailable') : t('audit.anchorsChecked', { count: anchors.checked }),
    anchors.notChecked > 0 ? t('audit.anchorsNotChecked', { count: anchors.notChecked }) : '',
    anchors.superseded > 0 ? t('audit.anchorsSuperseded', { count: anchors.superseded }) : '',
  ].filter(Boolean);
  return (
    // A status either way: the owner asked for the check and is waiting for its answer.
    <Notice role="status" tone={verdict.ok ? 'success' : 'danger'} data-testid="audit-verdict">
      <p>{headline}</p>
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </Notice>
  );
}
