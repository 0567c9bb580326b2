import { useState } from 'react';
import type { PrivacyNotice } from '../../../../shared/consent';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelQuery } from '../../query';
import { Button, Dialog } from '../../ui';
import { cx } from '../../ui/cx';
import layout from '../../ui/layout.module.css';
import styles from './privacy.module.css';

/**
 * A privacy-notice version, readable and printable. Printing is the page's window.print() with the
 * app's print stylesheet (ui/layout.module.css: only the .printable block is printed), the same way
 * the recovery key is printed: main has no print channel, and none is needed for one block of text.
 */
export function NoticeDialog({ notice, onClose }: { notice: PrivacyNotice | null; onClose(): void }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <Dialog title={t('notice.title')} confirmLabel={t('notice.print')} confirmDisabled={notice === null} onConfirm={() => window.print()} onCancel={onClose} testId="notice-dialog">
      {notice === null ? (
        <p className={layout.hint}>{t('notice.none')}</p>
      ) : (
        <div className={layout.printable} data-testid="notice-printable">
          <h3>{t('notice.title')}</h3>
          <p className={layout.hint} data-testid="notice-version">
            {t('notice.version', { version: notice.version, date: fmt.date(notice.effectiveDate) })}
          </p>
          <div className={cx(styles.noticeText)} data-testid="notice-text">
            {notice.text}
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** "Privacy notice": opens the current version (for showing a customer, or printing). */
export function NoticeButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const notices = useChannelQuery('consent.notices', {}, { enabled: open });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="notice-open">
        {t('notice.show')}
      </Button>
      {open && notices.error && <ErrorNotice error={errorBody(notices.error)} />}
      {open && notices.data && <NoticeDialog notice={notices.data.notices[0] ?? null} onClose={() => setOpen(false)} />}
    </>
  );
}
