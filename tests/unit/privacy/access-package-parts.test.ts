import { describe, expect, it } from 'vitest';
import { REASON_MAX } from '../../../electron/core/audit/audit-log';
import { oneTimePassword } from '../../../electron/core/privacy/access-package-files';
import { auditReason, packageFileName } from '../../../electron/core/privacy/access-package-service';

describe('access package parts', () => {
  it('one-time passwords: four groups of four from the unambiguous alphabet, every character used, no repeats', () => {
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const password = oneTimePassword();
      expect(password).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
      seen.add(password);
      for (const c of password.replace(/-/g, '')) chars.add(c);
    }
    expect(seen.size).toBe(2000);
    // 31 symbols; none of 0 O 1 I L.
    expect(chars.size).toBe(31);
  });

  it('file names carry a date and a random part only', () => {
    const at = new Date('2026-12-03T12:00:00Z');
    const a = packageFileName(at);
    expect(a).toMatch(/^coffer-access-20261203-[0-9a-f]{8}\.zip$/);
    expect(packageFileName(at)).not.toBe(a);
  });

  it('the audit reason names sections with counts, and falls back to counts alone when too long for the log', () => {
    const sha = 'a'.repeat(64);
    expect(auditReason(sha, 12, [{ section: 'record', rows: 1 }, { section: 'interactions', rows: 40 }])).toBe(`sha256=${sha} request=12 rows=record:1,interactions:40`);
    const many = Array.from({ length: 12 }, (_, i) => ({ section: `section_number_${i}`, rows: i }));
    const reason = auditReason(sha, null, many);
    expect(reason).toBe(`sha256=${sha} request=- rows=${many.map((m) => m.rows).join(',')}`);
    expect(reason.length).toBeLessThanOrEqual(REASON_MAX);
  });
});
