import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import type { CustomerView } from '../../../../shared/customers';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useShopStore } from '../../stores/shop-store';
import { Button, Dialog, Tabs } from '../../ui';
import styles from './activity.module.css';
import { amountText } from './activity-input';
import { InteractionForm, PurchaseForm, ReminderForm, type Kind } from './ActivityForms';
import { ACTIVITY_CHANGES } from './record-changes';
import { ReminderConsentMark } from '../privacy/ReminderConsentMark';

type Entry = ChannelOutput<'customers.timeline'>[number];
type Form = 'interaction' | 'purchase' | 'reminder';

/**
 * The customer's activity: the timeline of interactions and purchases (each editable and
 * removable by whoever may add it), this customer's reminders, and the forms to add each.
 * Takes the customer; its data comes from the query cache (the record's Purchases and Reminders
 * tabs read the same queries), so a change here refreshes every view of it.
 */
export function CustomerActivity({ customer }: { customer: Pick<CustomerView, 'id'> }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const timeline = useChannelQuery('customers.timeline', { id: customer.id }, { enabled: can(role, 'interactions.read') });
  const reminders = useChannelQuery('reminders.list', { customerId: customer.id, range: 'all' }, { enabled: can(role, 'reminders.read') });
  const [adding, setAdding] = useState<Form>('interaction');
  const forms = (['interaction', 'purchase', 'reminder'] as const).filter((f) => can(role, f === 'interaction' ? 'interactions.write' : f === 'purchase' ? 'purchases.write' : 'reminders.write'));
  const fmt = useFormat();
  const entries = timeline.data ?? [];
  const form =
    adding === 'interaction' && forms.includes('interaction') ? <InteractionForm customerId={customer.id} />
    : adding === 'purchase' && forms.includes('purchase') ? <PurchaseForm customerId={customer.id} />
    : adding === 'reminder' && forms.includes('reminder') ? <ReminderForm customerId={customer.id} />
    : null;

  return (
    <div className={styles.timeline} data-testid="timeline">
      <h4 className={styles.title}>{t('timeline.title')}</h4>
      {forms.length > 1 ? (
        <Tabs<Form> label={t('timeline.addWhat')} tabs={forms.map((f) => ({ id: f, label: t(`timeline.tab.${f}`) }))} selected={adding} onSelect={setAdding}>
          {form}
        </Tabs>
      ) : (
        form
      )}
      {(reminders.data ?? []).length > 0 && (
        <ul className={styles.list} data-testid="customer-reminders">
          {reminders.data!.map((r) => (
            <li key={r.id} data-testid="customer-reminder">
              ⏰ <span className={styles.when}>{fmt.dateTime(r.dueAt)}</span> · {r.noteWithheld ? t('freeText.withheld') : r.note} · {r.assignee}
              <ReminderConsentMark reminder={r} />
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={errorBody(timeline.error)} />
      {timeline.data && entries.length === 0 ? (
        <p className={styles.empty}>{t('timeline.empty')}</p>
      ) : (
        <ul className={styles.list}>
          {entries.map((entry) => (
            <TimelineItem key={`${entry.type}-${entry.id}`} customerId={customer.id} entry={entry} when={entry.type === 'purchase' ? fmt.date(entry.at) : fmt.dateTime(entry.at)} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** One entry, with Edit and Delete for whoever may write that kind of entry. */
function TimelineItem({ customerId, entry, when }: { customerId: number; entry: Entry; when: string }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const fmt = useFormat();
  const shopCurrency = useShopStore((state) => state.currency);
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const isPurchase = entry.type === 'purchase';
  // A withheld summary cannot be edited or removed by whoever may not read it (main refuses too).
  const writable = can(role, isPurchase ? 'purchases.write' : 'interactions.write') && !entry.withheld;
  const removeInteraction = useChannelMutation('interactions.delete', ACTIVITY_CHANGES);
  const removePurchase = useChannelMutation('purchases.delete', ACTIVITY_CHANGES);
  const remove = isPurchase ? removePurchase : removeInteraction;

  if (mode === 'edit') {
    return (
      <li data-testid="timeline-entry">
        {isPurchase ? (
          <PurchaseForm customerId={customerId} editing={{ id: entry.id, at: entry.at, text: entry.text, amountMinor: entry.amountMinor ?? 0, currency: entry.currency ?? shopCurrency }} initialAmount={amountText(entry.amountMinor ?? 0)} onDone={() => setMode('view')} />
        ) : (
          <InteractionForm customerId={customerId} editing={{ id: entry.id, kind: entry.kind as Kind, at: entry.at, text: entry.text }} onDone={() => setMode('view')} />
        )}
      </li>
    );
  }
  const what = isPurchase ? t('timeline.purchase') : t(`timeline.kind.${entry.kind as Kind}`);
  return (
    <li data-testid="timeline-entry">
      <span className={styles.when}>{when}</span> · {what} · {entry.withheld ? t('freeText.withheld') : entry.text}
      {entry.amountMinor !== null && ` · ${fmt.money(entry.amountMinor, entry.currency ?? shopCurrency)}`} · {entry.byUsername}
      {writable && (
        <span className={styles.entryActions}>
          <Button variant="ghost" size="sm" onClick={() => setMode('edit')} aria-label={t('activity.editEntry', { what })}>
            {t('activity.edit')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setMode('delete')} aria-label={t('activity.deleteEntry', { what })}>
            {t('activity.delete')}
          </Button>
        </span>
      )}
      {mode === 'delete' && (
        <Dialog
          title={isPurchase ? t('activity.deletePurchase.title') : t('activity.deleteInteraction.title')}
          message={t('activity.delete.body', { what, text: entry.text })}
          confirmLabel={t('activity.delete')}
          danger
          busy={remove.isPending}
          error={errorBody(remove.error)}
          onConfirm={() => void remove.mutateAsync({ id: entry.id }).then(() => setMode('view'), () => undefined)}
          onCancel={() => {
            remove.reset();
            setMode('view');
          }}
          testId="delete-entry-dialog"
        />
      )}
    </li>
  );
}
