import { useState } from 'react';
import { LOCALES, type Locale } from '../../../../../shared/locale';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useT } from '../../../i18n';
import { errorBody, useChannelQuery } from '../../../query';
import { useAppStore } from '../../../stores/app-store';
import { Button, Dialog, Field, Notice, Select } from '../../../ui';
import layout from '../../../ui/layout.module.css';
import styles from './requests.module.css';

/**
 * The reply to the requester: written in main from the request (masked name, dates, outcome or
 * refusal reason, the privacy contact), in the language chosen here (the app's by default).
 * Printed like the privacy notice: window.print() with only the .printable block on paper.
 */
export function ReplyDialog({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const appLocale = useAppStore((state) => state.status?.locale ?? 'zh-CN');
  const [language, setLanguage] = useState<Locale>(appLocale);
  const [copied, setCopied] = useState(false);
  const reply = useChannelQuery('privacyRequests.reply', { id, language });
  const copy = async () => {
    if (!reply.data) return;
    await navigator.clipboard.writeText(reply.data.text);
    setCopied(true);
  };
  return (
    <Dialog title={t('req.reply.title')} confirmLabel={t('req.reply.print')} confirmDisabled={!reply.data} onConfirm={() => window.print()} onCancel={onClose} testId="request-reply-dialog">
      <Field label={t('req.reply.language')}>
        {(control) => (
          <Select {...control} value={language} onChange={(e) => (setLanguage(e.target.value as Locale), setCopied(false))} data-testid="request-reply-language">
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(l === 'en' ? 'req.reply.en' : 'req.reply.zh')}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <ErrorNotice error={errorBody(reply.error)} />
      {reply.data && !reply.data.contactNamed && (
        <Notice tone="warning" data-testid="request-reply-no-contact">
          {t('req.reply.noContact')}
        </Notice>
      )}
      {reply.data && (
        <div className={layout.printable}>
          <pre className={styles.reply} lang={reply.data.language} data-testid="request-reply-text">
            {reply.data.text}
          </pre>
        </div>
      )}
      <Button variant="secondary" size="sm" disabled={!reply.data} onClick={() => void copy()} data-testid="request-reply-copy">
        {copied ? t('req.reply.copied') : t('req.reply.copy')}
      </Button>
    </Dialog>
  );
}
