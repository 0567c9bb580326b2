import { useState } from 'react';
import { EXPORT_COLUMNS, type ExportColumn } from '../../../../shared/channels/export';
import type { CustomerFilters } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { errorTextIn, useT, type MessageKey } from '../../i18n';
import { errorBody } from '../../query';
import { useExportCustomers } from '../../stores/export-store';
import { Button, Dialog, Notice } from '../../ui';
import { useApprovalGate } from '../approvals/use-approval-gate';
import styles from './tools.module.css';
import { DisclosureFields, disclosureOf, disclosureReady, type DisclosureDraft } from '../privacy/DisclosureFields';
import { useFieldOn } from '../privacy/use-field-on';
import type { MarketingPurpose } from '../../../../shared/consent';
import { MarketingPurposeField, consentLeftOutText } from '../privacy/MarketingPurpose';

/** The table's columns (CustomersTable ids); hidden ones are saved there as `false`. */
const TABLE_COLUMNS: ExportColumn[] = ['name', 'mobile', 'email', 'company', 'city', 'region', 'level', 'tags', 'ownerUsername', 'lastInteractionAt', 'createdAt'];

function visibleColumns(): ExportColumn[] {
  try {
    // The table's display preference; it holds column ids only, never customer data.
    const hidden = JSON.parse(localStorage.getItem('coffer.customerColumns') ?? '{}') as Record<string, boolean>;
    return TABLE_COLUMNS.filter((c) => hidden[c] !== false);
  } catch {
    return TABLE_COLUMNS;
  }
}

/**
 * "Export…" for the list as filtered now. The person picks format, encoding and columns (the
 * visible ones by default); main shows the save dialog, masks as the screen does and answers
 * with the row count and any columns this role may not take out.
 */
export function ExportCustomers({ filters }: { filters: CustomerFilters }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [encoding, setEncoding] = useState<'utf8' | 'gbk'>('utf8');
  const [columns, setColumns] = useState<ExportColumn[]>(visibleColumns);
  const [purpose, setPurpose] = useState<MarketingPurpose | null>(null);
  const exporting = useExportCustomers();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Every customer, a large export or a manager's: a second person approves first (issue 15).
  const [approvalDialog, gate] = useApprovalGate();
  // Issue 16: marked as a disclosure to a third party (null: not marked).
  const [disclosure, setDisclosure] = useState<DisclosureDraft | null>(null);
  // Switched-off fields are not offered (main leaves them out anyway).
  const fieldOn = useFieldOn();

  const col = (c: ExportColumn) => t(`export.col.${c}` as MessageKey);
  const toggle = (c: ExportColumn, on: boolean) => setColumns((now) => EXPORT_COLUMNS.filter((x) => (x === c ? on : now.includes(x))));
  const run = async () => {
    let outcome;
    try {
      outcome = await gate({ format, ...(format === 'csv' ? { encoding } : {}), filters, columns: columns.filter(fieldOn), ...disclosureOf(disclosure), ...(purpose ? { purpose } : {}) }, (input) => exporting.mutateAsync(input));
    } catch (problem) {
      return setError(errorBody(problem));
    }
    setOpen(false);
    setError(null);
    // Sent to the inbox or waiting out a cooling-off: the approval dialog said so; nothing ran yet.
    if (outcome.status !== 'done') return;
    const result = outcome.value;
    if (result.status === 'cancelled') return setDone(t('export.cancelled'));
    const parts = [t('export.done', { count: result.rows })];
    if (result.omitted.length > 0) parts.push(t('export.omitted', { columns: result.omitted.map(col).join(', ') }));
    if (result.masked.length > 0) parts.push(t('export.masked', { columns: result.masked.map(col).join(', ') }));
    if (result.unencodable > 0) parts.push(t('export.unencodable', { count: result.unencodable }));
    if (disclosure) parts.push(t('disclosure.done'));
    if (result.consentLeftOut) parts.push(consentLeftOutText(t, result.consentLeftOut));
    setDone(parts.join(' '));
  };

  return (
    <>
      <Button variant="secondary" data-testid="export-open" onClick={() => (setOpen(true), setDone(null), setError(null))}>
        {t('export.button')}
      </Button>
      {done && (
        <Notice tone="success" data-testid="export-result">
          {done}
        </Notice>
      )}
      {open && (
        <Dialog
          title={t('export.title')}
          message={t('export.intro')}
          confirmLabel={t('export.confirm')}
          busy={exporting.isPending}
          confirmDisabled={columns.filter(fieldOn).length === 0 || !disclosureReady(disclosure)}
          onConfirm={() => void run()}
          onCancel={() => setOpen(false)}
          testId="export-dialog"
        >
          {error && (
            <Notice tone="danger" data-testid="error" data-code={error.code}>
              {errorTextIn(t, 'export', error.code)}
            </Notice>
          )}
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('export.format')}</legend>
            {(['xlsx', 'csv'] as const).map((f) => (
              <label key={f} className={styles.choice}>
                <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                {t(`export.format.${f}`)}
              </label>
            ))}
          </fieldset>
          {format === 'csv' && (
            <fieldset className={styles.fieldset}>
              <legend className={styles.legend}>{t('export.encoding')}</legend>
              {(['utf8', 'gbk'] as const).map((e) => (
                <label key={e} className={styles.choice}>
                  <input type="radio" name="export-encoding" value={e} checked={encoding === e} onChange={() => setEncoding(e)} />
                  {t(`export.encoding.${e}`)}
                </label>
              ))}
            </fieldset>
          )}
          <MarketingPurposeField label="export.purpose" hint={t('export.purposeHint')} value={purpose} onChange={setPurpose} testId="export-purpose" />
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('export.columns')}</legend>
            <div className={styles.columns}>
              {EXPORT_COLUMNS.filter(fieldOn).map((c) => (
                <label key={c} className={styles.choice}>
                  <input type="checkbox" checked={columns.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
                  {col(c)}
                </label>
              ))}
            </div>
          </fieldset>
          <DisclosureFields value={disclosure} onChange={setDisclosure} />
        </Dialog>
      )}
      {approvalDialog}
    </>
  );
}
