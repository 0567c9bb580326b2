/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../shared/bridge';
import { CHANNEL_NAMES, contract } from '../../../shared/contract';

// Every feature file's channel map (each exports one `…Channels` object), found on disk so a new
// feature file cannot be forgotten here.
const channelFiles = import.meta.glob<Record<string, unknown>>('../../../shared/channels/*.ts', { eager: true });
const channelParts = Object.values(channelFiles).flatMap((file) => Object.entries(file).filter(([name]) => name.endsWith('Channels')).map(([, part]) => part as object));
import { pickLocale } from '../../../shared/locale';
import { createAppService } from '../../../electron/core/app/app-service';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
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
    const parts = channelParts.map((part) => Object.keys(part));
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
