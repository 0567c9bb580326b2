import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { RecordFacts } from '../../../../shared/channels/record';
import type { CustomerView } from '../../../../shared/customers';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { errorBody, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';
import { CustomerActivity } from './CustomerActivity';
import { CustomerForm } from './CustomerForm';
import { CustomerOverview } from './CustomerOverview';
import { useFormat } from '../../i18n/format';
import { RecordTabs } from './RecordTabs';
import { PurchasesTab, RemindersTab } from './RecordSections';
import { dateTime, relativeTime } from './record-format';

type Tab = 'overview' | 'activity' | 'purchases' | 'reminders';

/**
 * The customer record page (route { page: 'customer', customerId }): a header of key facts, the
 * actions, and tabs. The customer and its facts are one audited read (customers.record) through
 * the query cache; the page hands the customer to the detail store, which the edit form and the
 * activity forms read. Esc or Back returns to where the record was opened from.
 */
export function CustomerRecord({ id }: { id: number }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const record = useChannelQuery('customers.record', { id });
  const { editing, activityFor, open, show, startEdit, remove } = useCustomerDetailStore();
  const back = useNavStore((state) => state.back);
  const [tab, setTab] = useState<Tab>('overview');
  const [confirmDialog, confirm] = useConfirm();
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened by Back or Forward rather than by open(): the activity still needs loading.
  useEffect(() => {
    if (activityFor !== id) void open(id);
  }, [activityFor, id, open]);
  useEffect(() => {
    if (record.data) show(record.data.customer);
  }, [record.data, show]);
  // The record starts at its header wherever the list was scrolled, with focus on the name so
  // that Esc and screen readers start here.
  useEffect(() => {
    setTab('overview');
  }, [id]);
  const loaded = record.data?.customer.id === id;
  useEffect(() => {
    if (!loaded) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [loaded, id]);

  const onKeyDown = (event: KeyboardEvent) => {
    // A dialog (rendered in a portal, but its events bubble here) or the form handles its own Esc.
    if (event.key !== 'Escape' || event.defaultPrevented || editing || (event.target as Element).closest('[role="dialog"]')) return;
    event.preventDefault();
    back();
  };

  const problem = errorBody(record.error);
  if (!record.data || !loaded) {
    return (
      <section data-testid="customer-loading" aria-busy={!problem}>
        <button type="button" className="secondary" onClick={back}>
          ← {t('record.back')}
        </button>
        {problem ? <ErrorNotice error={problem} /> : <p className="hint">{t('record.loading')}</p>}
      </section>
    );
  }
  const { customer, facts } = record.data;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'overview', label: t('record.tab.overview') },
    ...(can(role, 'interactions.read') ? [{ id: 'activity' as const, label: t('record.tab.activity') }] : []),
    ...(facts.purchases ? [{ id: 'purchases' as const, label: t('record.tab.purchases') }] : []),
    ...(can(role, 'reminders.read') ? [{ id: 'reminders' as const, label: t('record.tab.reminders') }] : []),
  ];

  return (
    <section data-testid="customer-detail" aria-labelledby="record-name" onKeyDown={onKeyDown}>
      <header className="card" data-testid="record-header" style={{ maxWidth: 'none' }}>
        <div className="page-head">
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
            <h2 id="record-name" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
              {customer.name}
            </h2>
            <span className="badge" data-testid="record-level">
              {t(`level.${customer.level}`)}
            </span>
            {customer.tags.map((tag) => (
              <span key={tag} className="tag" data-testid="record-tag">
                {tag}
              </span>
            ))}
          </div>
          <div className="actions">
            {can(role, 'customers.write') && (
              <button type="button" className="secondary" onClick={() => void startEdit()} disabled={editing !== null}>
                {t('detail.edit')}
              </button>
            )}
            {can(role, 'customers.delete') && (
              <button type="button" className="secondary" onClick={() => void confirm({ title: t('detail.deleteConfirm'), message: customer.name, confirmLabel: t('detail.deleteYes'), danger: true, run: remove })}>
                {t('detail.delete')}
              </button>
            )}
            <button type="button" className="secondary" onClick={back} title={t('record.escHint')}>
              ← {t('record.back')}
            </button>
          </div>
        </div>
        <Facts customer={customer} facts={facts} />
      </header>
      {editing === 'edit' ? (
        <CustomerForm key={customer.id} />
      ) : (
        <RecordTabs<Tab> label={t('record.tabs')} tabs={tabs} selected={tabs.some((x) => x.id === tab) ? tab : 'overview'} onSelect={setTab} testId="record-tabs">
          {tab === 'overview' && <CustomerOverview customer={customer} />}
          {tab === 'activity' && <CustomerActivity />}
          {tab === 'purchases' && <PurchasesTab />}
          {tab === 'reminders' && <RemindersTab />}
        </RecordTabs>
      )}
      {confirmDialog}
    </section>
  );
}

/** The header's key facts; a fact the role may not see says so instead of showing an empty value. */
function Facts({ customer, facts }: { customer: CustomerView; facts: RecordFacts }) {
  const t = useT();
  const fmt = useFormat();
  const locale = useAppStore((state) => state.locale);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const purchases = facts.purchases;
  const item = (label: string, testId: string, value: ReactNode, title?: string) => (
    <div className="detail-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd title={title}>{value}</dd>
    </div>
  );
  return (
    <dl aria-label={t('record.facts')} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 24, margin: '12px 0 0' }}>
      {item(
        t('record.fact.owner'),
        'customer-owner',
        <>
          {facts.ownerDisplayName} <span className="hint">({customer.ownerUsername})</span>
        </>,
      )}
      {item(
        t('record.fact.purchases'),
        'fact-purchases',
        purchases === null
          ? t('record.fact.notForRole')
          : purchases.count === 0
            ? t('record.fact.noPurchases')
            : `${purchases.totals.map((x) => fmt.money(x.amountMinor, x.currency)).join(' + ')} · ${t('record.fact.purchaseCount', { count: purchases.count })}`,
      )}
      {item(t('record.fact.lastContact'), 'fact-last-contact', facts.lastContactAt ? relativeTime(facts.lastContactAt, locale) : t('record.fact.neverContacted'), facts.lastContactAt ? dateTime(facts.lastContactAt, locale) : undefined)}
      {item(
        t('record.fact.nextReminder'),
        'fact-next-reminder',
        !can(role, 'reminders.read') ? t('record.fact.notForRole') : facts.nextReminderAt ? `${dateTime(facts.nextReminderAt, locale)} (${relativeTime(facts.nextReminderAt, locale)})` : t('record.fact.noReminder'),
      )}
    </dl>
  );
}
