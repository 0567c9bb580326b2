import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import type { Page } from '../../stores/nav-store';
import { Tabs } from '../../ui';

/** The privacy pages of issue 16, one menu entry: the menu must fit a 1024x640 window (navigation e2e). */
export const PRIVACY_PAGES = ['privacy', 'requests', 'erasure', 'privacyLog', 'retention', 'breach'] as const satisfies readonly Page[];
export type PrivacyPage = (typeof PRIVACY_PAGES)[number];

const LABELS: Record<PrivacyPage, MessageKey> = {
  privacy: 'disclosures.title',
  requests: 'nav.requests',
  erasure: 'nav.erasure',
  privacyLog: 'nav.privacyLog',
  retention: 'nav.retention',
  breach: 'nav.breach',
};

export function isPrivacyPage(page: Page): page is PrivacyPage {
  return (PRIVACY_PAGES as readonly Page[]).includes(page);
}

/** The tabs this role may open (mayOpen from the shell), the current one's page below them. */
export function PrivacyArea({ current, mayOpen, go, children }: { current: PrivacyPage; mayOpen(page: Page): boolean; go(page: Page): void; children: ReactNode }) {
  const t = useT();
  const tabs = PRIVACY_PAGES.filter(mayOpen).map((page) => ({ id: page, label: t(LABELS[page]), testId: `privacy-tab-${page}` }));
  return (
    <Tabs label={t('nav.privacy')} tabs={tabs} selected={current} onSelect={go} testId="privacy-area">
      {children}
    </Tabs>
  );
}
