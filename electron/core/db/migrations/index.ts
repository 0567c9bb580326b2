import { migration001 } from './001-meta-and-users';
import type { Migration } from './types';

export type { Migration } from './types';

/** Forward-only, in order. Never edit a shipped migration: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
