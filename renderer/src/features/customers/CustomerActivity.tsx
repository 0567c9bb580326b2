import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import type { CustomerView } from '../../../../shared/customers';
import { can } from '../../../../shared/permissions';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useShopStore } from '../../stores/shop-store';
import { amountText } from './activity-input';
import { ACTIVITY_CHANGES, InteractionForm, PurchaseForm, ReminderForm, type Kind } from './ActivityForms';

type Entry = ChannelOutput<'customers.timeline'>[number];

/**
 * The customer's activity: the timeline of interactions and purchases (each editable and
 * removable by whoever may add it), this customer's reminders, and the forms to add each.
 * Takes the customer; its data comes from the query cache, so any change refreshes every view.
 */
export function CustomerActivity({ customer }: { customer: Pick<CustomerView, 'id'> }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const timeline = useChannelQuery('customers.timeline', { id: customer.id }, { enabled: can(role, 'interactions.read') });
  const reminders = useChannelQuery('reminders.list', { customerId: customer.id, range: 'all' }, { enabled: can(role, 'reminders.read') });
  const [adding, setAdding] = useState<'interaction' | 'purchase' | 'reminder'>('interaction');
  const forms = (['interaction', 'purchase', 'reminder'] as const).filter((f) => can(role, f === 'interaction' ? 'interactions.write' : f === 'purchase' ? 'purchases.write' : 'reminders.write'));
  const fmt = useFormat();
  const entries = timeline.data ?? [];
  // The record page's Purchases and Reminders tabs read the detail store: after an edit here they
  // show the same entries (this customer's only, never another's).
  useEffect(() => {
    const store = useCustomerDetailStore.getState();
    if (store.activityFor !== customer.id) return;
    if (timeline.data) useCustomerDetailStore.setState({ timeline: timeline.data });
    if (reminders.data) useCustomerDetailStore.setState({ reminders: reminders.data });
  }, [customer.id, timeline.data, reminders.data]);

  return (
    <div className="timeline" data-testid="timeline">
      <h4>{t('timeline.title')}</h4>
      {forms.length > 1 && (
        <div className="tabs" role="tablist" aria-label={t('timeline.addWhat')}>
          {forms.map((form) => (
            <button key={form} type="button" role="tab" aria-selected={adding === form} className={adding === form ? 'tab active' : 'tab'} onClick={() => setAdding(form)}>
              {t(`timeline.tab.${form}`)}
            </button>
          ))}
        </div>
      )}
      {adding === 'interaction' && forms.includes('interaction') && <InteractionForm customerId={customer.id} />}
      {adding === 'purchase' && forms.includes('purchase') && <PurchaseForm customerId={customer.id} />}
      {adding === 'reminder' && forms.includes('reminder') && <ReminderForm customerId={customer.id} />}
      {(reminders.data ?? []).length > 0 && (
        <ul className="reminders" data-testid="customer-reminders">
          {reminders.data!.map((r) => (
            <li key={r.id} data-testid="customer-reminder">
              ⏰ <span className="hint">{fmt.dateTime(r.dueAt)}</span> · {r.note} · {r.assignee}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={errorBody(timeline.error)} />
      {timeline.data && entries.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ul>
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
  const writable = can(role, isPurchase ? 'purchases.write' : 'interactions.write');
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
      <span className="hint">{when}</span> · {what} · {entry.text}
      {entry.amountMinor !== null && ` · ${fmt.money(entry.amountMinor, entry.currency ?? shopCurrency)}`} · {entry.byUsername}
      {writable && (
        <span className="row-actions">
          {' '}
          <button type="button" className="link" onClick={() => setMode('edit')} aria-label={t('activity.editEntry', { what })}>
            {t('activity.edit')}
          </button>{' '}
          <button type="button" className="link" onClick={() => setMode('delete')} aria-label={t('activity.deleteEntry', { what })}>
            {t('activity.delete')}
          </button>
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
