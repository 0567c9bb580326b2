import { useState, type FormEvent } from 'react';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useShopStore } from '../../stores/shop-store';
import { parseMoney, toLocalInput } from './format';

const KINDS = ['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note'] as const;
type Kind = (typeof KINDS)[number];

/** Timeline of interactions and purchases, this customer's reminders, and the forms to add each. */
export function CustomerActivity() {
  const t = useT();
  const fmt = useFormat();
  const shopCurrency = useShopStore((state) => state.currency);
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { timeline, reminders } = useCustomerDetailStore();
  const [adding, setAdding] = useState<'interaction' | 'purchase' | 'reminder'>('interaction');
  const forms = (['interaction', 'purchase', 'reminder'] as const).filter((f) => can(role, f === 'interaction' ? 'interactions.write' : f === 'purchase' ? 'purchases.write' : 'reminders.write'));

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
      {adding === 'interaction' && forms.includes('interaction') && <InteractionForm />}
      {adding === 'purchase' && forms.includes('purchase') && <PurchaseForm />}
      {adding === 'reminder' && forms.includes('reminder') && <ReminderForm />}
      {reminders.length > 0 && (
        <ul className="reminders" data-testid="customer-reminders">
          {reminders.map((r) => (
            <li key={r.id} data-testid="customer-reminder">
              ⏰ <span className="hint">{fmt.dateTime(r.dueAt)}</span> · {r.note} · {r.assignee}
            </li>
          ))}
        </ul>
      )}
      {timeline.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ul>
          {timeline.map((entry) => (
            <li key={`${entry.type}-${entry.id}`} data-testid="timeline-entry">
              {/* A purchase has a day, not a time: never show it as midnight. */}
              <span className="hint">{entry.type === 'purchase' ? fmt.date(entry.at) : fmt.dateTime(entry.at)}</span> · {entry.type === 'purchase' ? t('timeline.purchase') : t(`timeline.kind.${entry.kind as Kind}`)} · {entry.text}
              {entry.amountMinor !== null && ` · ${fmt.money(entry.amountMinor, entry.currency ?? shopCurrency)}`} · {entry.byUsername}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function useSubmit(run: () => Promise<ErrorBody | null>, reset: () => void) {
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const problem = await run();
    setBusy(false);
    setError(problem);
    if (!problem) reset();
  };
  return { error, busy, submit };
}

function InteractionForm() {
  const t = useT();
  const addInteraction = useCustomerDetailStore((state) => state.addInteraction);
  const [kind, setKind] = useState<Kind>('call');
  const [summary, setSummary] = useState('');
  const { error, busy, submit } = useSubmit(() => addInteraction({ kind, at: new Date().toISOString(), summary: summary.trim() }), () => setSummary(''));
  return (
    <form className="filters" onSubmit={(e) => void submit(e)}>
      <select aria-label={t('timeline.kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`timeline.kind.${k}`)}
          </option>
        ))}
      </select>
      <input aria-label={t('timeline.summary')} placeholder={t('timeline.summary')} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
      <button type="submit" className="secondary" disabled={busy || !summary.trim()}>
        {t('timeline.add')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

function PurchaseForm() {
  const t = useT();
  const addPurchase = useCustomerDetailStore((state) => state.addPurchase);
  const [item, setItem] = useState('');
  const [amount, setAmount] = useState('');
  const shopCurrency = useShopStore((state) => state.currency);
  const [currency, setCurrency] = useState(shopCurrency);
  const [date, setDate] = useState(() => toLocalInput(new Date()).slice(0, 10));
  const amountMinor = parseMoney(amount);
  const { error, busy, submit } = useSubmit(
    () => addPurchase({ date, item: item.trim(), amountMinor: amountMinor ?? -1, currency }),
    () => {
      setItem('');
      setAmount('');
    },
  );
  return (
    <form className="filters" onSubmit={(e) => void submit(e)} data-testid="purchase-form">
      <input type="date" aria-label={t('purchase.date')} value={date} onChange={(e) => setDate(e.target.value)} required />
      <input aria-label={t('purchase.item')} placeholder={t('purchase.item')} value={item} maxLength={200} onChange={(e) => setItem(e.target.value)} />
      <input aria-label={t('purchase.amount')} placeholder="0.00" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={amount !== '' && amountMinor === null} />
      <select aria-label={t('purchase.currency')} value={currency} onChange={(e) => setCurrency(e.target.value)}>
        {[...new Set([shopCurrency, 'CNY', 'USD', 'EUR', 'GBP', 'HKD', 'AUD'])].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <button type="submit" className="secondary" disabled={busy || !item.trim() || amountMinor === null}>
        {t('purchase.add')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

function ReminderForm() {
  const t = useT();
  const addReminder = useCustomerDetailStore((state) => state.addReminder);
  const [note, setNote] = useState('');
  const [due, setDue] = useState(() => toLocalInput(new Date(Date.now() + 24 * 3600 * 1000)));
  const { error, busy, submit } = useSubmit(() => addReminder({ dueAt: new Date(due).toISOString(), note: note.trim() }), () => setNote(''));
  return (
    <form className="filters" onSubmit={(e) => void submit(e)} data-testid="reminder-form">
      <input type="datetime-local" aria-label={t('reminder.due')} value={due} onChange={(e) => setDue(e.target.value)} required />
      <input aria-label={t('reminder.note')} placeholder={t('reminder.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="secondary" disabled={busy || !note.trim() || Number.isNaN(Date.parse(due))}>
        {t('reminder.add')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
