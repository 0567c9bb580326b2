import { describe, expect, it } from 'vitest';
import { fieldVisibility } from '../../../shared/field-policy';
import type { CustomerRow } from '../../../electron/core/customers/customer-repository';
import { planMerge } from '../../../electron/core/customers/merge-plan';

function row(id: number, fields: Partial<CustomerRow>): CustomerRow {
  return {
    id, name: `C${id}`, mobile: null, phone: null, email: null, wechat: null, birthday: null, province: null, city: null, addressDetail: null, company: null, industry: null, region: null,
    source: null, level: 'regular', ownerId: 1, ownerUsername: 'a', notes: null, idNumber: null, bankCard: null, createdAt: 't', updatedAt: 't', lastInteractionAt: null, sortName: `c${id}\u0001C${id}`, levelRank: '000001', dormantAt: null, ...fields,
  };
}
const as = (role: string) => (field: Parameters<typeof fieldVisibility>[1]) => fieldVisibility(role, field);

describe('planMerge: the survivor after a merge', () => {
  it('keeps every phone: own slot, the other phone slot, then the notes; the same number in another spelling is not repeated', () => {
    const survivor = row(1, { mobile: '13800000001', notes: 'old note' });
    const sources = [row(2, { mobile: '+86 138 0000 0001', phone: '021-5555 0000' }), row(3, { mobile: '13800000003', email: 'x@example.com' })];
    const plan = planMerge({ survivor, sources, picks: {}, visibility: as('owner'), fieldOn: () => true });
    expect(plan.changes).toEqual({ phone: '021-5555 0000', email: 'x@example.com', notes: 'old note\n合并自 / merged from #3 C3 · 手机 / mobile: 13800000003' });
    expect(plan.notes).toBe(1);
  });

  it('a picked value displaces the survivor’s own, which is kept in a free slot', () => {
    const plan = planMerge({ survivor: row(1, { email: 'a@example.com', company: 'A' }), sources: [row(2, { email: 'b@example.com', company: 'B' })], picks: { email: 2, company: 2 }, visibility: as('manager'), fieldOn: () => true });
    expect(plan.changes).toEqual({ email: 'b@example.com', company: 'B', notes: '合并自 / merged from #1 C1 · 邮箱 / e-mail: a@example.com' });
  });

  it('a role seeing a field masked may merge equal values (by key) but never change or fill that field', () => {
    const survivor = row(1, { mobile: '13800000001' });
    expect(planMerge({ survivor, sources: [row(2, { mobile: '138 0000 0001', company: 'B' })], picks: { mobile: 2 }, visibility: as('sales'), fieldOn: () => true }).changes).toEqual({ company: 'B' });
    expect(() => planMerge({ survivor, sources: [row(2, { mobile: '13800000002' })], picks: { mobile: 2 }, visibility: as('sales'), fieldOn: () => true })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', fields: { mobile: 'forbidden' } }),
    );
    for (const [field, value] of [['email', 'b@example.com'], ['addressDetail', 'Road 1'], ['phone', '021 5555 0000']] as const) {
      expect(() => planMerge({ survivor, sources: [row(2, { [field]: value })], picks: {}, visibility: as('sales'), fieldOn: () => true })).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN', fields: { merge: 'masked_differs', [field]: 'masked_differs' } }),
      );
    }
    // A manager sees no ID number: one that only the source holds would be moved unseen.
    // A manager sees no ID number at all: the refusal does not name the field.
    expect(() => planMerge({ survivor, sources: [row(2, { idNumber: '11010119900307451X' })], picks: {}, visibility: as('manager'), fieldOn: () => true })).toThrow(expect.objectContaining({ fields: { merge: 'masked_differs' } }));
  });

  it('ID number and bank card take no part while they are turned off; when on, even the owner (who sees them masked) keeps the holder', () => {
    const survivor = row(1, {});
    const holder = row(2, { idNumber: '11010119900307451X' });
    expect(planMerge({ survivor, sources: [holder], picks: {}, visibility: as('manager'), fieldOn: (f) => f !== 'idNumber' && f !== 'bankCard' }).changes).toEqual({});
    expect(() => planMerge({ survivor, sources: [holder], picks: {}, visibility: as('owner'), fieldOn: () => true })).toThrow(expect.objectContaining({ fields: { merge: 'masked_differs', idNumber: 'masked_differs' } }));
    expect(planMerge({ survivor: holder, sources: [row(1, { company: 'A' })], picks: {}, visibility: as('owner'), fieldOn: () => true }).changes).toEqual({ company: 'A' });
    expect(() => planMerge({ survivor, sources: [row(2, { bankCard: '6222020200112233445' })], picks: { bankCard: 2 }, visibility: as('owner'), fieldOn: (f) => f !== 'idNumber' && f !== 'bankCard' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
