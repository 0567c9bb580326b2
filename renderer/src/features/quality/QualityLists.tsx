import type { ReactNode } from 'react';
import type { QualityMember } from '../../../../shared/channels/quality';
import type { ErrorBody } from '../../../../shared/errors';
import { errorTextIn, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { useNavStore } from '../../stores/nav-store';
import { QUALITY_PAGE, useQualityStore, type QualitySection } from '../../stores/quality-store';
import { openMerge } from './open-merge';

/** A date as people read it in the chosen language (the customer list's style). */
export function useDay(): (iso: string) => string {
  return useFormat().date;
}

/** Opens a customer the way the list does: the Customers page with the record. */
function useOpenCustomer(): (id: number) => void {
  const go = useNavStore((state) => state.go);
  const open = useCustomerDetailStore((state) => state.open);
  return (id) => {
    go('customers');
    void open(id);
  };
}

function Member({ member, extra }: { member: QualityMember; extra?: ReactNode }) {
  const t = useT();
  const day = useDay();
  const openCustomer = useOpenCustomer();
  return (
    <li data-testid="quality-member">
      <button type="button" className="link" onClick={() => openCustomer(member.id)}>
        {member.name}
      </button>{' '}
      <span className="hint">
        {[member.company, member.city, t('quality.owner', { owner: member.ownerUsername }), t('quality.updated', { when: day(member.updatedAt) })].filter(Boolean).join(' · ')}
      </span>
      {extra}
    </li>
  );
}

/** Previous / next over a server-paged list, with where we are. */
function Pager({ section, total }: { section: QualitySection; total: number }) {
  const t = useT();
  const offset = useQualityStore((state) => state[section].offset);
  const load = useQualityStore((state) => state.load);
  if (total <= QUALITY_PAGE) return null;
  return (
    <div className="actions" data-testid={`quality-pager-${section}`}>
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => void load(section, Math.max(0, offset - QUALITY_PAGE))}>
        {t('quality.prev')}
      </button>
      <span className="hint">{t('quality.range', { from: offset + 1, to: Math.min(total, offset + QUALITY_PAGE), total })}</span>
      <button type="button" className="secondary" disabled={offset + QUALITY_PAGE >= total} onClick={() => void load(section, offset + QUALITY_PAGE)}>
        {t('quality.next')}
      </button>
    </div>
  );
}

function Section({ id, title, summary, loading, error, children }: { id: QualitySection; title: string; summary: string | null; loading: boolean; error: ErrorBody | null; children: ReactNode }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby={`quality-${id}-title`} aria-busy={loading} data-testid={`quality-${id}`}>
      <h3 id={`quality-${id}-title`}>{title}</h3>
      {error ? (
        <p role="alert" className="notice notice-error" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'quality', error.code)}
        </p>
      ) : summary === null ? (
        <p className="hint">{t('quality.loading')}</p>
      ) : (
        <>
          <p className="hint" data-testid={`quality-${id}-summary`}>
            {summary}
          </p>
          {children}
        </>
      )}
    </section>
  );
}

export function DuplicatesSection() {
  const t = useT();
  const { value, loading, error } = useQualityStore((state) => state.duplicates);
  const summary = value && t('quality.dup.counts', { phone: value.counts['same-phone'], email: value.counts['same-email'], possible: value.counts.possible });
  return (
    <Section id="duplicates" title={t('quality.dup.title')} summary={summary} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <p className="empty">{t('quality.dup.empty')}</p>
      ) : (
        <ul className="quality-groups">
          {value?.groups.map((group) => (
            <li key={`${group.kind}:${group.members.map((m) => m.id).join(',')}`} data-testid="quality-group" data-kind={group.kind}>
              <strong>{t(`quality.dup.kind.${group.kind}`)}</strong>{' '}
              <button type="button" className="secondary" onClick={() => openMerge(group.members.map((m) => m.id))}>
                {t('quality.dup.merge')}
              </button>
              <ul>
                {group.members.map((member) => (
                  <Member key={member.id} member={member} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {value && <Pager section="duplicates" total={value.total} />}
      <p className="hint">{t('quality.dup.scope')}</p>
    </Section>
  );
}

export function MissingSection() {
  const t = useT();
  const { value, loading, error } = useQualityStore((state) => state.missing);
  const summary = value && t('quality.missing.counts', { noContact: value.counts['no-contact'], nameOnly: value.counts['name-only'] });
  return (
    <Section id="missing" title={t('quality.missing.title')} summary={summary} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <p className="empty">{t('quality.missing.empty')}</p>
      ) : (
        <ul>
          {value?.items.map((item) => (
            <Member key={item.id} member={item} extra={<span className="badge"> {t(`quality.missing.${item.missing}`)}</span>} />
          ))}
        </ul>
      )}
      {value && <Pager section="missing" total={value.total} />}
    </Section>
  );
}

export function StaleSection() {
  const t = useT();
  const day = useDay();
  const { value, loading, error } = useQualityStore((state) => state.stale);
  return (
    <Section id="stale" title={t('quality.stale.title')} summary={value && t('quality.stale.counts', { count: value.total })} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <p className="empty">{t('quality.stale.empty')}</p>
      ) : (
        <ul>
          {value?.items.map((item) => (
            <Member key={item.id} member={item} extra={<span className="hint"> · {item.lastInteractionAt ? t('quality.lastContact', { when: day(item.lastInteractionAt) }) : t('quality.neverContacted')}</span>} />
          ))}
        </ul>
      )}
      {value && <Pager section="stale" total={value.total} />}
    </Section>
  );
}
