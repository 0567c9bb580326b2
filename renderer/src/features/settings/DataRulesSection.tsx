import { useEffect, useState, type FormEvent } from 'react';
import { DATA_RULES_MAX } from '../../../../shared/channels/data-rules';
import type { ChannelOutput } from '../../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Badge, Button, Card, Field, Notice, Table, TextArea, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import rulesStyles from '../data-rules/data-rules.module.css';
import styles from './settings.module.css';

type Acceptance = ChannelOutput<'dataRules.acceptances'>['users'][number];

/**
 * The owner writes the shop's data rules. Each save is a new version (what someone accepted stays
 * as they read it); the table says who accepted which version.
 */
export function DataRulesSection() {
  const t = useT();
  const fmt = useFormat();
  const current = useChannelQuery('dataRules.current', {});
  const acceptances = useChannelQuery('dataRules.acceptances', {});
  const save = useChannelMutation('dataRules.set', ['dataRules.', 'users.accessReview']);
  const [text, setText] = useState('');
  useEffect(() => {
    if (current.data) setText(current.data.text);
  }, [current.data]);

  const version = current.data?.version ?? null;
  const unchanged = text.trim() === '' || text.trim() === (current.data?.text ?? '').trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unchanged) save.mutate({ text: text.trim() });
  };
  const columns: Column<Acceptance>[] = [
    { key: 'name', header: t('review.col.account'), cell: (u) => `${u.displayName} (${u.username})` },
    { key: 'role', header: t('review.col.role'), cell: (u) => t(`role.${u.role}`) },
    {
      key: 'version',
      header: t('dataRules.acceptedVersion'),
      cell: (u) =>
        u.acceptedVersion === null ? (
          <Badge tone="warning">{t('dataRules.notYet')}</Badge>
        ) : u.acceptedVersion === acceptances.data?.version ? (
          u.acceptedVersion
        ) : (
          <Badge tone="warning">{t('dataRules.old', { version: u.acceptedVersion })}</Badge>
        ),
    },
    { key: 'at', header: t('dataRules.acceptedAt'), cell: (u) => (u.acceptedAt ? fmt.dateTime(u.acceptedAt) : '') },
  ];

  return (
    <Card title={t('dataRules.settingsTitle')} level={3} className={styles.section} data-testid="data-rules-settings">
      <p className={layout.hint}>{t('dataRules.settingsBody')}</p>
      <p className={layout.hint} data-testid="data-rules-current">
        {version === null ? t('dataRules.none') : t('dataRules.current', { version, date: fmt.dateTime(current.data?.createdAt ?? null) })}
      </p>
      <form onSubmit={submit}>
        <Field label={t('dataRules.text')}>
          {(control) => (
            <TextArea
              {...control}
              className={rulesStyles.textarea}
              value={text}
              maxLength={DATA_RULES_MAX}
              disabled={!current.data}
              onChange={(e) => (setText(e.target.value), save.reset())}
              data-testid="data-rules-input"
            />
          )}
        </Field>
        <ErrorNotice error={errorBody(current.error) ?? errorBody(save.error)} />
        {save.data && (
          <Notice tone="success" data-testid="data-rules-saved">
            {t('dataRules.saved', { version: save.data.version })}
          </Notice>
        )}
        <Actions>
          <Button type="submit" disabled={unchanged || save.isPending} data-testid="data-rules-save">
            {t('dataRules.save', { version: (version ?? 0) + 1 })}
          </Button>
        </Actions>
      </form>
      {version !== null && acceptances.data && (
        <div className={layout.subsection}>
          <h4>{t('dataRules.who')}</h4>
          <Table columns={columns} rows={acceptances.data.users} rowKey={(u) => u.username} label={t('dataRules.who')} testId="data-rules-acceptances" />
        </div>
      )}
    </Card>
  );
}
