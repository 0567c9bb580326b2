import { useState, type FormEvent } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useShopStore } from '../../stores/shop-store';
import { Button, Input, Select } from '../../ui';
import styles from './activity.module.css';
import { amountProblemFromMain, fromLocalParts, isInFuture, localParts, parseAmount } from './activity-input';
import { toLocalInput } from './format';
import type { MarketingPurpose } from '../../../../shared/consent';
import { MarketingPurposeSelect } from '../privacy/MarketingPurpose';
import { ACTIVITY_CHANGES } from './record-changes';

export const KINDS = ['call', 'email', 'wechat', 'visit', 'service', 'feedback', 'note'] as const;
export type Kind = (typeof KINDS)[number];
const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'AUD'];

/** Runs a form's call; keeps what main said if it refused. */
function useSubmit(run: () => Promise<unknown>, done: () => void) {
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await run();
      setError(null);
      done();
    } catch (caught) {
      setError(errorBody(caught));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** When it happened: a date and a 24-hour time (zh-CN types "14:05"; en gets the browser's time field). */
function WhenFields({ day, time, onDay, onTime }: { day: string; time: string; onDay(v: string): void; onTime(v: string): void }) {
  const t = useT();
  const locale = useAppStore((state) => state.locale);
  return (
    <>
      <Input type="date" aria-label={t('activity.at.day')} value={day} max={localParts(new Date()).day} onChange={(e) => onDay(e.target.value)} required />
      {locale === 'zh-CN' ? (
        <Input className={styles.time} aria-label={t('activity.at.time')} value={time} inputMode="numeric" placeholder="14:05" pattern="([01]?\d|2[0-3])[:：][0-5]\d" size={6} onChange={(e) => onTime(e.target.value)} required />
      ) : (
        <Input type="time" aria-label={t('activity.at.time')} value={time} onChange={(e) => onTime(e.target.value)} required />
      )}
    </>
  );
}

export interface InteractionDraft {
  id: number;
  kind: Kind;
  at: string;
  text: string;
}

/** Adds an interaction (time defaults to now), or edits one when `editing` is given. */
export function InteractionForm({ customerId, editing, onDone }: { customerId: number; editing?: InteractionDraft; onDone?: () => void }) {
  const t = useT();
  const start = localParts(editing ? new Date(editing.at) : new Date());
  const [kind, setKind] = useState<Kind>(editing?.kind ?? 'call');
  const [summary, setSummary] = useState(editing?.text ?? '');
  const [day, setDay] = useState(start.day);
  const [time, setTime] = useState(start.time);
  const add = useChannelMutation('interactions.add', ACTIVITY_CHANGES);
  const update = useChannelMutation('interactions.update', ACTIVITY_CHANGES);
  const at = fromLocalParts(day, time);
  const future = at !== null && isInFuture(at);
  const { error, busy, submit } = useSubmit(
    () => {
      const values = { kind, at: at!.toISOString(), summary: summary.trim() };
      return editing ? update.mutateAsync({ id: editing.id, ...values }) : add.mutateAsync({ customerId, ...values });
    },
    () => {
      if (editing) return onDone?.();
      setSummary('');
      const now = localParts(new Date());
      setDay(now.day);
      setTime(now.time);
    },
  );
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid={editing ? 'interaction-edit' : 'interaction-form'}>
      <Select aria-label={t('timeline.kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`timeline.kind.${k}`)}
          </option>
        ))}
      </Select>
      <WhenFields day={day} time={time} onDay={setDay} onTime={setTime} />
      <Input className={styles.grow} aria-label={t('timeline.summary')} placeholder={t('timeline.summary')} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
      <Button type="submit" variant="secondary" disabled={busy || !summary.trim() || at === null || future}>
        {editing ? t('activity.save') : t('timeline.add')}
      </Button>
      {editing && (
        <Button variant="secondary" onClick={onDone}>
          {t('activity.cancel')}
        </Button>
      )}
      {(future || error?.fields?.at === 'in_future') && (
        <p className={styles.fieldError} role="alert" data-testid="at-error">
          {t('activity.at.future')}
        </p>
      )}
      {error?.fields?.at !== 'in_future' && <ErrorNotice error={error} />}
    </form>
  );
}

export interface PurchaseDraft {
  id: number;
  at: string;
  text: string;
  amountMinor: number;
  currency: string;
}

/** Adds a purchase, or edits one; a bad amount says why before anything is sent. */
export function PurchaseForm({ customerId, editing, initialAmount, onDone }: { customerId: number; editing?: PurchaseDraft; initialAmount?: string; onDone?: () => void }) {
  const t = useT();
  const [item, setItem] = useState(editing?.text ?? '');
  const [amount, setAmount] = useState(initialAmount ?? '');
  const shopCurrency = useShopStore((state) => state.currency);
  const [currency, setCurrency] = useState(editing?.currency ?? shopCurrency);
  const [date, setDate] = useState(() => editing?.at.slice(0, 10) ?? toLocalInput(new Date()).slice(0, 10));
  const add = useChannelMutation('purchases.add', ACTIVITY_CHANGES);
  const update = useChannelMutation('purchases.update', ACTIVITY_CHANGES);
  const parsed = amount.trim() === '' ? null : parseAmount(amount);
  const { error, busy, submit } = useSubmit(
    () => {
      const values: Omit<ChannelInput<'purchases.add'>, 'customerId'> = { date, item: item.trim(), amountMinor: parsed && 'minor' in parsed ? parsed.minor : Number.NaN, currency };
      return editing ? update.mutateAsync({ id: editing.id, ...values }) : add.mutateAsync({ customerId, ...values });
    },
    () => {
      if (editing) return onDone?.();
      setItem('');
      setAmount('');
    },
  );
  const problem = (parsed && 'problem' in parsed ? parsed.problem : null) ?? amountProblemFromMain(error?.fields);
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid={editing ? 'purchase-edit' : 'purchase-form'}>
      <Input type="date" aria-label={t('purchase.date')} value={date} onChange={(e) => setDate(e.target.value)} required />
      <Input className={styles.grow} aria-label={t('purchase.item')} placeholder={t('purchase.item')} value={item} maxLength={200} onChange={(e) => setItem(e.target.value)} />
      <Input aria-label={t('purchase.amount')} placeholder="0.00" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={problem !== null} />
      <Select aria-label={t('purchase.currency')} value={currency} onChange={(e) => setCurrency(e.target.value)}>
        {[...new Set([currency, shopCurrency, ...CURRENCIES])].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={busy || !item.trim() || !parsed || 'problem' in parsed}>
        {editing ? t('activity.save') : t('purchase.add')}
      </Button>
      {editing && (
        <Button variant="secondary" onClick={onDone}>
          {t('activity.cancel')}
        </Button>
      )}
      {problem && (
        <p className={styles.fieldError} role="alert" data-testid="amount-error">
          {t(`activity.amount.${problem}`)}
        </p>
      )}
      {!amountProblemFromMain(error?.fields) && <ErrorNotice error={error} />}
    </form>
  );
}

/** A follow-up reminder for this customer. */
export function ReminderForm({ customerId }: { customerId: number }) {
  const t = useT();
  const add = useChannelMutation('reminders.add', ACTIVITY_CHANGES);
  const [note, setNote] = useState('');
  const [purpose, setPurpose] = useState<MarketingPurpose | null>(null);
  const [due, setDue] = useState(() => toLocalInput(new Date(Date.now() + 24 * 3600 * 1000)));
  const { error, busy, submit } = useSubmit(
    () => add.mutateAsync({ customerId, dueAt: new Date(due).toISOString(), note: note.trim(), ...(purpose ? { purpose } : {}) }),
    () => setNote(''),
  );
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="reminder-form">
      <Input type="datetime-local" aria-label={t('reminder.due')} value={due} onChange={(e) => setDue(e.target.value)} required />
      <Input className={styles.grow} aria-label={t('reminder.note')} placeholder={t('reminder.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      <MarketingPurposeSelect value={purpose} onChange={setPurpose} />
      <Button type="submit" variant="secondary" disabled={busy || !note.trim() || Number.isNaN(Date.parse(due))}>
        {t('reminder.add')}
      </Button>
      <ErrorNotice error={error} />
    </form>
  );
}
