import { migrate } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { ERASE_AGAIN } from './ledger-erase';
import { erasedPersonPresent, reapplyLedger, type LedgerSource } from './ledger-reapply';
import { listLedgerEntries, readLedgerSecret, type LedgerEntry } from './ledger-repository';

/** The live ledger as it crosses to the drill worker: JSON-plain (the secret as base64). */
export interface DrillLedger {
  secret: string | null;
  entries: LedgerEntry[];
}

/**
 * The drill's 'erased-absent' check: the scratch copy is restored the way a real restore does it
 * (migrated, then the live ledger re-applied), and no person on the ledger may still be there.
 * Runs last, on the scratch copy the drill wipes anyway: the copy's bytes were checked already.
 */
export function erasedAbsentCheck(file: string, key: Uint8Array, nativeBinding: string | undefined, live: DrillLedger | undefined): { ok: boolean; detail: string } {
  const db = openDatabase(file, key, { nativeBinding });
  try {
    migrate(db);
    const source: LedgerSource = { secret: live?.secret ? Buffer.from(live.secret, 'base64') : null, entries: live?.entries ?? [] };
    const result = db.transaction(() => reapplyLedger(db, source, ERASE_AGAIN, new Date()))();
    const secret = readLedgerSecret(db);
    const erasures = listLedgerEntries(db).filter((e) => e.kind === 'erase');
    const present = secret ? erasures.filter((e) => erasedPersonPresent(db, e, secret)).length : 0;
    if (present > 0) return { ok: false, detail: `${present} erased person(s) present after restore` };
    return { ok: true, detail: `${erasures.length} erasure(s) checked; ${result.reapplied} decision(s) re-applied` };
  } finally {
    db.close();
  }
}
