import { useState } from 'react';
import type { BreachDetail } from '../../../../../shared/channels/breach';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { fieldText, useT } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { Button, Field, Input, Select, Table, toast, type Column } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { fromLocalInput, localInput } from './breach-words';
import styles from './breach.module.css';

type Customer = BreachDetail['affected']['customers'][number];

/** Who is affected: the account's customers in a window, from the audit log; counts per kind of data; the gated contact list. */
export function BreachAffected({ b, manage }: { b: BreachDetail; manage: boolean }) {
  const t = useT();
  const fmt = useFormat();
  // By default the period runs from a week before discovery to now: a leaked account was often used before anyone noticed.
  const [from, setFrom] = useState(() => localInput(b.windowFrom ?? new Date(new Date(b.discoveredAt).getTime() - 7 * 86_400_000).toISOString(), 'seconds'));
  const [to, setTo] = useState(() => localInput(b.windowTo ?? new Date().toISOString(), 'seconds'));
  const find = useChannelMutation('breach.affected', ['breach.']);
  // A leaked password shows as a sign-in nobody remembers: its session can be the period.
  const signIns = useChannelQuery('breach.signIns', { id: b.id, username: b.username ?? '' }, { enabled: manage && b.username !== null });
  const [session, setSession] = useState('');
  const pickSession = (loginId: string) => {
    setSession(loginId);
    const s = signIns.data?.find((x) => String(x.loginId) === loginId);
    if (!s) return;
    setFrom(localInput(s.startedAt, 'seconds'));
    setTo(localInput(s.endedAt ?? new Date().toISOString(), 'seconds'));
  };
  const exportList = useChannelMutation('breach.exportContacts', ['breach.', 'approvals.']);
  const error = errorBody(find.error);
  const a = b.affected;

  const run = () => find.mutate({ id: b.id, username: b.username ?? '', from: fromLocalInput(from) ?? '', to: fromLocalInput(to, 'end', 'seconds') ?? '' });
  const save = () =>
    exportList.mutate({ id: b.id, format: 'xlsx' }, { onSuccess: (r) => r.status === 'saved' && toast(t('breach.affected.exported.done', { rows: fmt.number(r.rows) }), { tone: 'success' }) });

  const how = (c: Customer) =>
    [c.seen ? t('breach.affected.seen') : null, c.revealed.length > 0 ? t('breach.affected.revealed', { fields: c.revealed.join(', ') }) : null, c.exported.length > 0 ? t('breach.affected.exported', { fields: c.exported.join(', ') }) : null]
      .filter(Boolean)
      .join(' · ');
  const columns: Column<Customer>[] = [
    { key: 'customer', header: t('breach.affected.col.customer'), rowHeader: true, cell: (c) => c.name ?? t('breach.affected.erased', { id: c.id }) },
    { key: 'how', header: t('breach.affected.col.how'), wrap: true, cell: how },
  ];

  return (
    <section className={layout.subsection} data-testid="breach-affected">
      <h3>{t('breach.affected.title')}</h3>
      <p className={layout.hint}>{t('breach.affected.hint')}</p>
      {manage && (
        <div className={styles.row}>
          <Field label={t('breach.affected.session')} hint={t('breach.affected.session.hint')}>
            {(control) => (
              <Select {...control} value={session} onChange={(e) => pickSession(e.target.value)} disabled={!signIns.data?.length} data-testid="breach-window-session">
                <option value="">{t('breach.affected.session.any')}</option>
                {signIns.data?.map((s) => (
                  <option key={s.loginId} value={String(s.loginId)}>
                    {s.endedAt ? t('breach.affected.session.item', { from: fmt.dateTime(s.startedAt), to: fmt.dateTime(s.endedAt) }) : t('breach.affected.session.open', { from: fmt.dateTime(s.startedAt) })}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('breach.affected.from')} error={error?.fields?.from ? fieldText(t, error.fields.from) : undefined}>
            {(control) => <Input {...control} type="datetime-local" value={from} step={1} onChange={(e) => {
              setFrom(e.target.value);
              setSession('');
            }} data-testid="breach-window-from" />}
          </Field>
          <Field label={t('breach.affected.to')}>
            {(control) => <Input {...control} type="datetime-local" value={to} step={1} onChange={(e) => {
              setTo(e.target.value);
              setSession('');
            }} data-testid="breach-window-to" />}
          </Field>
          <Button onClick={run} disabled={!b.username || find.isPending} data-testid="breach-find-affected">
            {t('breach.affected.run')}
          </Button>
        </div>
      )}
      <ErrorNotice error={error} />
      {b.windowFrom === null ? (
        <p className={layout.hint}>{t('breach.affected.none')}</p>
      ) : (
        <>
          <p data-testid="breach-affected-counts">
            {t('breach.affected.window', { username: b.username ?? '', from: fmt.dateTime(b.windowFrom), to: fmt.dateTime(b.windowTo) })}
            <br />
            {t('breach.affected.counts', { total: fmt.number(a.total), seen: fmt.number(a.seen), revealed: fmt.number(a.revealed), exported: fmt.number(a.exported) })}
          </p>
          <ul className={styles.row} data-testid="breach-category-counts">
            {Object.entries(a.categories)
              .filter(([, n]) => n > 0)
              .map(([c, n]) => (
                <li key={c} className={layout.hint}>
                  {t(`breach.category.${c as keyof typeof a.categories}`)}: {fmt.number(n)}
                </li>
              ))}
          </ul>
          <Table columns={columns} rows={a.customers} rowKey={(c) => c.id} label={t('breach.affected.title')} testId="breach-affected-table" rowAttributes={() => ({ 'data-testid': 'breach-affected-row' })} />
          {manage && a.total > 0 && (
            <div className={styles.row}>
              <Button variant="secondary" onClick={save} disabled={exportList.isPending} data-testid="breach-export-contacts">
                {t('breach.affected.export')}
              </Button>
            </div>
          )}
          <ErrorNotice error={errorBody(exportList.error)} />
        </>
      )}
    </section>
  );
}
