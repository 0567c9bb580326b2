import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../shared/bridge';
import { accountChannels } from '../../../shared/channels/account';
import { activityChannels } from '../../../shared/channels/activity';
import { approvalChannels } from '../../../shared/channels/approvals';
import { monitoringChannels } from '../../../shared/channels/monitoring';
import { accessReviewChannels } from '../../../shared/channels/access-review';
import { dataRulesChannels } from '../../../shared/channels/data-rules';
import { adminChannels } from '../../../shared/channels/admin';
import { appChannels } from '../../../shared/channels/app';
import { customerChannels } from '../../../shared/channels/customers';
import { duplicateChannels } from '../../../shared/channels/duplicates';
import { exportChannels } from '../../../shared/channels/export';
import { importChannels } from '../../../shared/channels/import';
import { listChannels } from '../../../shared/channels/list';
import { mergeChannels } from '../../../shared/channels/merge';
import { ownershipChannels } from '../../../shared/channels/ownership';
import { qualityChannels } from '../../../shared/channels/quality';
import { recordChannels } from '../../../shared/channels/record';
import { crmChannels } from '../../../shared/channels/crm';
import { backupChannels } from '../../../shared/channels/backup';
import { settingsProfileChannels } from '../../../shared/channels/settings-profile';
import { shieldChannels } from '../../../shared/channels/shield';
import { CHANNEL_NAMES, contract } from '../../../shared/contract';
import { pickLocale } from '../../../shared/locale';
import { createAppService } from '../../../electron/core/app/app-service';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { consentChannels } from '../../../shared/channels/consent';
import { tempDir } from '../../support/tmp';

describe('locale from the OS', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-CN', 'en-US'], 'zh-CN'],
    [['zh_TW'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de-DE'], 'en'],
    [[], 'en'],
  ])('%j -> %s', (preferred, expected) => {
    expect(pickLocale(preferred)).toBe(expected);
  });

  it('remembers a switch across restarts and survives a damaged preferences file', async () => {
    const profileDir = tempDir();
    const options = {
      profileDir,
      appVersion: '1',
      osLocales: ['zh-CN'],
      schemaVersion: () => 0,
      sqliteVersion: () => 'x',
    };
    expect(createAppService(options).locale()).toBe('zh-CN');
    createAppService(options).setLocale('en');
    expect(createAppService(options).locale()).toBe('en');
    const fs = await import('node:fs');
    fs.writeFileSync(`${profileDir}/preferences.json`, '{not json');
    expect(createAppService(options).locale()).toBe('zh-CN');
  });
});

describe('translations', () => {
  it('zh-CN has every English key, none empty, none left in English', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) {
      expect(text.trim(), key).not.toBe('');
      // Brand names and "VIP" read the same in both languages.
      if (!['app.name', 'level.vip'].includes(key)) expect(text, key).not.toBe(en[key as keyof typeof en]);
    }
  });
});

describe('contract', () => {
  it('no channel is defined in two feature files (a spread would silently keep only one)', () => {
    const parts = [appChannels, adminChannels, customerChannels, crmChannels, backupChannels, ownershipChannels, accountChannels, duplicateChannels, exportChannels, importChannels, mergeChannels, qualityChannels, recordChannels, listChannels, settingsProfileChannels, activityChannels, shieldChannels, approvalChannels, monitoringChannels, accessReviewChannels, dataRulesChannels].map((part) => Object.keys(part));
    // Issue 16's feature files, one line each (the list above merges badly when several streams edit it).
    parts.push(Object.keys(consentChannels));
    expect(parts.flat()).toHaveLength(CHANNEL_NAMES.length);
    expect(new Set(parts.flat()).size).toBe(CHANNEL_NAMES.length);
  });
});

describe('bridge', () => {
  it('exposes exactly the contract channels, frozen, each forwarding its own name', async () => {
    const seen: unknown[] = [];
    const bridge = createBridge(CHANNEL_NAMES, async (channel, input) => {
      seen.push([channel, input]);
      return { ok: true, value: null };
    });
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    await bridge['app.setLocale']({ locale: 'en' });
    expect(seen).toEqual([['app.setLocale', { locale: 'en' }]]);
  });
});
