import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../renderer/src/i18n';
import { GLOSSARY, KEY_STORE_NAMES } from '../../renderer/src/i18n/glossary';
import { useAppStore } from '../../renderer/src/stores/app-store';

// Every message module, including ones a catalog forgot to spread: the file name says the language.
const I18N = path.resolve(__dirname, '../../renderer/src/i18n');
const modules: Record<string, Record<string, unknown>> = {};
beforeAll(async () => {
  for (const file of fs.readdirSync(I18N).filter((f) => /(^|\.)(en|zh-CN)\.ts$/.test(f))) {
    modules[file] = (await import(path.join(I18N, file))) as Record<string, unknown>;
  }
});

interface Message {
  file: string;
  key: string;
  text: string;
}

function messages(language: 'zh-CN' | 'en'): Message[] {
  const found: Message[] = [];
  for (const [file, module] of Object.entries(modules)) {
    const lang = /(^|\.)zh-CN\.ts$/.test(file) ? 'zh-CN' : /(^|\.)en\.ts$/.test(file) ? 'en' : null;
    if (lang !== language) continue;
    for (const value of Object.values(module)) {
      if (!value || typeof value !== 'object') continue;
      for (const [key, text] of Object.entries(value as Record<string, unknown>)) if (typeof text === 'string') found.push({ file, key, text });
    }
  }
  return found;
}

const matches = (text: string, banned: string | RegExp) => (typeof banned === 'string' ? text.includes(banned) : banned.test(text));

describe('one set of terms across every screen', () => {
  let zh: Message[] = [];
  let en: Message[] = [];
  beforeAll(() => {
    zh = messages('zh-CN');
    en = messages('en');
  });

  it('walks every message file of both languages', () => {
    expect(zh.length).toBeGreaterThan(500);
    expect(en.length).toBe(zh.length);
    expect(new Set(zh.map((m) => m.file)).size).toBeGreaterThan(10);
  });

  it('no message uses a banned variant of a glossary term', () => {
    const offences: string[] = [];
    for (const term of GLOSSARY) {
      for (const m of zh) for (const b of term.bannedZh) if (matches(m.text, b)) offences.push(`${m.file} ${m.key}: ${String(b)} (say ${term.zh}): ${m.text}`);
      for (const m of en) for (const b of term.bannedEn) if (matches(m.text, b)) offences.push(`${m.file} ${m.key}: ${String(b)} (say ${term.en}): ${m.text}`);
    }
    expect(offences).toEqual([]);
  });

  it('uses every glossary term somewhere, so the glossary says what the screens say', () => {
    const unused: string[] = [];
    for (const term of GLOSSARY) {
      if (!zh.some((m) => m.text.includes(term.zh))) unused.push(`zh ${term.zh}`);
      if (!en.some((m) => m.text.toLowerCase().includes(term.en.toLowerCase()))) unused.push(`en ${term.en}`);
    }
    expect(unused).toEqual([]);
  });

  it('has no term banned by another entry', () => {
    for (const term of GLOSSARY) {
      for (const other of GLOSSARY) {
        for (const b of other.bannedZh) expect(matches(term.zh, b), `${term.zh} vs ${String(b)}`).toBe(false);
        for (const b of other.bannedEn) expect(matches(term.en, b), `${term.en} vs ${String(b)}`).toBe(false);
      }
    }
  });

  it('names the key store as the OS shows it, never a banned word in the fallback', () => {
    expect(KEY_STORE_NAMES['zh-CN'].win32).toContain('凭据管理器');
    expect(KEY_STORE_NAMES['zh-CN'].darwin).toContain('钥匙串访问');
    expect(KEY_STORE_NAMES.en.win32).toBe('Windows Credential Manager');
    const zhText = translate('zh-CN', 'keychain.unavailable');
    expect(zhText).toContain(KEY_STORE_NAMES['zh-CN'].other);
    expect(zhText).not.toContain('{keyStore}');
    expect(translate('zh-CN', 'keychain.unavailable', { keyStore: KEY_STORE_NAMES['zh-CN'].win32 })).toContain('Windows 凭据管理器');
  });
});

describe('the key store named for the platform Coffer runs on', () => {
  afterEach(() => useAppStore.setState({ version: null }));
  it.each([
    ['win32', '“Windows 凭据管理器”', 'Windows Credential Manager'],
    ['darwin', '“钥匙串访问”', 'macOS Keychain'],
    ['linux', '系统密钥环', 'system keyring'],
  ])('%s', (platform, zhName, enName) => {
    useAppStore.setState({ version: { app: '1', schema: 1, sqlite: '3', platform } });
    expect(translate('zh-CN', 'unlock.reason.keychain-unavailable')).toBe(`这台电脑没有可用的${zhName}。请输入恢复密钥打开数据库。`);
    expect(translate('en', 'error.KEYCHAIN_UNAVAILABLE')).toBe(`The ${enName} is not available. Unlock it, or use your recovery key.`);
  });
});
