import { useState } from 'react';
import type { MergeField, MergePreview } from '../../../../shared/channels/merge';
import type { CustomerView } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { useConfirm } from '../../components/prompts';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useMergeStore } from '../../stores/merge-store';
import { mergeErrorText } from './merge-text';
import { RecentMerges } from './RecentMerges';

const LABELS: Record<MergeField, MessageKey> = {
  name: 'field.name', mobile: 'field.mobile', phone: 'field.phone', email: 'field.email', wechat: 'field.wechat', birthday: 'field.birthday', province: 'field.province', city: 'field.city',
  addressDetail: 'field.addressDetail', company: 'field.company', industry: 'field.industry', region: 'field.region', source: 'field.source',
  level: 'customers.col.level', notes: 'field.notes', idNumber: 'field.idNumber', bankCard: 'field.bankCard',
};

function shown(t: Translate, customer: CustomerView, field: MergeField): string {
  const value = customer[field as keyof CustomerView];
  if (value === undefined || value === null || value === '') return t('merge.empty');
  return field === 'level' ? t(`level.${customer.level}`) : String(value);
}

/**
 * The merge screen: the two or three records side by side as main masked them for this role,
 * a "keep this record" choice, a value choice for each differing field the role may choose, what
 * moves along, and a confirmation. Below it, recent merges with Undo.
 */
export function MergeCustomers() {
  const t = useT();
  const { screen, preview, loading, error, close } = useMergeStore();
  return (
    <section aria-labelledby="merge-title" data-testid="merge-screen" className="merge-screen">
      <div className="page-head">
        <h2 id="merge-title">{t(screen === 'recent' ? 'merge.recent' : 'merge.title')}</h2>
        <button type="button" className="secondary" onClick={close}>
          {t('merge.back')}
        </button>
      </div>
      {screen === 'compare' && (
        <>
          <p className="hint">{t('merge.intro')}</p>
          {loading && !preview && <p role="status">{t('merge.loading')}</p>}
          {error && (
            <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
              {mergeErrorText(t, error)}
            </p>
          )}
          {preview && <Compare preview={preview} />}
        </>
      )}
      <RecentMerges />
    </section>
  );
}

function Compare({ preview }: { preview: MergePreview }) {
  const t = useT();
  const { survivorId, picks, loading, setSurvivor, pick, merge } = useMergeStore();
  const [confirmDialog, confirm] = useConfirm();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const customers = preview.customers;
  const survivor = customers.find((c) => c.id === survivorId);
  const others = customers.filter((c) => c.id !== survivorId);
  const moving = preview.moves.filter((m) => m.customerId !== survivorId);
  const total = (key: 'interactions' | 'purchases' | 'reminders') => moving.reduce((n, m) => n + m[key], 0);
  const rows = preview.fields.filter((f) => f.differs || customers.some((c) => shown(t, c, f.field) !== t('merge.empty')));
  // Main refuses to move a value this role sees masked; say so before the person confirms.
  const blocked = survivor
    ? preview.fields.filter((f) => f.differs && !f.choosable && others.some((c) => shown(t, c, f.field) !== t('merge.empty') && shown(t, c, f.field) !== shown(t, survivor, f.field)))
    : [];

  const ask = () => {
    if (!survivor) return;
    void confirm({
      title: t('merge.confirmTitle', { count: customers.length, name: survivor.name }),
      message: t('merge.confirmMessage', { others: others.map((c) => `“${c.name}”`).join(t('merge.listSeparator')) }),
      confirmLabel: t('merge.confirm'),
      danger: true,
      // A refusal is explained on the screen, next to the choices that caused it.
      run: async () => (setProblem(await merge()), null),
    });
  };

  return (
    <>
      <div className="table-scroll">
        <table className="grid merge-compare" data-testid="merge-compare">
          <thead>
            <tr>
              <th scope="col">{t('merge.field')}</th>
              {customers.map((c) => (
                <th scope="col" key={c.id}>
                  <label className="checkbox-inline">
                    <input type="radio" name="merge-survivor" checked={survivorId === c.id} onChange={() => (setSurvivor(c.id), setProblem(null))} aria-label={`${t('merge.keep')}: ${c.name}`} />
                    {t('merge.keep')}
                  </label>
                  <div>
                    <strong>{c.name}</strong> <span className="hint">#{c.id}</span>
                    {c.id === preview.suggestedSurvivorId && <span className="hint"> · {t('merge.newest')}</span>}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ field, differs, choosable }) => (
              <tr key={field} data-field={field} className={differs ? 'differs' : undefined}>
                <th scope="row">
                  {t(LABELS[field])}
                  {differs && !choosable && <div className="hint">{t('merge.masked')}</div>}
                </th>
                {customers.map((c) => (
                  <td key={c.id}>
                    {differs && choosable ? (
                      <label className="checkbox-inline">
                        <input type="radio" name={`merge-${field}`} checked={picks[field] === c.id} onChange={() => (pick(field, c.id), setProblem(null))} aria-label={t('merge.pickValue', { field: t(LABELS[field]), name: `${c.name} #${c.id}` })} />
                        {shown(t, c, field)}
                      </label>
                    ) : (
                      shown(t, c, field)
                    )}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">
                {t('field.tags')}
                <div className="hint">{t('merge.tagsKept')}</div>
              </th>
              {customers.map((c) => (
                <td key={c.id}>{c.tags.join(', ') || t('merge.empty')}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('merge.brings')}</th>
              {preview.moves.map((m) => (
                <td key={m.customerId}>{t('merge.counts', { interactions: m.interactions, purchases: m.purchases, reminders: m.reminders })}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="hint">{t('merge.contactsKept')}</p>
      {survivor && (
        <p data-testid="merge-summary">{t('merge.summary', { name: survivor.name, interactions: total('interactions'), purchases: total('purchases'), reminders: total('reminders') })}</p>
      )}
      {blocked.length > 0 && !problem && (
        <p className="notice notice-warning" data-testid="merge-blocked">
          {t('merge.maskedBlocks', { fields: blocked.map((f) => t(LABELS[f.field])).join(t('merge.listSeparator')) })}
        </p>
      )}
      {problem && (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={problem.code}>
          {mergeErrorText(t, problem)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={!survivor || loading} onClick={ask} data-testid="merge-confirm">
          {t('merge.confirm')}
        </button>
      </div>
      {confirmDialog}
    </>
  );
}
