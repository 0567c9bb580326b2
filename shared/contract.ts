import type { z } from 'zod';
import { accessPackageChannels } from './channels/access-package';
import { accessReviewChannels } from './channels/access-review';
import { accountChannels } from './channels/account';
import { activityChannels } from './channels/activity';
import { adminChannels } from './channels/admin';
import { appChannels } from './channels/app';
import { approvalChannels } from './channels/approvals';
import { backupChannels } from './channels/backup';
import { crmChannels } from './channels/crm';
import { dataRulesChannels } from './channels/data-rules';
import { privacySettingsChannels } from './channels/privacy-settings';
import { privacyRequestChannels } from './channels/privacy-requests';
import { consentChannels } from './channels/consent';
import { customerChannels } from './channels/customers';
import { duplicateChannels } from './channels/duplicates';
import { erasureChannels } from './channels/erasure';
import { retentionChannels } from './channels/retention';
import { exportChannels } from './channels/export';
import { importChannels } from './channels/import';
import { listChannels } from './channels/list';
import { mergeChannels } from './channels/merge';
import { monitoringChannels } from './channels/monitoring';
import { ownershipChannels } from './channels/ownership';
import { qualityChannels } from './channels/quality';
import { recordChannels } from './channels/record';
import { settingsProfileChannels } from './channels/settings-profile';
import { shieldChannels } from './channels/shield';
import { breachChannels } from './channels/breach';

/**
 * The IPC contract, written once (one file per feature under shared/channels/). The preload
 * exposes exactly these channel names, the router validates and authorizes with them, and the
 * renderer's client is typed from them.
 */
export { appStatusSchema, appVersionSchema, localeSchema, roleSchema, sessionUserSchema, vaultStateSchema } from './channels/common';
export type { AppStatus, AppVersion, ChannelSpec, Locale, Role, SessionUser, VaultState } from './channels/common';

export const contract = {
  ...appChannels,
  ...adminChannels,
  ...customerChannels,
  ...crmChannels,
  ...backupChannels,
  ...ownershipChannels,
  ...accountChannels,
  ...duplicateChannels,
  ...exportChannels,
  ...importChannels,
  ...mergeChannels,
  ...qualityChannels,
  ...recordChannels,
  ...listChannels,
  ...settingsProfileChannels,
  ...activityChannels,
  ...shieldChannels,
  ...approvalChannels,
  ...monitoringChannels,
  ...accessReviewChannels,
  ...dataRulesChannels,
  ...privacySettingsChannels,
  ...privacyRequestChannels,
  ...accessPackageChannels,
  ...consentChannels,
  ...erasureChannels,
  ...retentionChannels,
  ...breachChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}
