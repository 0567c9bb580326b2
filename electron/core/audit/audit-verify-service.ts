import type { JobRunner } from '../backup/job-runner';
import type { VaultService } from '../vault/vault-service';
import { verifyAuditIncremental, writeCheckpoint } from './audit-checkpoint';
import type { AuditVerdict } from './audit-verify';

export type VerifyScope = 'new' | 'full';

/**
 * Verify as the app runs it (issue 18). 'new': from the last clean verify's checkpoint, on the
 * main thread (the rows added since: milliseconds); with no usable checkpoint, or anything not
 * clean after it, it becomes a full verify. 'full': every row from the first, on a worker thread
 * with progress, so the app answers other calls meanwhile. A clean verdict moves the checkpoint.
 * The verdict is verifyAudit's, row for row (the worker runs that same function).
 */
export function createAuditVerifyService(deps: { vault: VaultService; runner: Pick<JobRunner, 'auditVerify'> }) {
  let running: { percent: number } | null = null;
  let inFlight: Promise<AuditVerdict> | null = null;

  function full(): Promise<AuditVerdict> {
    // Two people pressing the button share one walk.
    if (inFlight) return inFlight;
    const material = deps.vault.backupMaterial();
    running = { percent: 0 };
    inFlight = deps.runner
      .auditVerify({ dbFile: material.dbFile, key: material.key, nativeBinding: material.nativeBinding }, (_step, percent) => {
        if (percent !== undefined) running = { percent };
      })
      .finally(() => {
        material.key.fill(0);
        running = null;
        inFlight = null;
      });
    return inFlight;
  }

  return {
    async verify(scope: VerifyScope): Promise<{ verdict: AuditVerdict; scope: VerifyScope }> {
      const quick = scope === 'new' ? verifyAuditIncremental(deps.vault.db()) : null;
      const verdict = quick ?? (await full());
      if (verdict.ok && verdict.head) writeCheckpoint(deps.vault.db(), verdict.head);
      return { verdict, scope: quick ? 'new' : 'full' };
    },
    /** The running full verify's progress, or null when none runs. */
    progress: (): { percent: number } | null => running,
  };
}

export type AuditVerifyService = ReturnType<typeof createAuditVerifyService>;
