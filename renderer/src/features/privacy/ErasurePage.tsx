import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import type { EraseMode, EraseResult, LookupCustomer, Mention } from '../../../../shared/erasure';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MessageKey } from '../../i18n';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { Badge, Button, Card, Dialog, EmptyState, Field, Input, Notice, Table, Tabs, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import { useApprovalGate } from '../approvals/use-approval-gate';
import { RecycleBinPanel } from './RecycleBinPanel';
import { EraseResultNotice } from './EraseResultNotice';
import { useErasureRequestStore } from './requests/erasure-request-store';
import { CheckingProgress } from './erasure-parts';
import styles from './erasure.module.css';

type Lookup = ChannelOutput<'privacy.lookup'>;
type Tab = 'lookup' | 'bin';

/**
 * Erasure (issue 16): find a person by name, phone or e-mail, see every mention before acting
 * (masked in main as the role sees them), then anonymise or delete through the approval gate,
 * and see what was touched and the check. The owner also empties and holds the recycle bin here.
 */
export function ErasurePage() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const [tab, setTab] = useState<Tab>('lookup');
  const tabs: { id: Tab; label: string; testId: string }[] = [{ id: 'lookup', label: t('erasure.tab.lookup'), testId: 'erasure-tab-lookup' }, ...(can(role, 'customers.purge') ? [{ id: 'bin' as Tab, label: t('erasure.tab.bin'), testId: 'erasure-tab-bin' }] : [])];
  return (
    <Card title={t('erasure.title')} width="wide" data-testid="erasure-page">
      <Tabs<Tab> label={t('erasure.title')} tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'lookup' ? <LookupPanel /> : <RecycleBinPanel />}
      </Tabs>
    </Card>
  );
}

function LookupPanel() {
  const t = useT();
  const forRequest = useErasureRequestStore((state) => state.erasure);
  const stopRequest = useErasureRequestStore((state) => state.stop);
  const [query, setQuery] = useState(forRequest?.name ?? '');
  const [found, setFound] = useState<Lookup | null>(null);
  const [erasing, setErasing] = useState<LookupCustomer | null>(null);
  const [result, setResult] = useState<EraseResult | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const lookup = useChannelMutation('privacy.lookup', []);

  // Opened from a deletion request: the customer's lookup runs at once, so the mentions are listed before acting.
  useEffect(() => {
    if (forRequest && forRequest.name.trim().length >= 2) lookup.mutate({ query: forRequest.name.trim() }, { onSuccess: setFound });
    // Once per opening: the page remounts when opened again from a request.
  }, []);

  const find = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    setResult(null);
    setNotice(null);
    lookup.mutate({ query: query.trim() }, { onSuccess: setFound });
  };

  const customerColumns: Column<LookupCustomer>[] = [
    { key: 'name', header: t('erasure.col.name'), rowHeader: true, cell: (c) => c.name },
    { key: 'mobile', header: t('erasure.col.mobile'), cell: (c) => c.mobile ?? '—' },
    { key: 'email', header: t('erasure.col.email'), cell: (c) => c.email ?? '—' },
    { key: 'records', header: t('erasure.col.records'), wrap: true, cell: (c) => t('erasure.records', { interactions: c.interactions, purchases: c.purchases, reminders: c.reminders }) },
    {
      key: 'state',
      header: t('erasure.col.state'),
      cell: (c) => (
        <>
          {c.inRecycleBin && <Badge tone="neutral">{t('erasure.inBin')}</Badge>} {c.legalHold && <Badge tone="warning">{t('erasure.held')}</Badge>}
        </>
      ),
    },
    {
      key: 'act',
      header: '',
      cell: (c) => (
        <Button size="sm" variant="danger" data-testid={`erasure-erase-${c.id}`} onClick={() => setErasing(c)}>
          {t('erasure.erase')}
        </Button>
      ),
    },
  ];
  const mentionColumns: Column<Mention>[] = [
    { key: 'place', header: t('erasure.col.place'), cell: (m) => t(`erasure.place.${m.place}` as MessageKey) },
    { key: 'context', header: t('erasure.col.context'), wrap: true, cell: (m) => <span className={styles.context}>{m.context}</span> },
  ];

  return (
    <div className={styles.panel}>
      <p className={layout.hint}>{t('erasure.intro')}</p>
      {forRequest && (
        <Notice tone="info" data-testid="erasure-for-request">
          {t('req.step.erasingFor', { id: forRequest.requestId, name: forRequest.name })}{' '}
          <Button variant="link" onClick={stopRequest}>
            {t('req.correctingStop')}
          </Button>
        </Notice>
      )}
      <form className={styles.toolbar} onSubmit={find}>
        <Field label={t('erasure.query')}>
          {(control) => <Input {...control} value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} data-testid="erasure-query" />}
        </Field>
        <Button type="submit" disabled={lookup.isPending || query.trim().length < 2} data-testid="erasure-find">
          {t('erasure.find')}
        </Button>
      </form>
      <ErrorNotice error={errorBody(lookup.error)} />
      {notice && <Notice tone="info">{t(notice)}</Notice>}
      {result && <EraseResultNotice result={result} />}
      {found && (
        <>
          <h3 className={styles.heading}>{t('erasure.customers')}</h3>
          <Table
            columns={customerColumns}
            rows={found.customers}
            rowKey={(c) => c.id}
            label={t('erasure.customers')}
            testId="erasure-customers"
            empty={<EmptyState title={t('erasure.noCustomers')} text={t('erasure.noCustomersHint')} testId="erasure-no-customers" />}
          />
          <h3 className={styles.heading}>{t('erasure.mentions')}</h3>
          {found.truncated && <Notice tone="warning">{t('erasure.truncated')}</Notice>}
          <Table
            columns={mentionColumns}
            rows={found.mentions}
            rowKey={(m) => `${m.place}-${m.rowId}`}
            label={t('erasure.mentions')}
            testId="erasure-mentions"
            rowAttributes={(m) => ({ 'data-place': m.place })}
            empty={<EmptyState title={t('erasure.noMentions')} testId="erasure-no-mentions" />}
          />
        </>
      )}
      {erasing && (
        <EraseDialog
          customer={erasing}
          {...(forRequest && forRequest.customerId === erasing.id ? { requestId: forRequest.requestId } : {})}
          onClose={(outcome) => {
            setErasing(null);
            if (!outcome) return;
            if (forRequest?.customerId === erasing.id) stopRequest();
            if (outcome.kind === 'done') {
              setResult(outcome.result);
              setFound(null);
            } else setNotice(outcome.kind === 'sent' ? 'erasure.sent' : 'erasure.waiting');
          }}
        />
      )}
    </div>
  );
}

type Outcome = { kind: 'done'; result: EraseResult } | { kind: 'sent' } | { kind: 'waiting' } | null;

function EraseDialog({ customer, requestId, onClose }: { customer: LookupCustomer; requestId?: number; onClose(outcome: Outcome): void }) {
  const t = useT();
  const [mode, setMode] = useState<EraseMode>('anonymise');
  const [approvalDialog, gate] = useApprovalGate();
  const erase = useChannelMutation('privacy.erase', ['customers.', 'privacy.', 'recycleBin.', 'approvals.', 'privacyRequests.']);
  const run = async () => {
    const outcome = await gate({ customerId: customer.id, mode, ...(requestId !== undefined ? { requestId } : {}) }, (input) => erase.mutateAsync(input)).catch(() => null);
    if (!outcome || outcome.status === 'cancelled') return;
    onClose(outcome.status === 'done' ? { kind: 'done', result: outcome.value } : outcome.status === 'sent' ? { kind: 'sent' } : { kind: 'waiting' });
  };
  return (
    <>
      <Dialog
        title={t('erasure.dialog.title', { name: customer.name })}
        message={t('erasure.dialog.message')}
        confirmLabel={t('erasure.confirm')}
        danger
        busy={erase.isPending}
        error={errorBody(erase.error)}
        onConfirm={() => void run()}
        onCancel={() => onClose(null)}
        testId="erasure-dialog"
      >
        <fieldset className={styles.modes}>
          <legend>{t('erasure.mode')}</legend>
          {(['anonymise', 'delete'] as const).map((m) => (
            <label key={m} className={styles.mode}>
              <input type="radio" name="erase-mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`erasure-mode-${m}`} />
              <span>{t(`erasure.mode.${m}`)}</span>
            </label>
          ))}
        </fieldset>
        {customer.legalHold && mode === 'delete' && <Notice tone="info">{t('erasure.holdNote')}</Notice>}
        <CheckingProgress active={erase.isPending} />
      </Dialog>
      {approvalDialog}
    </>
  );
}
