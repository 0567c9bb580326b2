import { useState } from 'react';
import type { MergeField, MergePreview } from '../../../../shared/channels/merge';
import type { CustomerView } from '../../../../shared/customers';
import type { ErrorBody } from '../../../../shared/errors';
import { useConfirm } from '../../components/prompts';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { mergeChoices, useMergeStore } from '../../stores/merge-store';
import { Actions, Button, Notice, Table, type Column } from '../../ui';
import { useLevels } from '../settings/levels';
import { mergeErrorText } from './merge-text';
import styles from './tools.module.css';
import { CUSTOMER_CHANGES } from './record-changes';
import { RecentMerges } from './RecentMerges';

const LABELS: Record<MergeField, MessageKey> = {
  name: 'field.name', mobile: 'field.mobile', phone: 'field.phone', email: 'field.email', wechat: 'field.wechat', birthday: 'field.birthday', province: 'field.province', city: 'field.city',
  addressDetail: 'field.addressDetail', company: 'field.company', industry: 'field.industry', region: 'field.region', source: 'field.source',
  level: 'customers.col.level', notes: 'field.notes', idNumber: 'field.idNumber', bankCard: 'field.bankCard',
};

/** A line of the side-by-side table: a field, then the tags and what each record brings along. */
type CompareRow = { kind: 'field'; field: MergeField; differs: boolean; choosable: boolean } | { kind: 'tags' } | { kind: 'brings' };

function shown(t: Translate, customer: CustomerView, field: MergeField, levelOf: (level: string) => string): string {
  const value = customer[field as keyof CustomerView];
  if (value === undefined || value === null || value === '') return t('merge.empty');
  return field === 'level' ? levelOf(customer.level) : String(value);
}

/**
 * The merge screen: the two or three records side by side as main masked them for this role,
 * a "keep this record" choice, a value choice for each differing field the role may choose, what
 * moves along, and a confirmation. Below it, recent merges with Undo. The preview is a query
 * keyed by the ids (a slow answer for other ids never lands here); the merge is a mutation.
 */
export function MergeCustomers() {
  const t = useT();
  const screen = useMergeStore((state) => state.screen);
  const ids = useMergeStore((state) => state.ids);
  const close = useMergeStore((state) => state.close);
  // Read afresh each time the screen opens: the records may have changed since.
  const query = useChannelQuery('customers.mergePreview', { ids }, { enabled: screen === 'compare' && ids.length > 1, refetchOnMount: 'always' });
  const preview = query.data ?? null;
  const error = errorBody(query.error);
  return (
    <section aria-labelledby="merge-title" data-testid="merge-screen">
      <div className={styles.head}>
        <h2 id="merge-title">{t(screen === 'recent' ? 'merge.recent' : 'merge.title')}</h2>
        <Button variant="secondary" onClick={close}>
          {t('merge.back')}
        </Button>
      </div>
      {screen === 'compare' && (
        <>
          <p className={styles.hint}>{t('merge.intro')}</p>
          {query.isFetching && !preview && <p role="status">{t('merge.loading')}</p>}
          {error && (
            <Notice tone="danger" data-testid="error" data-code={error.code}>
              {mergeErrorText(t, error)}
            </Notice>
          )}
          {preview && <Compare preview={preview} ids={ids} />}
        </>
      )}
      <RecentMerges />
    </section>
  );
}

function Compare({ preview, ids }: { preview: MergePreview; ids: number[] }) {
  const t = useT();
  // Level names as the owner set them in Settings.
  const levelOf = useLevels().name;
  const chosen = useMergeStore((state) => state.survivorId);
  const chosenPicks = useMergeStore((state) => state.picks);
  const { setSurvivor, pick, merged } = useMergeStore.getState();
  const { survivorId, picks } = mergeChoices(preview, chosen, chosenPicks);
  const mutation = useChannelMutation('customers.merge', CUSTOMER_CHANGES);
  const merge = async (): Promise<ErrorBody | null> => {
    try {
      const result = await mutation.mutateAsync({ survivorId, ids, fields: picks });
      merged({ mergeId: result.mergeId, survivorName: result.survivor.name, count: ids.length, undoUntil: result.undoUntil, notes: result.notes });
      return null;
    } catch (caught) {
      return errorBody(caught);
    }
  };
  const [confirmDialog, confirm] = useConfirm();
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const customers = preview.customers;
  const survivor = customers.find((c) => c.id === survivorId);
  const others = customers.filter((c) => c.id !== survivorId);
  const moving = preview.moves.filter((m) => m.customerId !== survivorId);
  const total = (key: 'interactions' | 'purchases' | 'reminders') => moving.reduce((n, m) => n + m[key], 0);
  const rows = preview.fields.filter((f) => f.differs || customers.some((c) => shown(t, c, f.field, levelOf) !== t('merge.empty')));
  // Main refuses to move a value this role sees masked; say so before the person confirms.
  const blocked = survivor
    ? preview.fields.filter((f) => f.differs && !f.choosable && others.some((c) => shown(t, c, f.field, levelOf) !== t('merge.empty') && shown(t, c, f.field, levelOf) !== shown(t, survivor, f.field, levelOf)))
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

  const tableRows: CompareRow[] = [...rows.map((r) => ({ kind: 'field' as const, ...r })), { kind: 'tags' }, { kind: 'brings' }];
  const columns: Column<CompareRow>[] = [
    {
      key: 'field',
      header: t('merge.field'),
      rowHeader: true,
      wrap: true,
      cell: (row) =>
        row.kind === 'field' ? (
          <>
            {t(LABELS[row.field])}
            {row.differs && !row.choosable && <div className={styles.hint}>{t('merge.masked')}</div>}
          </>
        ) : row.kind === 'tags' ? (
          <>
            {t('field.tags')}
            <div className={styles.hint}>{t('merge.tagsKept')}</div>
          </>
        ) : (
          t('merge.brings')
        ),
    },
    ...customers.map(
      (c): Column<CompareRow> => ({
        key: String(c.id),
        wrap: true,
        header: (
          <>
            <label className={styles.choice}>
              <input type="radio" name="merge-survivor" checked={survivorId === c.id} onChange={() => (setSurvivor(c.id), setProblem(null))} aria-label={`${t('merge.keep')}: ${c.name}`} />
              {t('merge.keep')}
            </label>
            <div>
              <strong>{c.name}</strong> <span className={styles.hint}>#{c.id}</span>
              {c.id === preview.suggestedSurvivorId && <span className={styles.hint}> · {t('merge.newest')}</span>}
            </div>
          </>
        ),
        cell: (row) => {
          if (row.kind === 'tags') return c.tags.join(', ') || t('merge.empty');
          if (row.kind === 'brings') {
            const m = preview.moves.find((move) => move.customerId === c.id);
            return m ? t('merge.counts', { interactions: m.interactions, purchases: m.purchases, reminders: m.reminders }) : null;
          }
          const { field } = row;
          return row.differs && row.choosable ? (
            <label className={styles.choice}>
              <input type="radio" name={`merge-${field}`} checked={picks[field] === c.id} onChange={() => (pick(preview, field, c.id), setProblem(null))} aria-label={t('merge.pickValue', { field: t(LABELS[field]), name: `${c.name} #${c.id}` })} />
              {shown(t, c, field, levelOf)}
            </label>
          ) : (
            shown(t, c, field, levelOf)
          );
        },
      }),
    ),
  ];

  return (
    <>
      <Table
        columns={columns}
        rows={tableRows}
        rowKey={(row) => (row.kind === 'field' ? row.field : row.kind)}
        testId="merge-compare"
        label={t('merge.title')}
        rowAttributes={(row) => (row.kind === 'field' ? { 'data-field': row.field, className: row.differs ? styles.differs : undefined } : {})}
      />
      <p className={styles.hint}>{t('merge.contactsKept')}</p>
      {survivor && (
        <p data-testid="merge-summary">{t('merge.summary', { name: survivor.name, interactions: total('interactions'), purchases: total('purchases'), reminders: total('reminders') })}</p>
      )}
      {blocked.length > 0 && !problem && (
        <Notice tone="warning" role="note" data-testid="merge-blocked">
          {t('merge.maskedBlocks', { fields: blocked.map((f) => t(LABELS[f.field])).join(t('merge.listSeparator')) })}
        </Notice>
      )}
      {problem && (
        <Notice tone="danger" data-testid="error" data-code={problem.code}>
          {mergeErrorText(t, problem)}
        </Notice>
      )}
      <Actions>
        <Button variant="danger" disabled={!survivor || mutation.isPending} onClick={ask} data-testid="merge-confirm">
          {t('merge.confirm')}
        </Button>
      </Actions>
      {confirmDialog}
    </>
  );
}
