import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useT } from '../../i18n';
import { useSetupStore } from '../../stores/setup-store';
import { Actions, Button, Notice, cx } from '../../ui';
import layout from '../../ui/layout.module.css';

export function RecoveryStep() {
  const t = useT();
  const { recoveryKey, complete, busy, error } = useSetupStore();
  const [stored, setStored] = useState(false);
  const [ending, setEnding] = useState('');
  const [copied, setCopied] = useState(false);
  if (!recoveryKey) return null;
  const groups = recoveryKey.split('-');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const save = () => {
    // A plain text file; the name says what it is and nothing about the business or the person.
    const blob = new Blob([`${t('setup.recovery.fileHeader')}\n\n${recoveryKey}\n`], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'coffer-recovery-key.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stored && ending.trim()) void complete(ending);
  };

  return (
    <form onSubmit={submit} data-testid="setup-recovery">
      <p>{t('setup.recovery.body')}</p>
      <Notice tone="warning" role="note">
        {t('setup.recovery.warning')}
      </Notice>
      {/* Printable (ui/layout.module.css): printing the window prints only this key. */}
      <div className={cx(layout.secret, layout.printable)} data-testid="recovery-key" aria-label={t('setup.recovery.title')}>
        {groups.map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </div>
      <Actions>
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? t('setup.recovery.copied') : t('setup.recovery.copy')}
        </Button>
        <Button variant="secondary" onClick={save}>
          {t('setup.recovery.save')}
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          {t('setup.recovery.print')}
        </Button>
      </Actions>
      <label className={layout.checkbox}>
        <input type="checkbox" checked={stored} onChange={(event) => setStored(event.target.checked)} data-testid="recovery-stored" />
        <span>{t('setup.recovery.confirm')}</span>
      </label>
      <Field
        label={t('setup.recovery.retype')}
        value={ending}
        onChange={(event) => setEnding(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        placeholder="XXXX-XXXX"
        problem={error?.fields?.recoveryKeyEnding ? t('setup.recovery.retypeMismatch') : undefined}
      />
      <ErrorNotice error={error && !error.fields ? error : null} />
      <Actions>
        <Button type="submit" disabled={busy || !stored || !ending.trim()}>
          {busy ? t('common.working') : t('setup.recovery.finish')}
        </Button>
      </Actions>
    </form>
  );
}
