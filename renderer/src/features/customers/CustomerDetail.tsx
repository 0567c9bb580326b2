import { useState } from 'react';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerView, type SensitiveCustomerField } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { AssignOwner } from './AssignOwner';
import { CustomerActivity } from './CustomerActivity';

const PLAIN = ['company', 'industry', 'province', 'city', 'region', 'source', 'notes'] as const;

/** One customer: fields as main sent them (masked per role), Show where allowed, and the activity. */
export function CustomerDetail({ customer }: { customer: CustomerView }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { revealed, close, startEdit, remove } = useCustomerDetailStore();
  const [asking, setAsking] = useState<SensitiveCustomerField | null>(null);
  const [confirmDialog, confirm] = useConfirm();

  return (
    <aside className="card detail" data-testid="customer-detail" aria-labelledby="customer-name" onKeyDown={(e) => e.key === 'Escape' && !asking && close()}>
      <div className="page-head">
        <h3 id="customer-name">{customer.name}</h3>
        <span className="badge">{t(`level.${customer.level}`)}</span>
      </div>
      <dl>
        {SENSITIVE_CUSTOMER_FIELDS.filter((field) => customer[field] !== undefined).map((field) => (
          <div key={field} className="detail-row" data-testid={`field-${field}`}>
            <dt>{t(`field.${field}`)}</dt>
            <dd>
              <span className="value">{revealed[field] ?? customer[field]}</span>
              {revealed[field] === undefined && customer.revealable.includes(field) && (
                <button type="button" className="link" onClick={() => setAsking(field)}>
                  {t('reveal.button')}
                </button>
              )}
            </dd>
          </div>
        ))}
        {PLAIN.filter((field) => customer[field] !== undefined).map((field) => (
          <div key={field} className="detail-row">
            <dt>{t(`field.${field}`)}</dt>
            <dd>{customer[field]}</dd>
          </div>
        ))}
        <div className="detail-row">
          <dt>{t('field.tags')}</dt>
          <dd data-testid="customer-tags">{customer.tags.length > 0 ? customer.tags.map((tag) => <span key={tag} className="tag">{tag}</span>) : <span className="hint">{t('detail.noTags')}</span>}</dd>
        </div>
        <div className="detail-row">
          <dt>{t('customers.col.owner')}</dt>
          <dd data-testid="customer-owner">{customer.ownerUsername}</dd>
        </div>
      </dl>
      {can(role, 'customers.assign') && <AssignOwner key={customer.id} selection={{ ids: [customer.id] }} count={1} />}
      {asking && <RevealDialog field={asking} onDone={() => setAsking(null)} />}
      <div className="actions">
        {can(role, 'customers.write') && (
          <button type="button" className="secondary" onClick={() => void startEdit()}>
            {t('detail.edit')}
          </button>
        )}
        {can(role, 'customers.delete') && (
          <button
            type="button"
            className="secondary"
            onClick={() => void confirm({ title: t('detail.deleteConfirm'), message: customer.name, confirmLabel: t('detail.deleteYes'), danger: true, run: remove })}
          >
            {t('detail.delete')}
          </button>
        )}
        <button type="button" className="secondary" onClick={close}>
          {t('customers.close')}
        </button>
      </div>
      {confirmDialog}
      <CustomerActivity customer={customer} />
    </aside>
  );
}

function RevealDialog({ field, onDone }: { field: SensitiveCustomerField; onDone: () => void }) {
  const t = useT();
  const reveal = useCustomerDetailStore((state) => state.reveal);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    setBusy(true);
    const problem = await reveal(field, reason.trim());
    setBusy(false);
    if (problem) setError(problem);
    else onDone();
  };
  return (
    <Dialog
      title={t('reveal.title', { field: t(`field.${field}`) })}
      confirmLabel={t('reveal.submit')}
      confirmDisabled={reason.trim().length < 3}
      busy={busy}
      error={error}
      onConfirm={() => void submit()}
      onCancel={onDone}
      testId="reveal-dialog"
    >
      <Field label={t('reveal.why')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} minLength={3} />
    </Dialog>
  );
}
