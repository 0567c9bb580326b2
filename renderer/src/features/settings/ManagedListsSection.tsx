import { useState, type FormEvent } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { LIST_VALUE_MAX, MANAGED_LISTS, type ManagedList, type ManagedLists } from '../../../../shared/shop';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type Translate } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Button, Card, Dialog, Field, Input, Notice } from '../../ui';
import layout from '../../ui/layout.module.css';
import { levelName } from './levels';
import { RetireLevelDialog } from './RetireLevelDialog';
import styles from './settings.module.css';

// Where the customer screens have always looked for it.
export { levelName } from './levels';

type Edit = ChannelInput<'settings.editList'>;
interface Entry {
  /** What customers store (a tag, a region, a level key). */
  value: string;
  /** What the owner reads. */
  shown: string;
}

function entriesOf(t: Translate, lists: ManagedLists, list: ManagedList): Entry[] {
  if (list === 'level') return lists.levels.map((l) => ({ value: l.value, shown: levelName(t, lists, l.value) }));
  return (list === 'tag' ? lists.tags : lists.regions).map((value) => ({ value, shown: value }));
}

/** Tags, levels and regions: what the customer form and the list filters offer. */
export function ManagedListsSection() {
  const t = useT();
  const lists = useChannelQuery('settings.lists', {});
  // A rename rewrites customers: every cached customer answer is stale with it.
  const edit = useChannelMutation('settings.editList', ['settings.lists', 'customers.', 'dashboard.']);
  return (
    <Card title={t('lists.title')} level={3} className={styles.section} data-testid="managed-lists">
      <p className={layout.hint}>{t('lists.intro')}</p>
      <ErrorNotice error={errorBody(lists.error)} />
      {lists.data && (
        <div className={styles.lists}>
          {MANAGED_LISTS.map((list) => (
            <ListEditor key={list} list={list} entries={entriesOf(t, lists.data, list)} edit={edit} />
          ))}
        </div>
      )}
    </Card>
  );
}

type EditMutation = ReturnType<typeof useChannelMutation<'settings.editList'>>;

function ListEditor({ list, entries, edit }: { list: ManagedList; entries: Entry[]; edit: EditMutation }) {
  const t = useT();
  const [adding, setAdding] = useState('');
  const [renaming, setRenaming] = useState<Entry | null>(null);
  const [removing, setRemoving] = useState<Entry | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isLevel = list === 'level';

  const run = (input: Edit, after?: (customersChanged: number) => void) => {
    setError(null);
    setDone(null);
    edit.mutate(input, { onSuccess: (result) => after?.(result.customersChanged), onError: setError });
  };
  const move = (index: number, by: -1 | 1) => {
    const values = entries.map((e) => e.value);
    const [moved] = values.splice(index, 1);
    values.splice(index + by, 0, moved!);
    run({ list, op: 'order', values });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = adding.trim();
    if (value) run({ list, op: 'add', value }, () => setAdding(''));
  };

  return (
    <div data-testid={`list-${list}`} aria-labelledby={`list-${list}-title`} role="group">
      <h4 id={`list-${list}-title`}>{t(`lists.${list}`)}</h4>
      <p className={layout.hint}>{isLevel ? t('lists.levelHint') : t('lists.removeHint')}</p>
      {entries.length === 0 ? (
        <p className={layout.hint}>{t('lists.empty')}</p>
      ) : (
        <ul className={styles.list}>
          {entries.map((entry, index) => (
            <li key={entry.value} className={styles.item} data-testid="list-value" data-value={entry.value}>
              <span className={styles.value}>{entry.shown}</span>
              <Button variant="ghost" size="sm" aria-label={`${t('lists.up')}: ${entry.shown}`} disabled={index === 0 || edit.isPending} onClick={() => move(index, -1)}>
                ↑
              </Button>
              <Button variant="ghost" size="sm" aria-label={`${t('lists.down')}: ${entry.shown}`} disabled={index === entries.length - 1 || edit.isPending} onClick={() => move(index, 1)}>
                ↓
              </Button>
              <Button variant="secondary" size="sm" aria-label={`${t('lists.rename')}: ${entry.shown}`} onClick={() => (setError(null), setRenaming(entry))}>
                {t('lists.rename')}
              </Button>
              {/* Every customer needs a level: the last one stays. */}
              {!(isLevel && entries.length === 1) && (
                <Button variant="secondary" size="sm" aria-label={`${t('lists.remove')}: ${entry.shown}`} onClick={() => (setError(null), setRemoving(entry))}>
                  {t('lists.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className={styles.add} onSubmit={add}>
        <Input aria-label={`${t('lists.newValue')} (${t(`lists.${list}`)})`} placeholder={t('lists.newValue')} value={adding} maxLength={LIST_VALUE_MAX[list]} onChange={(e) => setAdding(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={adding.trim() === '' || edit.isPending}>
          {t('lists.add')}
        </Button>
      </form>
      {done && (
        <Notice tone="success" data-testid="list-done">
          {done}
        </Notice>
      )}
      {!renaming && !removing && <ErrorNotice error={errorBody(error)} />}
      {renaming && <RenameDialog list={list} entry={renaming} busy={edit.isPending} error={errorBody(error)} onCancel={() => setRenaming(null)} onRename={(to) => run({ list, op: 'rename', from: renaming.value, to }, (n) => (setRenaming(null), setDone(n > 0 ? t('lists.renamed', { n }) : null)))} />}
      {removing && isLevel && (
        <RetireLevelDialog
          level={removing}
          others={entries.filter((e) => e.value !== removing.value)}
          busy={edit.isPending}
          error={errorBody(error)}
          onCancel={() => setRemoving(null)}
          onRetire={(moveTo) => run({ list, op: 'remove', value: removing.value, moveTo }, (n) => (setRemoving(null), setDone(n > 0 ? t('lists.levelMoved', { n }) : null)))}
        />
      )}
      {removing && !isLevel && (
        <Dialog title={t('lists.removeTitle', { value: removing.shown })} message={t('lists.removeBody')} confirmLabel={t('lists.remove')} busy={edit.isPending} error={errorBody(error)} onCancel={() => setRemoving(null)} onConfirm={() => run({ list, op: 'remove', value: removing.value }, () => setRemoving(null))} testId="list-remove-dialog" />
      )}
    </div>
  );
}

function RenameDialog({ list, entry, busy, error, onCancel, onRename }: { list: ManagedList; entry: Entry; busy: boolean; error: ReturnType<typeof errorBody>; onCancel(): void; onRename(to: string): void }) {
  const t = useT();
  const [to, setTo] = useState(entry.shown);
  const unchanged = to.trim() === '' || to.trim() === entry.shown;
  return (
    <Dialog title={t('lists.renameTitle', { value: entry.shown })} confirmLabel={t('lists.rename')} busy={busy} confirmDisabled={unchanged} error={error} onCancel={onCancel} onConfirm={() => onRename(to.trim())} testId="list-rename-dialog">
      <Field label={t('lists.renameField')}>{(control) => <Input {...control} value={to} maxLength={LIST_VALUE_MAX[list]} onChange={(e) => setTo(e.target.value)} />}</Field>
    </Dialog>
  );
}
