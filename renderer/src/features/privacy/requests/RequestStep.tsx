import { useState } from 'react';
import type { RequestDetail } from '../../../../../shared/channels/privacy-requests';
import { can } from '../../../../../shared/permissions';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../stores/app-store';
import { useCustomerDetailStore } from '../../../stores/customer-detail-store';
import { useNavStore } from '../../../stores/nav-store';
import { Button } from '../../../ui';
import { AccessPackage } from '../AccessPackage';
import { ConsentDialog } from '../ConsentDialog';
import { useCorrectionStore } from './correction-store';
import { useErasureRequestStore } from './erasure-request-store';

/**
 * The action a request's type calls for, on one linked customer, once the requester is verified:
 * the access package (access, portability), the erasure (deletion), the record's edit form
 * (correction), a consent withdrawal (withdrawal). Each sends the request's id; main checks it and
 * writes the step into the request's history, which is what the timeline then shows.
 */
export function RequestStep({ request, customer }: { request: RequestDetail; customer: { id: number; name: string } }) {
  const t = useT();
  const role = useAppStore((state) => state.status?.session?.role ?? 'auditor');
  const go = useNavStore((state) => state.go);
  const openCustomer = useNavStore((state) => state.openCustomer);
  const startCorrection = useCorrectionStore((state) => state.start);
  const startErasure = useErasureRequestStore((state) => state.start);
  const [withdrawing, setWithdrawing] = useState(false);
  if (!can(role, 'privacyRequests.write') || (request.state !== 'verified' && request.state !== 'in_progress')) return null;

  switch (request.type) {
    case 'access':
    case 'portability':
      return can(role, 'customers.accessPackage') ? <AccessPackage customerId={customer.id} requestId={request.id} /> : null;
    case 'deletion':
      return can(role, 'customers.erase') ? (
        <Button
          variant="danger"
          size="sm"
          data-testid="request-step-erase"
          onClick={() => {
            startErasure(request.id, customer.id, customer.name);
            go('erasure');
          }}
        >
          {t('req.step.erase')}
        </Button>
      ) : null;
    case 'correction':
      return (
        <Button
          variant="secondary"
          size="sm"
          data-testid="request-open-record"
          onClick={() => {
            startCorrection(request.id, customer.id);
            // The record opens straight in its edit form: select it first, so its mount keeps the form open.
            const detail = useCustomerDetailStore.getState();
            detail.enter(customer.id);
            void detail.startEdit();
            openCustomer(customer.id);
          }}
        >
          {t('req.act.openRecord')}
        </Button>
      );
    case 'withdrawal':
      return (
        <>
          <Button variant="secondary" size="sm" data-testid="request-step-withdraw" onClick={() => setWithdrawing(true)}>
            {t('req.step.withdraw')}
          </Button>
          {withdrawing && <ConsentDialog customerId={customer.id} requestId={request.id} start={{ purpose: 'marketing-sms', customLabel: null, event: 'withdrawn' }} onClose={() => setWithdrawing(false)} />}
        </>
      );
    default:
      return null;
  }
}
