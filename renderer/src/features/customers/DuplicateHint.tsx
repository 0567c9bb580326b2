import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DuplicateCheckInput, DuplicateCheckResult } from '../../../../shared/duplicates';
import { useConfirm } from '../../components/prompts';
import { useT } from '../../i18n';
import { useChannelQuery } from '../../query';
import { useCustomerDetailStore } from '../../stores/customer-detail-store';
import { Button, Notice } from '../../ui';

const DEBOUNCE_MS = 400;

/** Whether the typed values can match anything: a phone or e-mail, or a name with company or city. */
function worthAsking(input: DuplicateCheckInput): boolean {
  if (input.mobile || input.phone || input.email) return true;
  return Boolean(input.name && (input.company || input.city));
}

/**
 * Live warning under the customer form: the same phone or e-mail already exists (with a link to
 * that customer when the user may open it, "ask a manager" when not), or a likely same person.
 * Checked a moment after typing stops, so a keystroke is not a query; the answers are keyed by
 * what was typed, so a slow answer for older text never replaces the newer one.
 */
export function DuplicateHint({ input }: { input: DuplicateCheckInput }) {
  const t = useT();
  const open = useCustomerDetailStore((state) => state.open);
  const [confirmDialog, confirm] = useConfirm();
  const [asked, setAsked] = useState<DuplicateCheckInput | null>(null);
  const key = JSON.stringify(input);

  useEffect(() => {
    const typed = JSON.parse(key) as DuplicateCheckInput;
    if (!worthAsking(typed)) {
      setAsked(null);
      return;
    }
    const timer = setTimeout(() => setAsked(typed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  // While the next answer is on its way the last one stays, rather than the hint blinking out.
  const check = useChannelQuery('customers.checkDuplicates', asked ?? {}, { enabled: asked !== null, placeholderData: keepPreviousData });
  const result: DuplicateCheckResult | null = asked ? (check.data ?? null) : null;

  // Opening the other record closes this form: what was typed would be gone without a word.
  const leaveFor = async (c: { id: number; name: string }) => {
    if (await confirm({ title: t('dup.leaveTitle', { name: c.name }), message: t('dup.leaveMessage'), confirmLabel: t('dup.leaveYes') })) await open(c.id);
  };

  if (!result || (result.duplicates.length === 0 && result.possible.length === 0 && !result.outOfScope)) return null;
  const links = (list: DuplicateCheckResult['duplicates']) =>
    list.map((c) => (
      <Button key={c.id} variant="ghost" size="sm" data-testid="duplicate-link" onClick={() => void leaveFor(c)}>
        {c.name}
      </Button>
    ));
  return (
    <Notice tone="warning" role="status" aria-live="polite" data-testid="duplicate-hint">
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
    </Notice>
  );
}
