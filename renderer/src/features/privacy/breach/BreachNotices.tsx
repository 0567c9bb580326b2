import { useState } from 'react';
import { NOTICE_AUDIENCES, NOTICE_LANGUAGES, SENT_CHANNELS, type NoticeAudience } from '../../../../../shared/breach';
import type { BreachDetail } from '../../../../../shared/channels/breach';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { errorBody, useChannelMutation } from '../../../query';
import { Button, Dialog, Field, Input, Select, toast } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import { fromLocalInput, localInput } from './breach-words';
import styles from './breach.module.css';

type SentChannel = (typeof SENT_CHANNELS)[number];

/** The notices (drafts main writes to a file), what was sent and when, and the evidence file. */
export function BreachNotices({ b }: { b: BreachDetail }) {
  const t = useT();
  const notice = useChannelMutation('breach.notice', ['breach.']);
  const evidence = useChannelMutation('breach.evidence', ['breach.']);
  const sent = useChannelMutation('breach.logSent', ['breach.']);
  const [logging, setLogging] = useState(false);
  const [audience, setAudience] = useState<NoticeAudience>('regulator');
  const [channel, setChannel] = useState<SentChannel>('online-form');
  const [at, setAt] = useState(() => localInput(new Date().toISOString()));
  const [count, setCount] = useState('1');
  const [reference, setReference] = useState('');
  const saved = (r: { status: 'cancelled' } | { status: 'saved'; sha256: string }) => r.status === 'saved' && toast(t('breach.notice.saved', { sha: r.sha256.slice(0, 16) }), { tone: 'success' });

  return (
    <>
      <section className={layout.subsection} data-testid="breach-notices">
        <h3>{t('breach.notice.title')}</h3>
        <p className={layout.hint}>{t('breach.notice.hint')}</p>
        <div className={styles.row}>
          {NOTICE_AUDIENCES.flatMap((aud) =>
            NOTICE_LANGUAGES.map((lang) => (
              <Button key={`${aud}-${lang}`} variant="secondary" disabled={notice.isPending} onClick={() => notice.mutate({ id: b.id, audience: aud, language: lang }, { onSuccess: saved })} data-testid={`breach-notice-${aud}-${lang}`}>
                {t(`breach.notice.${aud}.${lang}`)}
              </Button>
            )),
          )}
          <Button onClick={() => setLogging(true)} data-testid="breach-log-sent">
            {t('breach.sent.log')}
          </Button>
        </div>
        <ErrorNotice error={errorBody(notice.error)} />
      </section>
      <section className={layout.subsection} data-testid="breach-evidence">
        <h3>{t('breach.evidence.title')}</h3>
        <p className={layout.hint}>{t('breach.evidence.hint')}</p>
        {b.evidenceSha256 && (
          <p className={styles.hash} data-testid="breach-evidence-hash">
            {t('breach.evidence.last', { sha: b.evidenceSha256 })}
          </p>
        )}
        <Button variant="secondary" disabled={evidence.isPending} onClick={() => evidence.mutate({ id: b.id }, { onSuccess: saved })} data-testid="breach-save-evidence">
          {t('breach.evidence.save')}
        </Button>
        <ErrorNotice error={errorBody(evidence.error)} />
      </section>
      {logging && (
        <Dialog
          title={t('breach.sent.log')}
          confirmLabel={t('breach.save')}
          busy={sent.isPending}
          error={errorBody(sent.error)}
          onConfirm={() => sent.mutate({ id: b.id, audience, channel, sentAt: fromLocalInput(at) ?? '', count: Number(count) || 0, reference }, { onSuccess: () => setLogging(false) })}
          onCancel={() => setLogging(false)}
          testId="breach-sent-dialog"
        >
          <div className={styles.grid}>
            <Field label={t('breach.sent.audience')}>
              {(control) => (
                <Select {...control} value={audience} onChange={(e) => setAudience(e.target.value as NoticeAudience)} data-testid="breach-sent-audience">
                  {NOTICE_AUDIENCES.map((a) => (
                    <option key={a} value={a}>
                      {t(`breach.sent.audience.${a}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('breach.sent.channel')}>
              {(control) => (
                <Select {...control} value={channel} onChange={(e) => setChannel(e.target.value as SentChannel)} data-testid="breach-sent-channel">
                  {SENT_CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t(`breach.sent.channel.${c}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('breach.sent.at')}>
              {(control) => <Input {...control} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="breach-sent-at" />}
            </Field>
            <Field label={t('breach.sent.count')}>
              {(control) => <Input {...control} type="number" min={0} value={count} onChange={(e) => setCount(e.target.value)} data-testid="breach-sent-count" />}
            </Field>
          </div>
          <Field label={t('breach.sent.reference')}>
            {(control) => <Input {...control} maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} data-testid="breach-sent-reference" />}
          </Field>
        </Dialog>
      )}
    </>
  );
}
