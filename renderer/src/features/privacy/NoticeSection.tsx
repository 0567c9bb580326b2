import { useState, type FormEvent } from 'react';
import { NOTICE_TEXT_MAX, type PrivacyNotice } from '../../../../shared/consent';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Button, Card, Field, Input, Notice, Table, TextArea, type Column } from '../../ui';
import layout from '../../ui/layout.module.css';
import settingsStyles from '../settings/settings.module.css';
import { NoticeDialog } from './NoticeDialog';
import { localToday } from './consent-words';
import styles from './privacy.module.css';

/** Settings (owner): privacy-notice versions. A save is a new version; the old ones stay readable. */
export function NoticeSection() {
  const t = useT();
  const fmt = useFormat();
  const notices = useChannelQuery('consent.notices', {});
  const add = useChannelMutation('consent.addNotice', ['consent.']);
  const [text, setText] = useState('');
  const [date, setDate] = useState(localToday);
  const [shown, setShown] = useState<PrivacyNotice | null>(null);
  const list = notices.data?.notices ?? [];
  const next = (list[0]?.version ?? 0) + 1;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate({ text: text.trim(), effectiveDate: date }, { onSuccess: () => setText('') });
  };
  const columns: Column<PrivacyNotice>[] = [
    { key: 'version', header: t('consent.col.notice'), rowHeader: true, cell: (n) => t('consent.noticeVersion', { version: n.version }) },
    { key: 'effective', header: t('notice.effective'), cell: (n) => fmt.date(n.effectiveDate) },
    { key: 'by', header: t('consent.col.by'), cell: (n) => `${n.createdBy} · ${fmt.dateTime(n.createdAt)}` },
    {
      key: 'show',
      header: '',
      cell: (n) => (
        <Button size="sm" variant="secondary" onClick={() => setShown(n)} data-testid="notice-version-show">
          {t('notice.show')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('notice.settingsTitle')} level={3} className={settingsStyles.section} data-testid="notice-settings">
      <p className={layout.hint}>{t('notice.settingsBody')}</p>
      {list[0] && <p className={layout.hint}>{t('notice.current', { version: list[0].version, date: fmt.date(list[0].effectiveDate) })}</p>}
      <form onSubmit={submit}>
        <Field label={t('notice.text')}>
          {(c) => <TextArea {...c} className={styles.textarea} value={text} maxLength={NOTICE_TEXT_MAX} onChange={(e) => (setText(e.target.value), add.reset())} data-testid="notice-input" />}
        </Field>
        <Field label={t('notice.effective')}>{(c) => <Input {...c} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="notice-date" />}</Field>
        <ErrorNotice error={errorBody(notices.error) ?? errorBody(add.error)} />
        {add.data && (
          <Notice tone="success" data-testid="notice-added">
            {t('notice.added', { version: add.data.version })}
          </Notice>
        )}
        <Actions>
          <Button type="submit" disabled={!text.trim() || !date || add.isPending} data-testid="notice-save">
            {t('notice.add', { version: next })}
          </Button>
        </Actions>
      </form>
      {list.length > 0 && (
        <div className={layout.subsection}>
          <h4>{t('notice.versions')}</h4>
          <Table columns={columns} rows={list} rowKey={(n) => n.version} label={t('notice.versions')} testId="notice-versions" />
        </div>
      )}
      {shown && <NoticeDialog notice={shown} onClose={() => setShown(null)} />}
    </Card>
  );
}
