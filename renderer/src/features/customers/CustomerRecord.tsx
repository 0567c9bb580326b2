import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { RecordFacts } from '../../../../shared/channels/record';
import type { CustomerView } from '../../../../shared/customers';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';
import { Badge, Button, Tabs } from '../../ui';
import { useLevels } from '../settings/levels';
import { AccessPackage } from '../privacy/AccessPackage';
import { CustomerActivity } from './CustomerActivity';
import { CustomerForm } from './CustomerForm';
import { CustomerOverview } from './CustomerOverview';
import styles from './CustomerRecord.module.css';
import { CUSTOMER_CHANGES } from './record-changes';
import { PurchasesTab, RemindersTab } from './RecordSections';
import { ConsentTab } from '../privacy/ConsentTab';

type Tab = 'overview' | 'activity' | 'purchases' | 'reminders' | 'consent';

/**
 * The customer record page (route { page: 'customer', customerId }): a header of key facts, the
 * actions, and tabs. The customer and its facts are one audited read (customers.record) through
 * the query cache, read afresh each time the page mounts (a view is audited, a cached copy is
 * not a view); the tabs read their own queries. The detail store holds only which record is open,
 * the edit form's state and revealed values. Esc or Back returns to where it was opened from.
 */
export function CustomerRecord({ id }: { id: number }) {
  const t = useT();
  const levelOf = useLevels().name;
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const record = useChannelQuery('customers.record', { id }, { refetchOnMount: 'always' });
  const editing = useCustomerDetailStore((state) => state.editing);
  const { enter, leave, startEdit, close } = useCustomerDetailStore.getState();
  const remove = useChannelMutation('customers.delete', CUSTOMER_CHANGES);
  const back = useNavStore((state) => state.back);
  const [tab, setTab] = useState<Tab>('overview');
  const [confirmDialog, confirm] = useConfirm();
  const header = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Revealed values belong to this page: they go when it unmounts or shows another customer.
  useEffect(() => {
    enter(id);
    return () => leave(id);
  }, [id, enter, leave]);
  // The record starts at its header wherever the list was scrolled, with focus on the name so
  // that Esc and screen readers start here.
  const loaded = record.data?.customer.id === id;
  useEffect(() => {
    if (!loaded) return;
    header.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [loaded, id]);

  const deleteCustomer = async () => {
    try {
      await remove.mutateAsync({ id });
    } catch (caught) {
      return errorBody(caught);
    }
    close();
    // The record is gone: back to where it was opened from (the list, the dashboard).
    if (useNavStore.getState().route.page === 'customer') back();
    return null;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // A dialog (rendered in a portal, but its events bubble here) or the form handles its own Esc.
    if (event.key !== 'Escape' || event.defaultPrevented || editing || (event.target as Element).closest('[role="dialog"], [role="alertdialog"]')) return;
    event.preventDefault();
    back();
  };

  const problem = errorBody(record.error);
  if (!record.data || !loaded) {
    return (
      <section className={styles.record} data-testid="customer-loading" aria-busy={!problem}>
        <div>
          <Button variant="secondary" onClick={back}>
            ← {t('record.back')}
          </Button>
        </div>
        {problem ? <ErrorNotice error={problem} /> : <p className={styles.muted}>{t('record.loading')}</p>}
      </section>
    );
  }
  const { customer, facts } = record.data;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'overview', label: t('record.tab.overview') },
    ...(can(role, 'interactions.read') ? [{ id: 'activity' as const, label: t('record.tab.activity') }] : []),
    ...(facts.purchases ? [{ id: 'purchases' as const, label: t('record.tab.purchases') }] : []),
    ...(can(role, 'reminders.read') ? [{ id: 'reminders' as const, label: t('record.tab.reminders') }] : []),
    ...(can(role, 'consent.read') ? [{ id: 'consent' as const, label: t('consent.tab') }] : []),
  ];

  return (
    <section className={styles.record} data-testid="customer-detail" aria-labelledby="record-name" onKeyDown={onKeyDown}>
      <header ref={header} className={styles.header} data-testid="record-header">
        <div className={styles.top}>
          <div className={styles.identity}>
            <h2 id="record-name" ref={heading} tabIndex={-1} className={styles.name}>
              {customer.name}
            </h2>
            <Badge tone={customer.level === 'vip' ? 'accent' : 'neutral'} data-testid="record-level">
              {levelOf(customer.level)}
            </Badge>
            {customer.tags.map((tag) => (
              <Badge key={tag} tone="neutral" data-testid="record-tag">
                {tag}
              </Badge>
            ))}
          </div>
          <div className={styles.actions}>
            {can(role, 'customers.write') && (
              <Button variant="secondary" onClick={() => void startEdit()} disabled={editing !== null}>
                {t('detail.edit')}
              </Button>
            )}
            {can(role, 'customers.delete') && (
              <Button variant="secondary" onClick={() => void confirm({ title: t('detail.deleteConfirm'), message: customer.name, confirmLabel: t('detail.deleteYes'), danger: true, run: deleteCustomer })}>
                {t('detail.delete')}
              </Button>
            )}
            {can(role, 'customers.accessPackage') && <AccessPackage customerId={customer.id} />}
            <Button variant="secondary" onClick={back} title={t('record.escHint')}>
              ← {t('record.back')}
            </Button>
          </div>
        </div>
        <Facts customer={customer} facts={facts} />
      </header>
      {editing === 'edit' ? (
        <CustomerForm key={customer.id} customer={customer} />
      ) : (
        <Tabs<Tab> label={t('record.tabs')} tabs={tabs} selected={tabs.some((x) => x.id === tab) ? tab : 'overview'} onSelect={setTab} className={styles.body} testId="record-tabs">
          {tab === 'overview' && <CustomerOverview customer={customer} />}
          {tab === 'activity' && <CustomerActivity customer={customer} />}
          {tab === 'purchases' && <PurchasesTab customerId={customer.id} />}
          {tab === 'reminders' && <RemindersTab customerId={customer.id} />}
          {tab === 'consent' && <ConsentTab customerId={customer.id} />}
        </Tabs>
      )}
      {confirmDialog}
    </section>
  );
}

/** The header's key facts; a fact the role may not see says so instead of showing an empty value. */
function Facts({ customer, facts }: { customer: CustomerView; facts: RecordFacts }) {
  const t = useT();
  const fmt = useFormat();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const purchases = facts.purchases;
  const item = (label: string, testId: string, value: ReactNode, title?: string) => (
    <div className={styles.fact} data-testid={testId}>
      <dt>{label}</dt>
      <dd title={title}>{value}</dd>
    </div>
  );
  const totals = purchases?.totals.map((x) => fmt.money(x.amountMinor, x.currency)).join(' + ');
  return (
    <dl aria-label={t('record.facts')} className={styles.facts}>
      {item(
        t('record.fact.owner'),
        'customer-owner',
        <>
          {facts.ownerDisplayName} <span className={styles.muted}>({customer.ownerUsername})</span>
        </>,
      )}
      {item(
        t('record.fact.purchases'),
        'fact-purchases',
        purchases === null ? t('record.fact.notForRole') : purchases.count === 0 ? t('record.fact.noPurchases') : `${totals} · ${t('record.fact.purchaseCount', { count: fmt.number(purchases.count) })}`,
      )}
      {item(t('record.fact.lastContact'), 'fact-last-contact', facts.lastContactAt ? fmt.relative(facts.lastContactAt) : t('record.fact.neverContacted'), facts.lastContactAt ? fmt.dateTime(facts.lastContactAt) : undefined)}
      {item(
        t('record.fact.nextReminder'),
        'fact-next-reminder',
        !can(role, 'reminders.read') ? t('record.fact.notForRole') : facts.nextReminderAt ? `${fmt.dateTime(facts.nextReminderAt)} (${fmt.relative(facts.nextReminderAt)})` : t('record.fact.noReminder'),
      )}
    </dl>
  );
}
