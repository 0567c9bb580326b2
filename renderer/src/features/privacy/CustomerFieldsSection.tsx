import { useState } from 'react';
import type { CustomerFieldState, SwitchableField } from '../../../../shared/customer-fields';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Badge, Card, Notice, Table, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from '../settings/settings.module.css';
import { FieldOffDialog } from './FieldOffDialog';
import { FIELD_CHANGES, fieldLabelKey } from './field-words';

/**
 * Settings > Customer fields (issue 16 minimisation): each field with its class; every field but
 * name and level can be switched off. Switching off opens a dialog that offers to erase the
 * stored values (typed count to confirm); main refuses, hides and audits.
 */
export function CustomerFieldsSection() {
  const t = useT();
  const states = useChannelQuery('settings.fields', {});
  const setField = useChannelMutation('settings.setField', FIELD_CHANGES);
  const setNotes = useChannelMutation('settings.setNotesForSupport', FIELD_CHANGES);
  const [closing, setClosing] = useState<SwitchableField | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const label = (field: string) => t(fieldLabelKey(field));
  const switchOn = (field: SwitchableField) => {
    setDone(null);
    setField.mutate({ field, enabled: true }, { onSuccess: () => setDone(t('fields.switchedOn', { field: label(field) })) });
  };
  const columns: Column<CustomerFieldState>[] = [
    { key: 'field', header: t('fields.col.field'), rowHeader: true, cell: (f) => label(f.field) },
    { key: 'class', header: t('fields.col.class'), cell: (f) => <Badge tone={f.class === 'other' ? 'neutral' : 'accent'}>{t(`fields.class.${f.class}`)}</Badge> },
    {
      key: 'kept',
      header: t('fields.col.kept'),
      cell: (f) =>
        f.required ? (
          t('fields.required')
        ) : (
          <label className={layout.checkbox}>
            <input
              type="checkbox"
              checked={f.enabled}
              disabled={setField.isPending}
              aria-label={t('fields.keep', { field: label(f.field) })}
              data-testid={`field-switch-${f.field}`}
              onChange={(e) => (e.target.checked ? switchOn(f.field as SwitchableField) : (setDone(null), setClosing(f.field as SwitchableField)))}
            />
            <span>{f.enabled ? t('fields.col.kept') : ''}</span>
          </label>
        ),
    },
  ];

  return (
    <Card title={t('fields.title')} level={3} className={styles.section} data-testid="customer-fields-settings">
      <p className={layout.hint}>{t('fields.intro')}</p>
      <ErrorNotice error={errorBody(states.error) ?? errorBody(setField.error) ?? errorBody(setNotes.error)} />
      {done && (
        <Notice tone="success" data-testid="fields-done">
          {done}
        </Notice>
      )}
      <Table columns={columns} rows={states.data?.fields ?? []} rowKey={(f) => f.field} label={t('fields.title')} testId="customer-fields-table" rowAttributes={(f) => ({ 'data-field': f.field, 'data-enabled': f.enabled })} />
      <label className={layout.checkbox}>
        <input type="checkbox" checked={states.data?.notesForSupport ?? false} disabled={!states.data || setNotes.isPending} onChange={(e) => setNotes.mutate({ allowed: e.target.checked })} data-testid="notes-for-support" />
        <span>{t('fields.notesSupport')}</span>
      </label>
      <p className={layout.hint}>{t('fields.notesSupportHint')}</p>
      {closing && (
        <FieldOffDialog
          field={closing}
          label={label(closing)}
          onCancel={() => setClosing(null)}
          onDone={(erased) => {
            setDone(erased === 'asked' ? t('fields.eraseAsked') : erased > 0 ? t('fields.erased', { field: label(closing), count: erased }) : t('fields.switchedOff', { field: label(closing) }));
            setClosing(null);
          }}
        />
      )}
    </Card>
  );
}
