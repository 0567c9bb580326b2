import { useCallback, useRef, useState, type ReactNode } from 'react';
import { errorBody } from '../../query';
import { gateCall, type ApprovalAsk, type GateOutcome } from './approval-gate';
import { ApprovalDialog } from './ApprovalDialog';

interface Open {
  ask: ApprovalAsk;
  input: Record<string, unknown>;
  run(approvalId: number): Promise<unknown>;
  resolve(outcome: GateOutcome<unknown>): void;
}

export type Gate = <I extends object, T>(input: I, call: (input: I & { approvalId?: number }) => Promise<T>) => Promise<GateOutcome<T>>;

/**
 * Wraps a change that may need a second person's approval:
 * `const [approvalDialog, gate] = useApprovalGate()`, render `approvalDialog`, then
 * `const outcome = await gate(input, (i) => mutation.mutateAsync(i))`.
 * The call runs as usual; when main answers APPROVAL_REQUIRED the approval dialog opens instead of
 * an error, and once approved here the same call runs again with `approvalId` (its value comes back
 * as `{status: 'done'}`). Sent to the inbox, waiting out a cooling-off or cancelled: the other
 * statuses. Any other refusal is thrown as before, so each screen keeps showing its own errors.
 */
export function useApprovalGate(): [ReactNode, Gate] {
  const [open, setOpen] = useState<Open | null>(null);
  const current = useRef<Open | null>(null);

  const gate = useCallback(
    <I extends object, T>(input: I, call: (input: I & { approvalId?: number }) => Promise<T>): Promise<GateOutcome<T>> =>
      gateCall(
        () => call(input),
        errorBody,
        (ask) =>
          new Promise<GateOutcome<T>>((resolve) => {
            // One dialog at a time: an older one still open counts as cancelled.
            current.current?.resolve({ status: 'cancelled' });
            const next: Open = {
              ask,
              input: input as Record<string, unknown>,
              run: (approvalId) => call({ ...input, approvalId }),
              resolve: resolve as (outcome: GateOutcome<unknown>) => void,
            };
            current.current = next;
            setOpen(next);
          }),
      ),
    [],
  );

  const done = (outcome: GateOutcome<unknown>) => {
    current.current?.resolve(outcome);
    current.current = null;
    setOpen(null);
  };
  const element = open ? <ApprovalDialog ask={open.ask} input={open.input} run={open.run} onDone={done} /> : null;
  return [element, gate as Gate];
}
