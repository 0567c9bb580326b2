import { useState } from 'react';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerView, type SensitiveCustomerField } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { can } from '../../../../shared/permissions';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useFormat } from '../../i18n/format';
import { Button, Dialog } from '../../ui';
import styles from './activity.module.css';
import { AssignOwner } from './AssignOwner';

const PLAIN = ['company', 'industry', 'province', 'city', 'region', 'source', 'notes'] as const;

/**
 * The record's overview tab: fields as main sent them (masked per role), Show where allowed. A
 * shown value comes from the detail store (this page only), never from the query cache.
 */
export function CustomerOverview({ customer }: { customer: CustomerView }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const fmt = useFormat();
  const revealed = useCustomerDetailStore((state) => state.revealed);
  const [asking, setAsking] = useState<SensitiveCustomerField | null>(null);

  return (
    <div data-testid="record-overview">
      <dl className={styles.fields}>
        {SENSITIVE_CUSTOMER_FIELDS.filter((field) => customer[field] !== undefined).map((field) => (
          <div key={field} className={styles.fieldRow} data-testid={`field-${field}`}>
            <dt>{t(`field.${field}`)}</dt>
            <dd>
              <span>{revealed[field] ?? customer[field]}</span>
              {revealed[field] === undefined && customer.revealable.includes(field) && (
                <Button variant="ghost" size="sm" onClick={() => setAsking(field)}>
                  {t('reveal.button')}
                </Button>
              )}
            </dd>
          </div>
        ))}
        {customer.birthday !== undefined && (
          <div className={styles.fieldRow} data-testid="field-birthday">
            <dt>{t('field.birthday')}</dt>
            <dd>{fmt.date(customer.birthday)}</dd>
          </div>
        )}
        {PLAIN.filter((field) => customer[field] !== undefined).map((field) => (
          <div key={field} className={styles.fieldRow}>
            <dt>{t(`field.${field}`)}</dt>
            <dd>{customer[field]}</dd>
          </div>
        ))}
      </dl>
      {can(role, 'customers.assign') && <AssignOwner key={customer.id} selection={{ ids: [customer.id] }} count={1} />}
      {asking && <RevealDialog field={asking} onDone={() => setAsking(null)} />}
    </div>
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
