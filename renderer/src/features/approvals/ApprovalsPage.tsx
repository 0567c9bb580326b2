import { useState } from 'react';
import type { ApprovalItem } from '../../../../shared/approvals';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, fetchChannel, invalidate, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useNavStore } from '../../stores/nav-store';
import { Badge, Button, EmptyState, Notice, Tabs, toast, type BadgeTone } from '../../ui';
import { useConfirm } from '../../components/prompts';
import { usableNow } from './approval-gate';
import { forgetRun, rememberedRun, storedRun } from './approval-runs';
import { opText, stateText, summaryLines } from './approval-words';
import { DecideDialog, RunDialog } from './ApprovalActions';
import { ApprovalPolicyCard } from './ApprovalPolicyCard';
import styles from './approvals.module.css';

export type ApprovalView = 'inbox' | 'mine' | 'all';
const VIEWS: readonly ApprovalView[] = ['inbox', 'mine', 'all'];
export const isApprovalView = (value: string | undefined): value is ApprovalView => VIEWS.includes(value as ApprovalView);

const TONE: Record<string, BadgeTone> = { pending: 'warning', approved: 'success', denied: 'danger', expired: 'neutral', cancelled: 'neutral', executed: 'accent' };

/**
 * Approvals: Inbox (what I may approve or deny, never my own), My requests (run once approved,
 * cancel) and, for the owner, All. Each request says who asked, why and exactly what will run.
 */
export function ApprovalsPage() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role);
  const route = useNavStore((state) => state.route);
  const go = useNavStore((state) => state.go);
  const views = VIEWS.filter((v) => v !== 'all' || role === 'owner');
  const view: ApprovalView = isApprovalView(route.section) && views.includes(route.section) ? route.section : 'inbox';
  const count = useChannelQuery('approvals.count', {}).data;
  const label = (v: ApprovalView) => {
    const n = v === 'inbox' ? count?.inbox : v === 'mine' ? count?.mine : undefined;
    return (
      <>
        {t(`appr.tab.${v}`)}
        {n ? (
          <Badge tone={v === 'inbox' ? 'warning' : 'neutral'} className={styles.badge}>
            {n}
          </Badge>
        ) : null}
      </>
    );
  };
  return (
    <section aria-labelledby="approvals-title" className={styles.page} data-testid="approvals-page">
      <h2 id="approvals-title">{t('appr.page.title')}</h2>
      <p className={styles.hint}>{t('appr.page.intro')}</p>
      <Tabs label={t('appr.page.title')} tabs={views.map((v) => ({ id: v, label: label(v), testId: `approvals-tab-${v}` }))} selected={view} onSelect={(v) => go('approvals', { section: v })}>
        <ApprovalList key={view} view={view} />
      </Tabs>
      {role === 'owner' && <ApprovalPolicyCard />}
    </section>
  );
}

function ApprovalList({ view }: { view: ApprovalView }) {
  const t = useT();
  const query = useChannelQuery('approvals.list', { view }, { staleTime: 0 });
  const items = query.data?.items ?? [];
  if (query.error) return <ErrorNotice error={errorBody(query.error)} />;
  if (!query.data) return null;
  if (items.length === 0) return <EmptyState title={t(`appr.empty.${view}`)} testId="approvals-empty" />;
  return (
    <ul className={styles.list} data-testid={`approvals-${view}`}>
      {items.map((item) => (
        <ApprovalEntry key={item.id} item={item} />
      ))}
    </ul>
  );
}

function ApprovalEntry({ item }: { item: ApprovalItem }) {
  const t = useT();
  const fmt = useFormat();
  const me = useAppStore((state) => state.status?.session?.username ?? '');
  const [dialog, setDialog] = useState<'approve' | 'deny' | 'run' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDialog, confirm] = useConfirm();
  // This window's memory first, else the input main stored with the request (survives a restart).
  const run = item.requester.username === me ? (rememberedRun(me, item.id) ?? storedRun(item)) : null;
  const runnable = item.canRun && usableNow(item, Date.now());

  const cancel = () =>
    void confirm({
      title: t('appr.cancelTitle'),
      message: t('appr.cancelBody'),
      confirmLabel: t('appr.cancel'),
      danger: true,
      run: async () => {
        try {
          await fetchChannel('approvals.cancel', { id: item.id });
          forgetRun(me, item.id);
          toast(t('appr.cancelled'), { tone: 'info' });
          await invalidate(['approvals.']);
          return null;
        } catch (error) {
          return errorBody(error);
        }
      },
    });
  const decided = item.decidedBy && item.decidedAt;
  return (
    <li className={styles.item} data-testid="approval-item" data-state={item.state} data-id={item.id}>
      <div className={styles.itemHead}>
        <h3 className={styles.itemTitle}>{opText(t, item.operation)}</h3>
        <Badge tone={TONE[item.state] ?? 'neutral'} data-testid="approval-state">
          {stateText(t, item.state)}
        </Badge>
      </div>
      <ul className={styles.lines} data-testid="approval-summary">
        {summaryLines(t, fmt, item.summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className={styles.meta}>{t('appr.item.by', { name: item.requester.displayName, user: item.requester.username, when: fmt.dateTime(item.createdAt) })}</p>
      <p className={styles.meta}>{t('appr.item.reason', { reason: item.reason })}</p>
      {item.state === 'pending' && <p className={styles.meta}>{t('appr.item.expires', { when: fmt.dateTime(item.expiresAt) })}</p>}
      {decided && (
        <p className={styles.meta}>
          {t('appr.item.decided', { state: stateText(t, item.state === 'executed' ? 'approved' : item.state), name: item.decidedBy!.displayName, when: fmt.dateTime(item.decidedAt) })}
          {item.decidedOnScreen && ` · ${t('appr.item.onScreen')}`}
        </p>
      )}
      {item.noSecondPerson && <p className={styles.meta}>{t('appr.item.noSecondPerson')}</p>}
      {item.state === 'approved' && item.usableAfter && !usableNow(item, Date.now()) && (
        <Notice tone="info" data-testid="approval-usable-after">
          {t('appr.item.usableAfter', { time: fmt.dateTime(item.usableAfter) })}
        </Notice>
      )}
      {item.executedAt && <p className={styles.meta}>{t('appr.item.executed', { when: fmt.dateTime(item.executedAt) })}</p>}
      {notice && <Notice tone="info">{notice}</Notice>}
      <div className={styles.actions}>
        {item.canDecide && (
          <>
            <Button size="sm" onClick={() => setDialog('approve')} data-testid="approval-approve">
              {t('appr.approve')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => setDialog('deny')} data-testid="approval-deny">
              {t('appr.deny')}
            </Button>
          </>
        )}
        {runnable && (
          <Button size="sm" onClick={() => (run ? setDialog('run') : setNotice(t('appr.runElsewhere')))} data-testid="approval-run">
            {t('appr.run')}
          </Button>
        )}
        {item.canCancel && (
          <Button size="sm" variant="secondary" onClick={cancel} data-testid="approval-cancel">
            {t('appr.cancel')}
          </Button>
        )}
      </div>
      {(dialog === 'approve' || dialog === 'deny') && <DecideDialog item={item} approve={dialog === 'approve'} onClose={() => setDialog(null)} />}
      {dialog === 'run' && run && <RunDialog item={item} run={run} onClose={() => setDialog(null)} />}
      {confirmDialog}
    </li>
  );
}
