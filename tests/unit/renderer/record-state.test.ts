import { beforeEach, describe, expect, it } from 'vitest';
import type { MergePreview } from '../../../shared/channels/merge';
import type { CustomerView } from '../../../shared/customers';
import { queryClient } from '../../../renderer/src/query';
import { useCustomerDetailStore } from '../../../renderer/src/stores/customer-detail-store';
import { mergeChoices, useMergeStore } from '../../../renderer/src/stores/merge-store';
import { useNavStore } from '../../../renderer/src/stores/nav-store';

const SECRET = '13800138000';
const detailStart = useCustomerDetailStore.getState();
const mergeStart = useMergeStore.getState();
const navStart = useNavStore.getState();

/** A bridge whose reveal answers when told to, so a test can leave the record meanwhile. */
function fakeBridge() {
  const pending: (() => void)[] = [];
  const calls: string[] = [];
  (globalThis as Record<string, unknown>).window = {
    coffer: {
      'customers.reveal': (input: { id: number }) => {
        calls.push(`reveal:${input.id}`);
        return new Promise((resolve) => pending.push(() => resolve({ ok: true, value: { value: SECRET } })));
      },
    },
  };
  return { calls, answer: () => pending.shift()?.() };
}

beforeEach(() => {
  useCustomerDetailStore.setState(detailStart, true);
  useMergeStore.setState(mergeStart, true);
  useNavStore.setState(navStart, true);
  queryClient.clear();
});

describe('customer-detail-store keeps revealed values on the record page only', () => {
  it('keeps a revealed value while the record is open, never in the query or mutation cache, and drops it on leaving', async () => {
    const bridge = fakeBridge();
    const detail = () => useCustomerDetailStore.getState();
    detail().enter(5);
    const asked = detail().reveal('mobile', 'customer called');
    bridge.answer();
    expect(await asked).toBeNull();
    expect(bridge.calls).toEqual(['reveal:5']);
    expect(detail().revealed.mobile).toBe(SECRET);
    // The caches outlive the page: the value must not be in them.
    const cached = JSON.stringify([...queryClient.getQueryCache().getAll().map((q) => q.state.data), ...queryClient.getMutationCache().getAll().map((m) => m.state.data)]);
    expect(cached).not.toContain(SECRET);
    detail().leave(5);
    expect(detail().revealed).toEqual({});
    expect(detail().selected).toBeNull();
  });

  it('drops an answer that arrives after the person moved to another record', async () => {
    const bridge = fakeBridge();
    const detail = () => useCustomerDetailStore.getState();
    detail().enter(5);
    const asked = detail().reveal('mobile', 'customer called');
    detail().leave(5);
    detail().enter(6);
    bridge.answer();
    await asked;
    expect(detail().selected).toEqual({ id: 6 });
    expect(detail().revealed).toEqual({});
  });

  it('opening another customer, or saving an edit, clears what was shown', async () => {
    const bridge = fakeBridge();
    const detail = () => useCustomerDetailStore.getState();
    detail().enter(5);
    const asked = detail().reveal('email', 'send the invoice');
    bridge.answer();
    await asked;
    await detail().startEdit();
    detail().saved();
    expect(detail().editing).toBeNull();
    expect(detail().revealed).toEqual({});
    const again = detail().reveal('email', 'send the invoice');
    bridge.answer();
    await again;
    await detail().open(7);
    expect(useNavStore.getState().route).toMatchObject({ page: 'customer', customerId: 7 });
    expect(detail().revealed).toEqual({});
  });

  it('a new-customer form opened from the record survives the record page going away', async () => {
    const detail = () => useCustomerDetailStore.getState();
    detail().enter(5);
    await detail().startNew();
    detail().leave(5);
    expect(detail().editing).toBe('new');
    detail().enter(5);
    await detail().startEdit();
    detail().leave(5);
    expect(detail().editing).toBeNull();
  });
});

const customer = (id: number, fields: Partial<CustomerView>) => ({ id, name: `c${id}`, tags: [], level: 'regular', ...fields }) as unknown as CustomerView;
const preview: MergePreview = {
  customers: [customer(1, { company: 'A', city: '' }), customer(2, { company: 'B', city: '上海' })],
  suggestedSurvivorId: 1,
  fields: [
    { field: 'company', differs: true, choosable: true },
    { field: 'city', differs: true, choosable: true },
    { field: 'mobile', differs: true, choosable: false },
  ],
  moves: [],
} as unknown as MergePreview;

describe('merge-store keeps only the person choices', () => {
  it('defaults to main suggestion, the survivor values winning and blanks filled, and follows a new survivor', () => {
    expect(mergeChoices(preview, null, null)).toEqual({ survivorId: 1, picks: { company: 1, city: 2 } });
    useMergeStore.getState().setSurvivor(2);
    const { survivorId, picks } = useMergeStore.getState();
    expect(mergeChoices(preview, survivorId, picks)).toEqual({ survivorId: 2, picks: { company: 2, city: 2 } });
  });

  it('a pick changes that field only and keeps the defaults of the others; a field the role sees masked is never picked', () => {
    useMergeStore.getState().pick(preview, 'company', 2);
    const { survivorId, picks } = useMergeStore.getState();
    expect(mergeChoices(preview, survivorId, picks)).toEqual({ survivorId: 1, picks: { company: 2, city: 2 } });
    expect(picks).not.toHaveProperty('mobile');
  });
});
