import fs from 'node:fs';
import path from 'node:path';
import { createKeytarKeychain, type Keychain } from '../../electron/core/keychain/keychain';

/** Where one run keeps its files; everything lives under the run's temporary folder. */
export function benchPaths(dir: string) {
  return {
    profile: path.join(dir, 'profile'),
    backups: path.join(dir, 'backups'),
    plain: path.join(dir, 'plain.db'),
    scratch: path.join(dir, 'scratch'),
    state: path.join(dir, 'bench-state.json'),
  };
}

/** What the build step hands to the measuring process (a file in the run's temporary folder). */
export interface BenchState {
  customers: number;
  interactionsPerCustomer: number;
  serviceName: string;
  /** Keychain accounts written under serviceName; removed by the cleanup step. */
  accounts: string[];
  /** The demo team's made-up passwords (this throwaway vault's only). */
  passwords: Record<string, string>;
  dbFile: string;
  buildSeconds: number;
  decryptSeconds: number;
  rows: Record<string, number>;
}

export function readState(dir: string): BenchState {
  return JSON.parse(fs.readFileSync(benchPaths(dir).state, 'utf8')) as BenchState;
}

export function writeState(dir: string, state: BenchState): void {
  fs.writeFileSync(benchPaths(dir).state, JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** The real OS keychain under this run's own service name, remembering every account written. */
export function benchKeychain(serviceName: string, written: Set<string>): Keychain {
  const keychain = createKeytarKeychain(serviceName);
  return {
    ...keychain,
    set: (account, secret) => {
      written.add(account);
      return keychain.set(account, secret);
    },
  };
}

export function argValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}
