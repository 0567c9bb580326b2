import { useT } from '../../../i18n';
import { Button, Notice } from '../../../ui';
import { useCorrectionStore } from './correction-store';

/** On the customer form: says that the edit is linked to a correction request, and lets the person stop that. */
export function CorrectionNotice({ customerId }: { customerId: number }) {
  const t = useT();
  const { correction, stop } = useCorrectionStore();
  if (!correction || correction.customerId !== customerId) return null;
  return (
    <Notice tone="info" data-testid="correction-notice">
      {t('req.correcting', { id: correction.requestId })}{' '}
      <Button variant="link" onClick={stop}>
        {t('req.correctingStop')}
      </Button>
    </Notice>
  );
}

/** The requestId to send with this customer's update, if a correction is being handled. */
export function correctionFor(customerId: number): { requestId: number } | Record<string, never> {
  const correction = useCorrectionStore.getState().correction;
  return correction && correction.customerId === customerId ? { requestId: correction.requestId } : {};
}
