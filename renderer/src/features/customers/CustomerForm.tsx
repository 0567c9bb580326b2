import { useState, type FormEvent } from 'react';
import { SENSITIVE_CUSTOMER_FIELDS, type CustomerInput, type CustomerLevel, type CustomerView } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { fieldVisibility } from '../../../../shared/field-policy';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { NewConsent } from '../../../../shared/ledger';
import { NewConsentPanel } from '../privacy/NewConsentPanel';
import { Field } from '../../components/Field';
import { fieldText, useT, type MessageKey } from '../../i18n';
import { errorBody, invalidate, useChannelMutation, useChannelQuery } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useLevels } from '../settings/levels';
import { Actions, Button, Select, TextArea } from '../../ui';
import styles from './customer-form.module.css';
import { DuplicateHint } from './DuplicateHint';
import { CUSTOMER_CHANGES } from './record-changes';
import { useFieldOn } from '../privacy/use-field-on';
import { CorrectionNotice, correctionFor } from '../privacy/requests/CorrectionNotice';

type TextField = Exclude<keyof CustomerInput, 'level' | 'tags'>;
type Changes = { [K in keyof CustomerInput]?: CustomerInput[K] | undefined };
const BASIC: TextField[] = ['name', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'company', 'industry', 'province', 'city', 'addressDetail', 'region', 'source'];
const OPTIONAL: TextField[] = ['idNumber', 'bankCard'];
const MAX: Record<TextField, number> = { name: 100, mobile: 32, phone: 32, email: 254, wechat: 40, birthday: 10, province: 50, city: 50, addressDetail: 200, company: 200, industry: 100, region: 100, source: 100, notes: 5000, idNumber: 18, bankCard: 32 };
const isSensitive = (field: string) => (SENSITIVE_CUSTOMER_FIELDS as readonly string[]).includes(field);

/** Only the fields that differ from the record; masked values are never sent back as "changes". */
function changesFrom(before: CustomerView, input: CustomerInput): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(input) as [keyof CustomerInput, CustomerInput[keyof CustomerInput]][]) {
    const old = before[key as keyof CustomerView];
    if (JSON.stringify(old ?? '') !== JSON.stringify(value ?? '')) (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}

/**
 * New customer, or edit the open one. When editing, a field this role sees masked is write-only:
 * it shows "••• (hidden) — replace", and only a newly typed value is sent (main never sends the
 * old one, and refuses clearing it). A field hidden from the role is read-only. Problems come back
 * per field from the router and are shown under each field. `customer` is the record being
 * edited (from the record page's query); without it the form makes a new customer.
 */
export function CustomerForm({ customer }: { customer?: CustomerView }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const { stopEditing, saved, open } = useCustomerDetailStore.getState();
  const before = customer ?? null;
  // Which fields this vault keeps (the owner's setting): a switched-off field is not offered.
  const fieldOn = useFieldOn();
  const create = useChannelMutation('customers.create', CUSTOMER_CHANGES);
  const update = useChannelMutation('customers.update', CUSTOMER_CHANGES);
  const [values, setValues] = useState<Partial<Record<TextField, string>>>(() => {
    const start: Partial<Record<TextField, string>> = {};
    if (before) for (const field of [...BASIC, ...OPTIONAL, 'notes' as const]) if (!isSensitive(field) || fieldVisibility(role, field) === 'full') start[field] = before[field] ?? '';
    return start;
  });
  // The owner's levels, names and order (Settings); a new customer starts where main would put it.
  const { levels, defaultLevel } = useLevels();
  const [chosenLevel, setLevel] = useState<CustomerLevel | null>(before?.level ?? null);
  const level = chosenLevel ?? defaultLevel;
  const [tags, setTags] = useState((before?.tags ?? []).join(', '));
  // The owner's lists (Settings): level names and order, regions to pick from, common tags to add.
  const lists = useChannelQuery('settings.lists', {}).data;
  const typedTags = tags.split(/[,，]/).map((x) => x.trim()).filter(Boolean);
  const offeredTags = (lists?.tags ?? []).filter((tag) => !typedTags.includes(tag)).slice(0, 12);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [replacing, setReplacing] = useState<ReadonlySet<TextField>>(new Set());

  const visibility = (field: TextField) => (isSensitive(field) ? fieldVisibility(role, field) : 'full');
  /** Masked for this role and already holding a value: shown as hidden until the person chooses to replace it. */
  const writeOnly = (field: TextField) => !!before && visibility(field) === 'masked' && before[field] !== undefined;
  const editable = (field: TextField) => !before || visibility(field) === 'full' || (visibility(field) === 'masked' && (!writeOnly(field) || replacing.has(field)));
  const replace = (field: TextField, on: boolean) => {
    const next = new Set(replacing);
    if (on) next.add(field);
    else next.delete(field);
    setReplacing(next);
    setValues({ ...values, [field]: '' });
  };
  const fields = [...BASIC, ...OPTIONAL].filter(fieldOn);
  const notesOn = fieldOn('notes');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  /** consent: the owner's new consent for a person erased at their request (PERSON_ERASED). */
  const save = async (consent?: NewConsent) => {
    setBusy(true);
    const input: CustomerInput = { name: (values.name ?? '').trim(), level, tags: [...new Set(tags.split(/[,，]/).map((x) => x.trim()).filter(Boolean))] };
    for (const field of [...fields, ...(notesOn ? ['notes' as const] : [])]) {
      if (field === 'name' || !editable(field)) continue;
      const value = (values[field] ?? '').trim();
      // A masked field sends only a new value, never an empty one (that would clear what the person cannot see).
      if (before && visibility(field) === 'masked' && !value) continue;
      if (value || before) (input as Record<string, unknown>)[field] = value;
    }
    try {
      if (before) {
        await update.mutateAsync({ id: before.id, changes: changesFrom(before, input), ...correctionFor(before.id) });
        // A correction's history changed too (issue 16).
        if ('requestId' in correctionFor(before.id)) void invalidate(['privacyRequests.']);
        saved();
      } else {
        const made = await create.mutateAsync(consent ? { ...input, newConsent: consent } : input);
        await open(made.id);
      }
      setError(null);
    } catch (caught) {
      setError(errorBody(caught));
    } finally {
      setBusy(false);
    }
  };
  const hintFor = (field: TextField): string | undefined => {
    if (!editable(field)) return t('form.cannotEdit');
    if (replacing.has(field)) return t('form.replaceHint');
    if (before && visibility(field) === 'masked') return t('form.addHidden');
    return field === 'birthday' ? t('form.birthdayHint') : undefined;
  };
  const problemFor = (field: string) => {
    const reason = error?.fields?.[field] ?? error?.fields?.[`changes.${field}`];
    return reason ? fieldText(t, reason) : undefined;
  };

  return (
    <form className={styles.form} data-testid="customer-form" aria-labelledby="customer-form-title" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && stopEditing()}>
      <h3 id="customer-form-title" className={styles.title}>{before ? t('form.editTitle', { name: before.name }) : t('form.newTitle')}</h3>
      {before && <CorrectionNotice customerId={before.id} />}
      <div className={styles.grid}>
        {fields.map((field) =>
          writeOnly(field) && !replacing.has(field) ? (
            <div key={field} className={styles.field} data-testid={`hidden-${field}`}>
              <span className={styles.label}>{t(`field.${field}` as MessageKey)}</span>
              <Button variant="secondary" onClick={() => replace(field, true)}>
                {t('form.hiddenValue')}
              </Button>
            </div>
          ) : (
            <div key={field}>
              <Field
                label={t(`field.${field}` as MessageKey)}
                type={field === 'birthday' ? 'date' : 'text'}
                list={field === 'region' && lists?.regions.length ? 'customer-region-values' : undefined}
                value={editable(field) ? (values[field] ?? '') : (before?.[field] ?? '')}
                disabled={!editable(field)}
                hint={hintFor(field)}
                maxLength={MAX[field]}
                required={field === 'name'}
                autoFocus={field === 'name' || replacing.has(field)}
                problem={problemFor(field)}
                onChange={(e) => setValues({ ...values, [field]: e.target.value })}
              />
              {replacing.has(field) && (
                <Button variant="ghost" size="sm" onClick={() => replace(field, false)}>
                  {t('form.keepHidden')}
                </Button>
              )}
            </div>
          ),
        )}
        <div className={styles.field}>
          <label htmlFor="customer-level" className={styles.label}>{t('customers.col.level')}</label>
          <Select id="customer-level" value={level} aria-invalid={problemFor('level') ? true : undefined} onChange={(e) => setLevel(e.target.value)}>
            {levels.map((l) => (
              <option key={l.value} value={l.value}>
                {l.shown}
              </option>
            ))}
          </Select>
          {problemFor('level') && <p className={styles.problem}>{problemFor('level')}</p>}
        </div>
        <div>
          <Field label={t('field.tags')} hint={t('form.tagsHint')} value={tags} maxLength={600} problem={problemFor('tags')} onChange={(e) => setTags(e.target.value)} />
          {offeredTags.length > 0 && (
            <Actions flush role="group" aria-label={t('form.commonTags')} data-testid="offered-tags">
              {offeredTags.map((tag) => (
                <Button key={tag} variant="ghost" size="sm" onClick={() => setTags([...typedTags, tag].join(', '))}>
                  + {tag}
                </Button>
              ))}
            </Actions>
          )}
        </div>
        <datalist id="customer-region-values">
          {(lists?.regions ?? []).map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
      </div>
      {notesOn && (<div className={styles.field}>
        <label htmlFor="customer-notes" className={styles.label}>{t('field.notes')}</label>
        <TextArea id="customer-notes" rows={3} maxLength={MAX.notes} value={values.notes ?? ''} onChange={(e) => setValues({ ...values, notes: e.target.value })} />
      </div>)}
      <DuplicateHint input={duplicateInput(values, before?.id)} />
      <ErrorNotice error={error} />
      {error?.code === 'PERSON_ERASED' && !before && role === 'owner' && <NewConsentPanel busy={busy} onConfirm={(consent) => void save(consent)} />}
      <Actions>
        <Button type="submit" disabled={busy || !(values.name ?? '').trim()}>
          {busy ? t('common.working') : t('form.save')}
        </Button>
        <Button variant="secondary" onClick={stopEditing}>
          {t('reveal.cancel')}
        </Button>
      </Actions>
    </form>
  );
}

/** What the live duplicate check gets: only fields typed in this form (a masked value is never sent back). */
function duplicateInput(values: Partial<Record<TextField, string>>, excludeId: number | undefined) {
  const input: Record<string, string | number> = {};
  for (const field of ['mobile', 'phone', 'email', 'name', 'company', 'city'] as const) {
    const value = values[field]?.trim();
    if (value) input[field] = value;
  }
  if (excludeId !== undefined) input.excludeId = excludeId;
  return input;
}
