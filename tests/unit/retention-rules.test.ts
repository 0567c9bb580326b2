import { describe, expect, it } from 'vitest';
import type { RetentionRule } from '../../shared/retention';
import { classify, reachingBy, ruleFor, yearsBefore } from '../../electron/core/retention/retention-rules';
import type { Candidate } from '../../electron/core/retention/retention-repository';

const rule = (id: number, scope: RetentionRule['scope'], match: string, dormantYears: number, proposeYears: number): RetentionRule => ({ id, scope, match, dormantYears, proposeYears, action: 'anonymise' });
const RULES = [rule(1, 'default', '', 3, 5), rule(2, 'industry', '装修', 3, 8), rule(3, 'tag', 'school', 4, 6), rule(4, 'level', 'vip', 2, 4)];
const customer = (over: Partial<Candidate>): Candidate => ({ id: 1, level: 'regular', industry: null, tags: null, lastContact: '2020-01-15T10:00:00.000Z', hold: 0, openRequest: 0, dormantAt: null, ...over });

describe('retention rules as data (issue 17)', () => {
  it('a customer matching several overrides keeps the longest; none: the default', () => {
    expect(ruleFor(customer({}), RULES).id).toBe(1);
    expect(ruleFor(customer({ industry: ' 装修 ' }), RULES).id).toBe(2);
    expect(ruleFor(customer({ level: 'vip' }), RULES).id).toBe(4); // a shorter override still wins over the default
    expect(ruleFor(customer({ level: 'vip', industry: '装修', tags: `a\u001fschool` }), RULES).id).toBe(2);
    expect(ruleFor(customer({ tags: 'schoolbus' }), RULES).id).toBe(1); // a tag matches whole
  });

  it('whole calendar years back, and the boundary: due only strictly before it', () => {
    expect(yearsBefore(new Date('2023-01-15T10:00:00.000Z'), 3)).toBe('2020-01-15T10:00:00.000Z');
    const at = new Date('2023-01-15T10:00:00.000Z');
    expect(classify([customer({})], RULES, at).touches).toEqual([]);
    expect(classify([customer({ lastContact: '2020-01-15T09:59:59.999Z' })], RULES, at).touches.map((t) => t.kind)).toEqual(['dormant']);
  });

  it('a hold exempts (and releases a dormant mark); a customer no longer due is released', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const result = classify([customer({ id: 1, hold: 1, dormantAt: 'x' }), customer({ id: 2, lastContact: '2025-06-01', dormantAt: 'x' }), customer({ id: 3 })], RULES, at);
    expect(result.touches.map((t) => [t.id, t.kind])).toEqual([[1, 'held'], [3, 'propose']]);
    expect(result.release).toEqual([1, 2]);
    expect(result.counts.find((c) => c.ruleId === 1)).toEqual({ ruleId: 1, dormant: 0, propose: 1, held: 1 });
    expect(result.touches[0]).toMatchObject({ kind: 'held', heldFor: 'legal-hold' });
  });

  it('an open data-subject request exempts like a hold, and says so', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const result = classify([customer({ id: 1, openRequest: 1, dormantAt: 'x' }), customer({ id: 2, openRequest: 1, hold: 1 })], RULES, at);
    expect(result.touches.map((t) => [t.id, t.kind, t.heldFor])).toEqual([[1, 'held', 'open-request'], [2, 'held', 'legal-hold']]);
    expect(result.release).toEqual([1]);
  });

  it('due soon: who reaches a threshold in the window, not who is there already; held customers never', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const until = new Date('2026-01-31T00:00:00.000Z');
    const soon = reachingBy(
      [
        customer({ id: 1, lastContact: '2023-01-10T00:00:00.000Z' }), // dormant on 2026-01-10
        customer({ id: 2, lastContact: '2021-01-20T00:00:00.000Z' }), // dormant already, proposed on 2026-01-20
        customer({ id: 3, lastContact: '2022-06-01T00:00:00.000Z' }), // dormant already, proposal years away
        customer({ id: 4, lastContact: '2023-01-10T00:00:00.000Z', hold: 1 }), // would turn dormant: held
        customer({ id: 5, lastContact: '2023-03-01T00:00:00.000Z' }), // dormant only in March
        customer({ id: 6, lastContact: '2023-01-10T00:00:00.000Z', industry: '装修' }), // same date, the 装修 rule: dormant too
      ],
      RULES,
      at,
      until,
    );
    expect(soon.touches.map((t) => [t.id, t.kind])).toEqual([[1, 'dormant'], [2, 'propose'], [6, 'dormant']]);
    expect(soon.counts.find((c) => c.ruleId === 1)).toEqual({ ruleId: 1, dormant: 1, propose: 1, held: 0 });
    expect(soon.counts.find((c) => c.ruleId === 2)).toEqual({ ruleId: 2, dormant: 1, propose: 0, held: 0 });
  });
});
