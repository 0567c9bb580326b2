import path from 'node:path';
import { DEFAULT_APPROVAL_POLICY } from '../../shared/approvals';
import { setMeta } from '../../electron/core/db/meta-repository';
import type { Batch, DryRun } from '../../shared/retention';
import { tempDir } from '../support/tmp';
import { accessWorld } from './access-helpers';
import { OWNER } from './vault-helpers';

export const T0 = Date.parse('2020-01-15T10:00:00Z');
const DAY = 86_400_000;

/** A vault on a fake clock, for the retention rules (issue 17): every customer is created at T0. */
export async function retentionWorld() {
  const clock = { t: T0 };
  const exportsDir = tempDir();
  let exportCount = 0;
  const w = await accessWorld({ now: () => clock.t, pickSaveFile: async () => path.join(exportsDir, `notice-${++exportCount}.csv`) });
  const call = (role: 'owner' | 'manager' | 'sales' | 'support' | 'auditor', channel: string, input: unknown) => w.router.dispatch(w.caller(role), channel, input);
  const value = async <T>(role: Parameters<typeof call>[0], channel: string, input: unknown): Promise<T> => {
    const answer = await call(role, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${JSON.stringify(answer.error.fields ?? {})}`);
    return answer.value as T;
  };
  // The clock jumps years: sessions must not lock for idleness meanwhile (that rule has its own tests).
  setMeta(w.core.vault.db(), 'auth.idleMinutes', String(60 * 24 * 366 * 20));
  const owner = w.core.sessions.current('owner')!;
  const create = (name: string, extra: Record<string, unknown> = {}) => w.core.customers.create(owner, { name, ...extra }).id;
  return {
    w,
    call,
    value,
    create,
    clock,
    /** Moves the fake clock to a date (ISO) or by days. */
    at: (iso: string) => (clock.t = Date.parse(iso)),
    later: (days: number) => (clock.t += days * DAY),
    dryRun: () => value<DryRun>('owner', 'retention.dryRun', { limit: 500 }),
    batch: (id: number) => value<Batch>('owner', 'retention.batch', { id }),
    turnOn: (noticeDays = 30) => value('owner', 'retention.setSettings', { enabled: true, scheduleDays: 30, noticeDays }),
    /** The one-owner path with no cooling-off: the confirmation typed back is the number of customers. */
    approve: async (batchId: number, rows: number) => {
      await value('owner', 'approvals.setPolicy', { ...DEFAULT_APPROVAL_POLICY, coolingOffMinutes: 0 });
      const req = await value<{ id: number; state: string }>('owner', 'approvals.request', {
        operation: 'retention.anonymise',
        input: { batchId },
        reason: 'five years without contact',
        confirmSummary: String(rows),
        password: OWNER.password,
      });
      if (req.state !== 'approved') throw new Error(`approval ${req.state}`);
      return req.id;
    },
  };
}

export type RetentionWorld = Awaited<ReturnType<typeof retentionWorld>>;

export const kinds = (run: DryRun) => Object.fromEntries(run.customers.map((c) => [c.name, c.kind]));
