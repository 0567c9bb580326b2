import { useEffect, useState } from 'react';
import type { DuplicateCheckInput, DuplicateCheckResult } from '../../../../shared/duplicates';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { checkDuplicates } from '../../stores/duplicates';

const DEBOUNCE_MS = 400;

/** Whether the typed values can match anything: a phone or e-mail, or a name with company or city. */
function worthAsking(input: DuplicateCheckInput): boolean {
  if (input.mobile || input.phone || input.email) return true;
  return Boolean(input.name && (input.company || input.city));
}

/**
 * Live warning under the customer form: the same phone or e-mail already exists (with a link to
 * that customer when the user may open it, "ask a manager" when not), or a likely same person.
 * Checked a moment after typing stops, so a keystroke is not a query.
 */
export function DuplicateHint({ input }: { input: DuplicateCheckInput }) {
  const t = useT();
  const open = useCustomerDetailStore((state) => state.open);
  const [confirmDialog, confirm] = useConfirm();
  const [result, setResult] = useState<DuplicateCheckResult | null>(null);
  const key = JSON.stringify(input);

  useEffect(() => {
    const typed = JSON.parse(key) as DuplicateCheckInput;
    if (!worthAsking(typed)) {
      setResult(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void checkDuplicates(typed).then((answer) => {
        if (current) setResult(answer);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  // Opening the other record closes this form: what was typed would be gone without a word.
  const leaveFor = async (c: { id: number; name: string }) => {
    if (await confirm({ title: t('dup.leaveTitle', { name: c.name }), message: t('dup.leaveMessage'), confirmLabel: t('dup.leaveYes') })) await open(c.id);
  };

  if (!result || (result.duplicates.length === 0 && result.possible.length === 0 && !result.outOfScope)) return null;
  const links = (list: DuplicateCheckResult['duplicates']) =>
    list.map((c) => (
      <button key={c.id} type="button" className="link" data-testid="duplicate-link" onClick={() => void leaveFor(c)}>
        {c.name}
      </button>
    ));
  return (
    <div role="status" aria-live="polite" className="notice notice-warning" data-testid="duplicate-hint">
      {confirmDialog}
      {result.duplicates.length > 0 && (
        <p>
          {t('dup.exists')} {links(result.duplicates)}
        </p>
      )}
      {result.outOfScope && <p data-testid="duplicate-out-of-scope">{t('dup.outOfScope')}</p>}
      {result.possible.length > 0 && (
        <p>
          {t('dup.possible')} {links(result.possible)}
        </p>
      )}
    </div>
  );
}
