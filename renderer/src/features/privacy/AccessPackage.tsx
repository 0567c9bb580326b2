import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import type { ErrorBody } from '../../../../shared/errors';
import { errorTextIn, useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Button, Dialog, Notice, Progress, cx } from '../../ui';
import layout from '../../ui/layout.module.css';

type Saved = Extract<ChannelOutput<'privacy.accessPackage'>, { status: 'saved' }>;

/**
 * "Prepare access package" on the customer record (issue 16): a dialog says what the package
 * holds; main asks for the folder, builds and writes the encrypted zip; the one-time password is
 * then shown once, here only, and dropped from memory when the dialog closes.
 */
export function AccessPackage({ customerId, requestId }: { customerId: number; requestId?: number }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const prepare = useChannelMutation('privacy.accessPackage', ['audit.', 'privacyRequests.']);

  const run = async () => {
    setError(null);
    try {
      const result = await prepare.mutateAsync({ customerId, ...(requestId !== undefined ? { requestId } : {}) });
      setOpen(false);
      if (result.status === 'cancelled') return setNotice(t('package.cancelled'));
      setSaved(result);
    } catch (problem) {
      setError(errorBody(problem));
    }
  };

  return (
    <>
      <Button variant="secondary" data-testid="package-open" onClick={() => (setOpen(true), setError(null), setNotice(null))}>
        {t('package.button')}
      </Button>
      {notice && (
        <Notice tone="info" data-testid="package-notice">
          {notice}
        </Notice>
      )}
      {open && (
        <Dialog
          title={t('package.title')}
          message={t('package.intro')}
          confirmLabel={t('package.confirm')}
          busy={prepare.isPending}
          onConfirm={() => void run()}
          onCancel={() => !prepare.isPending && setOpen(false)}
          testId="package-dialog"
        >
          <p>{t('package.folderHint')}</p>
          {prepare.isPending && <PackageProgress />}
          {error && (
            <Notice tone="danger" data-testid="error" data-code={error.code}>
              {errorTextIn(t, 'package', error.code)}
            </Notice>
          )}
        </Dialog>
      )}
      {saved && <OneTimePassword saved={saved} onClose={() => setSaved(null)} />}
    </>
  );
}

/** The step main reports while a package is built: a long history takes a moment. */
function PackageProgress() {
  const t = useT();
  const progress = useChannelQuery('privacy.accessPackageProgress', {}, { refetchInterval: 300, staleTime: 0 });
  const step = progress.data?.step ?? 'folder';
  return (
    <div data-testid="package-progress" aria-live="polite">
      <Progress label={t('package.progress')} />
      <p>{t(`package.step.${step}` as MessageKey)}</p>
    </div>
  );
}

function OneTimePassword({ saved, onClose }: { saved: Saved; onClose(): void }) {
  const t = useT();
  const format = useFormat();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(saved.password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  // A section this build has no word for (a newer feature's) is shown by its key.
  const sectionName = (key: string) => (SECTION_KEYS.has(key) ? t(`package.section.${key}` as MessageKey) : key);
  const list = saved.contents.map((c) => `${sectionName(c.section)} ${format.number(c.rows)}`).join(t('package.listSeparator'));
  return (
    <Dialog title={t('package.doneTitle')} confirmLabel={t('package.close')} onConfirm={onClose} onCancel={onClose} testId="package-password-dialog">
      <p data-testid="package-file">{t('package.doneIntro', { file: saved.fileName })}</p>
      <div className={cx(layout.secret)} data-testid="package-password" aria-label={t('package.passwordLabel')}>
        {saved.password.split('-').map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </div>
      <Actions>
        <Button variant="secondary" data-testid="package-copy" onClick={() => void copy()}>
          {copied ? t('package.copied') : t('package.copy')}
        </Button>
      </Actions>
      <Notice tone="warning" role="note" data-testid="package-warning">
        {t('package.warning')}
      </Notice>
      <p data-testid="package-contents">{t('package.contents', { list })}</p>
    </Dialog>
  );
}

const SECTION_KEYS: ReadonlySet<string> = new Set(['record', 'interactions', 'purchases', 'tags', 'reminders', 'imports', 'merges', 'consent', 'requests']);
