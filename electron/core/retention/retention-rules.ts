import type { RetentionRule, TouchKind } from '../../../shared/retention';
import type { Candidate } from './retention-repository';

export interface Touch {
  id: number;
  ruleId: number;
  kind: TouchKind;
  mode: RetentionRule['action'];
  lastContact: string;
  dormantAt: string | null;
  /** Why a due customer is exempt (kind 'held'): the owner's legal hold, or an open data-subject request. */
  heldFor?: 'legal-hold' | 'open-request';
}

export interface Classified {
  touches: Touch[];
  counts: { ruleId: number; dormant: number; propose: number; held: number }[];
  /** Customers marked dormant that no rule reaches any more (a longer override, a hold): to release. */
  release: number[];
}

/** `at` minus whole calendar years (29 February falls back to 28 / 1 March as Date does). */
export function yearsBefore(at: Date, years: number): string {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

/**
 * The rule that governs a customer: of the overrides it matches (its level, any of its tags, its
 * industry), the one that keeps it longest, so a longer buying cycle is never cut short by a
 * shorter rule it also matches; the default rule otherwise.
 */
export function ruleFor(c: Candidate, rules: readonly RetentionRule[]): RetentionRule {
  const tags = c.tags ? c.tags.split('\u001f') : [];
  const matching = rules.filter(
    (r) => (r.scope === 'level' && r.match === c.level) || (r.scope === 'industry' && c.industry !== null && r.match === c.industry.trim()) || (r.scope === 'tag' && tags.includes(r.match)),
  );
  const fallback = rules.find((r) => r.scope === 'default')!;
  return matching.reduce((best, r) => (r.proposeYears > best.proposeYears || (r.proposeYears === best.proposeYears && r.dormantYears > best.dormantYears) ? r : best), matching[0] ?? fallback);
}

/**
 * What the rules would do now: dormant after the rule's N years without contact, proposed after
 * its M years; a held customer (legal hold, open request) is counted (the dry run shows it
 * exempt, and why) and touched by nothing.
 */
export function classify(candidates: readonly Candidate[], rules: readonly RetentionRule[], at: Date): Classified {
  const limits = new Map(rules.map((r) => [r.id, { dormant: yearsBefore(at, r.dormantYears), propose: yearsBefore(at, r.proposeYears) }]));
  const counts = new Map(rules.map((r) => [r.id, { ruleId: r.id, dormant: 0, propose: 0, held: 0 }]));
  const touches: Touch[] = [];
  const release: number[] = [];
  for (const c of candidates) {
    const rule = ruleFor(c, rules);
    const limit = limits.get(rule.id)!;
    const due = c.lastContact < limit.dormant;
    if (!due || c.hold === 1 || c.openRequest === 1) {
      if (c.dormantAt !== null) release.push(c.id);
      if (due) {
        counts.get(rule.id)!.held += 1;
        const heldFor = c.hold === 1 ? 'legal-hold' : 'open-request';
        touches.push({ id: c.id, ruleId: rule.id, kind: 'held', mode: rule.action, lastContact: c.lastContact, dormantAt: c.dormantAt, heldFor });
      }
      continue;
    }
    const kind: TouchKind = c.lastContact < limit.propose ? 'propose' : 'dormant';
    counts.get(rule.id)![kind] += 1;
    touches.push({ id: c.id, ruleId: rule.id, kind, mode: rule.action, lastContact: c.lastContact, dormantAt: c.dormantAt });
  }
  return { touches, counts: [...counts.values()], release };
}

/**
 * The "due soon" list (即将到期): who reaches a threshold between `at` and `until`, so the owner
 * can reach out before a customer turns dormant or is proposed. A touch at `until` counts unless
 * the customer already has that same touch at `at`; held customers are exempt either way.
 */
export function reachingBy(candidates: readonly Candidate[], rules: readonly RetentionRule[], at: Date, until: Date): Pick<Classified, 'touches' | 'counts'> {
  const current = new Map(classify(candidates, rules, at).touches.map((t) => [t.id, t.kind]));
  const touches = classify(candidates, rules, until).touches.filter((t) => t.kind !== 'held' && current.get(t.id) !== t.kind);
  const counts = new Map(rules.map((r) => [r.id, { ruleId: r.id, dormant: 0, propose: 0, held: 0 }]));
  for (const t of touches) counts.get(t.ruleId)![t.kind as 'dormant' | 'propose'] += 1;
  return { touches, counts: [...counts.values()] };
}
