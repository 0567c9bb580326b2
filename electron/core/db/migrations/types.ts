import type { Db } from '../open-database';

export interface Migration {
  /** 1, 2, 3...: stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Db): void;
}
