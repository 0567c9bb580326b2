import { useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { canQueryField } from '../../../../shared/field-policy';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { Button, Input, Notice } from '../../ui';
import styles from './PhoneLookup.module.css';

const CONTACTS = ['mobile', 'phone', 'email', 'wechat'] as const;

/**
 * Under the search box: what this role can search by, in words, and for a role that sees
 * contact details masked (support; sales) the "find a caller" lookup by the whole number or
 * WeChat ID. The answer is as masked as the list; main audits and rate-limits every lookup.
 */
export function SearchHelp() {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const full = CONTACTS.every((field) => canQueryField(role, field));
  return (
    <div className={styles.help} data-testid="search-help">
      <p className={styles.hint} data-testid="search-hint">
        {t(full ? 'search.hint.full' : 'search.hint.basic')}
      </p>
      {!full && <PhoneLookup />}
    </div>
  );
}

function PhoneLookup() {
  const t = useT();
  const open = useCustomerDetailStore((state) => state.open);
  const lookup = useChannelMutation('customers.lookup', []);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<ChannelOutput<'customers.lookup'> | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setAnswer(null);
    lookup.mutate({ query: text.trim() }, { onSuccess: setAnswer });
  };
  const problem = errorBody(lookup.error);
  return (
    <form role="search" aria-label={t('lookup.title')} onSubmit={submit} data-testid="phone-lookup">
      <div className={styles.lookup}>
        <Input type="search" className={styles.input} aria-label={t('lookup.label')} placeholder={t('lookup.placeholder')} value={text} maxLength={64} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" variant="secondary" disabled={lookup.isPending || !text.trim()}>
          {t('lookup.submit')}
        </Button>
      </div>
      <p className={styles.hint}>{t('lookup.rule')}</p>
      {problem && (problem.code === 'RATE_LIMITED' ? <Notice tone="danger" role="alert">{t('lookup.RATE_LIMITED')}</Notice> : <ErrorNotice error={problem} />)}
      {answer && (
        <div role="status" data-testid="lookup-result" className={styles.result}>
          {answer.match === 'none' ? (
            <p className={styles.hint}>{t('lookup.notWhole')}</p>
          ) : answer.items.length === 0 ? (
            <p className={styles.hint}>{t('lookup.none')}</p>
          ) : (
            <>
              <p className={styles.result}>{t('lookup.found', { count: answer.items.length })}</p>
              <ul className={styles.matches}>
                {answer.items.map((c) => (
                  <li key={c.id}>
                    <Button variant="ghost" size="sm" data-testid="lookup-match" onClick={() => void open(c.id)}>
                      {c.name}
                    </Button>{' '}
                    <span className={styles.hint}>{[c.mobile, c.phone, c.wechat, c.company].filter(Boolean).join(' · ')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
