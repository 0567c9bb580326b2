import { migration001 } from './001-meta-and-users';
import { migration002 } from './002-audit';
import { migration003 } from './003-sign-in-security';
import { migration004 } from './004-customers';
import { migration005 } from './005-approvals';
import { migration006 } from './006-customer-search';
import { migration007 } from './007-interactions-purchases';
import { migration008 } from './008-reminders';
import { migration009 } from './009-backups';
import { migration010 } from './010-read-path-indexes';
import { migration011 } from './011-audit-customers';
import { migration012 } from './012-owner-approvals';
import { migration013 } from './013-id-number-check-x';
import { migration014 } from './014-customer-pinyin';
import { migration015 } from './015-duplicate-keys';
import { migration016 } from './016-imports';
import { migration017 } from './017-customer-merges';
import { migration018 } from './018-quality-indexes';
import { migration019 } from './019-customer-sort-name';
import { migration020 } from './020-wechat-birthday';
import { migration021 } from './021-dashboard-aggregates';
import { migration022 } from './022-shop-settings';
import { migration023 } from './023-managed-levels';
import { migration024 } from './024-dashboard-counts';
import { migration025 } from './025-approval-requests';
import { migration026 } from './026-monitoring';
import { migration027 } from './027-data-rules';
import { migration028 } from './028-privacy-settings';
import { migration029 } from './029-consent';
import { migration030 } from './030-privacy-requests';
import { migration031 } from './031-erasure';
import { migration032 } from './032-decision-ledger';
import { migration033 } from './033-field-classes';
import { migration036 } from './036-request-steps';
import { migration037 } from './037-consent-links';
import { migration034 } from './034-retention';
import { migration038 } from './038-field-erasure-ledger';
import { migration035 } from './035-breach-register';
import { migration039 } from './039-audit-filters';
import type { Migration } from './types';

export type { Migration } from './types';

/** Forward-only, in order. Never edit a shipped migration: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
  migration025,
  migration026,
  migration027,
  migration028,
  migration029,
  migration030,
  migration031,
  migration032,
  migration033,
  migration034,
  migration035,
  migration036,
  migration037,
  migration038,
  migration039,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
