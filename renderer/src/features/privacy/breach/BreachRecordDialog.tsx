import { useState } from 'react';
import { BREACH_CATEGORIES, BREACH_SOURCES, type BreachCategory, type BreachSource } from '../../../../../shared/breach';
import type { BreachDetail } from '../../../../../shared/channels/breach';
import type { ErrorBody } from '../../../../../shared/errors';
import { fieldText, useT } from '../../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../../query';
import { Dialog, Field, Input, Select, TextArea } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import type { BreachDraft } from './breach-draft-store';
import { fromLocalInput, localInput } from './breach-words';
import styles from './breach.module.css';

/** Records a breach (or edits one): the facts, the account involved, the kinds of data. Closes with the id (null: cancelled). */
export function BreachRecordDialog({ existing, draft, onClose }: { existing?: BreachDetail | undefined; draft?: BreachDraft | null | undefined; onClose(made: number | null): void }) {
  const t = useT();
  const [summary, setSummary] = useState(existing?.summary ?? draft?.summary ?? '');
  const [discoveredAt, setDiscoveredAt] = useState(() => localInput(existing?.discoveredAt ?? new Date().toISOString()));
  const [occurredAt, setOccurredAt] = useState(localInput(existing?.occurredAt ?? draft?.occurredAt ?? null));
  const [source, setSource] = useState<BreachSource>(existing?.source ?? draft?.source ?? 'leaked-account');
  const [categories, setCategories] = useState<BreachCategory[]>(existing?.categories ?? []);
  const [username, setUsername] = useState(existing?.username ?? draft?.username ?? '');
  const [firstReport, setFirstReport] = useState(existing?.firstReport ?? false);
  const [actionsTaken, setActionsTaken] = useState(existing?.actionsTaken ?? '');
  // Only the owner keeps the register, and only the owner may list the users: the select is theirs.
  const users = useChannelQuery('users.list', {}).data ?? [];
  const create = useChannelMutation('breach.create', ['breach.']);
  const update = useChannelMutation('breach.update', ['breach.']);
  const busy = create.isPending || update.isPending;
  const error: ErrorBody | null = errorBody(create.error ?? update.error);
  const problem = (field: string) => (error?.fields?.[field] ? fieldText(t, error.fields[field]) : undefined);

  const submit = () => {
    const fields = { summary, discoveredAt: fromLocalInput(discoveredAt) ?? '', occurredAt: fromLocalInput(occurredAt), source, categories, username: username || null, firstReport, actionsTaken };
    if (existing) update.mutate({ id: existing.id, ...fields }, { onSuccess: (d) => onClose(d.id) });
    else create.mutate(fields, { onSuccess: (d) => onClose(d.id) });
  };
  const toggle = (c: BreachCategory) => setCategories(categories.includes(c) ? categories.filter((x) => x !== c) : [...categories, c]);

  return (
    <Dialog title={existing ? t('breach.edit') : t('breach.new')} confirmLabel={t('breach.save')} busy={busy} error={error?.fields ? null : error} onConfirm={submit} onCancel={() => onClose(null)} testId="breach-dialog">
      <Field label={t('breach.field.summary')} error={problem('summary')}>
        {(control) => <TextArea {...control} rows={3} maxLength={2000} required value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="breach-summary" />}
      </Field>
      <div className={styles.grid}>
        <Field label={t('breach.field.discoveredAt')} error={problem('discoveredAt')}>
          {(control) => <Input {...control} type="datetime-local" required value={discoveredAt} onChange={(e) => setDiscoveredAt(e.target.value)} data-testid="breach-discovered" />}
        </Field>
        <Field label={t('breach.field.occurredAt')} error={problem('occurredAt')}>
          {(control) => <Input {...control} type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} data-testid="breach-occurred" />}
        </Field>
        <Field label={t('breach.field.source')} error={problem('source')}>
          {(control) => (
            <Select {...control} value={source} onChange={(e) => setSource(e.target.value as BreachSource)} data-testid="breach-source">
              {BREACH_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`breach.source.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('breach.field.username')} error={problem('username')}>
          {(control) => (
            <Select {...control} value={username} onChange={(e) => setUsername(e.target.value)} data-testid="breach-username">
              <option value="">{t('breach.field.noUser')}</option>
              {users.map((u) => (
                <option key={u.username} value={u.username}>
                  {u.displayName} ({u.username})
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <fieldset className={styles.row}>
        <legend>{t('breach.field.categories')}</legend>
        {BREACH_CATEGORIES.map((c) => (
          <label key={c} className={layout.checkbox}>
            <input type="checkbox" checked={categories.includes(c)} onChange={() => toggle(c)} data-testid={`breach-category-${c}`} />
            {t(`breach.category.${c}`)}
          </label>
        ))}
      </fieldset>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={firstReport} onChange={(e) => setFirstReport(e.target.checked)} data-testid="breach-first-report" />
        {t('breach.field.firstReport')}
      </label>
      <Field label={t('breach.field.actionsTaken')} error={problem('actionsTaken')}>
        {(control) => <TextArea {...control} rows={2} maxLength={2000} value={actionsTaken} onChange={(e) => setActionsTaken(e.target.value)} data-testid="breach-actions" />}
      </Field>
    </Dialog>
  );
}
