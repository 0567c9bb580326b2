import { useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { canQueryField } from '../../../../shared/field-policy';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation } from '../../query';
import { useAppStore } from '../../stores/app-store';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';

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
    <div data-testid="search-help">
      <p className="hint" data-testid="search-hint">
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
    <form className="filters" role="search" aria-label={t('lookup.title')} onSubmit={submit} data-testid="phone-lookup">
      <input type="search" aria-label={t('lookup.label')} placeholder={t('lookup.placeholder')} value={text} maxLength={64} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="secondary" disabled={lookup.isPending || !text.trim()}>
        {t('lookup.submit')}
      </button>
      <small className="hint">{t('lookup.rule')}</small>
      {problem && (problem.code === 'RATE_LIMITED' ? <p className="problem" role="alert">{t('lookup.RATE_LIMITED')}</p> : <ErrorNotice error={problem} />)}
      {answer && (
        <div role="status" data-testid="lookup-result">
          {answer.match === 'none' ? (
            <p className="hint">{t('lookup.notWhole')}</p>
          ) : answer.items.length === 0 ? (
            <p className="hint">{t('lookup.none')}</p>
          ) : (
            <>
              <p>{t('lookup.found', { count: answer.items.length })}</p>
              <ul>
                {answer.items.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="link" data-testid="lookup-match" onClick={() => void open(c.id)}>
                      {c.name}
                    </button>{' '}
                    <span className="hint">{[c.mobile, c.phone, c.wechat, c.company].filter(Boolean).join(' · ')}</span>
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
