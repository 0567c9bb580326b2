import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { QualityMember } from '../../../../shared/channels/quality';
import type { ErrorBody } from '../../../../shared/errors';
import { errorTextIn, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { QUALITY_PAGE, useQualityStore, type QualitySection } from '../../stores/quality-store';
import { Actions, Badge, Button, Card, EmptyState, Notice } from '../../ui';
import { openMerge } from './open-merge';
import styles from './quality.module.css';

/** A date as people read it in the chosen language (the customer list's style). */
export function useDay(): (iso: string) => string {
  return useFormat().date;
}

/** Opens a customer's record page the way the list does; Back returns to this review. */
function useOpenCustomer(): (id: number) => void {
  const open = useCustomerDetailStore((state) => state.open);
  return (id) => void open(id);
}

function Member({ member, extra }: { member: QualityMember; extra?: ReactNode }) {
  const t = useT();
  const day = useDay();
  const openCustomer = useOpenCustomer();
  return (
    <li data-testid="quality-member" className={styles.member}>
      <Button variant="ghost" size="sm" onClick={() => openCustomer(member.id)}>
        {member.name}
      </Button>{' '}
      <span className={styles.hint}>
        {[member.company, member.city, t('quality.owner', { owner: member.ownerUsername }), t('quality.updated', { when: day(member.updatedAt) })].filter(Boolean).join(' · ')}
      </span>
      {extra}
    </li>
  );
}

/** Where this list is: the input of its page query (keyed by it, so a slow answer for another page never replaces the one asked for last). */
function usePageInput(section: QualitySection) {
  return { offset: useQualityStore((state) => state.offsets[section]), limit: QUALITY_PAGE };
}
/** Paging shows the last page until the next arrives, rather than a blank list. */
const KEEP_PAGE = { placeholderData: keepPreviousData };
function pageOf<T>(query: UseQueryResult<T, Error>) {
  return { value: query.data ?? null, loading: query.isFetching, error: errorBody(query.error) };
}

/** Previous / next over a server-paged list, with where we are. */
function Pager({ section, total }: { section: QualitySection; total: number }) {
  const t = useT();
  const offset = useQualityStore((state) => state.offsets[section]);
  const load = useQualityStore((state) => state.setOffset);
  if (total <= QUALITY_PAGE) return null;
  return (
    <Actions data-testid={`quality-pager-${section}`}>
      <Button variant="secondary" disabled={offset === 0} onClick={() => load(section, Math.max(0, offset - QUALITY_PAGE))}>
        {t('quality.prev')}
      </Button>
      <span className={styles.hint}>{t('quality.range', { from: offset + 1, to: Math.min(total, offset + QUALITY_PAGE), total })}</span>
      <Button variant="secondary" disabled={offset + QUALITY_PAGE >= total} onClick={() => load(section, offset + QUALITY_PAGE)}>
        {t('quality.next')}
      </Button>
    </Actions>
  );
}

function Section({ id, title, summary, loading, error, children }: { id: QualitySection; title: string; summary: string | null; loading: boolean; error: ErrorBody | null; children: ReactNode }) {
  const t = useT();
  return (
    <Card title={title} level={3} width="wide" className={styles.section} aria-busy={loading} data-testid={`quality-${id}`}>
      {error ? (
        <Notice tone="danger" data-testid="error" data-code={error.code}>
          {errorTextIn(t, 'quality', error.code)}
        </Notice>
      ) : summary === null ? (
        <p className={styles.hint}>{t('quality.loading')}</p>
      ) : (
        <>
          <p className={styles.hint} data-testid={`quality-${id}-summary`}>
            {summary}
          </p>
          {children}
        </>
      )}
    </Card>
  );
}

export function DuplicatesSection() {
  const t = useT();
  const { value, loading, error } = pageOf(useChannelQuery('customers.qualityDuplicates', usePageInput('duplicates'), KEEP_PAGE));
  const summary = value && t('quality.dup.counts', { phone: value.counts['same-phone'], email: value.counts['same-email'], possible: value.counts.possible });
  return (
    <Section id="duplicates" title={t('quality.dup.title')} summary={summary} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <EmptyState title={t('quality.dup.empty')} />
      ) : (
        <ul className={styles.groups}>
          {value?.groups.map((group) => (
            <li key={`${group.kind}:${group.members.map((m) => m.id).join(',')}`} data-testid="quality-group" data-kind={group.kind}>
              <strong>{t(`quality.dup.kind.${group.kind}`)}</strong>{' '}
              <Button variant="secondary" onClick={() => openMerge(group.members.map((m) => m.id))}>
                {t('quality.dup.merge')}
              </Button>
              <ul className={styles.list}>
                {group.members.map((member) => (
                  <Member key={member.id} member={member} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {value && <Pager section="duplicates" total={value.total} />}
      <p className={styles.hint}>{t('quality.dup.scope')}</p>
    </Section>
  );
}

export function MissingSection() {
  const t = useT();
  const { value, loading, error } = pageOf(useChannelQuery('customers.qualityMissing', usePageInput('missing'), KEEP_PAGE));
  const summary = value && t('quality.missing.counts', { noContact: value.counts['no-contact'], nameOnly: value.counts['name-only'] });
  return (
    <Section id="missing" title={t('quality.missing.title')} summary={summary} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <EmptyState title={t('quality.missing.empty')} />
      ) : (
        <ul className={styles.list}>
          {value?.items.map((item) => (
            <Member key={item.id} member={item} extra={
                <Badge tone="warning" className={styles.badge}>
                  {t(`quality.missing.${item.missing}`)}
                </Badge>
              } />
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
  const { value, loading, error } = pageOf(useChannelQuery('customers.qualityStale', usePageInput('stale'), KEEP_PAGE));
  return (
    <Section id="stale" title={t('quality.stale.title')} summary={value && t('quality.stale.counts', { count: value.total })} loading={loading} error={error}>
      {value && value.total === 0 ? (
        <EmptyState title={t('quality.stale.empty')} />
      ) : (
        <ul className={styles.list}>
          {value?.items.map((item) => (
            <Member key={item.id} member={item} extra={<span className={styles.hint}> · {item.lastInteractionAt ? t('quality.lastContact', { when: day(item.lastInteractionAt) }) : t('quality.neverContacted')}</span>} />
          ))}
        </ul>
      )}
      {value && <Pager section="stale" total={value.total} />}
    </Section>
  );
}
