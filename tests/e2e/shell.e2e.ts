import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('app shell in Chromium', () => {
  it('renders the shell with data that came through the real router', async () => {
    app = await launchApp({ osLocales: ['en-US'] });
    const { page } = app;
    await page.getByTestId('app-shell').waitFor();
    await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-phase')).toBe('ready');
    // needs-setup can only appear if app.status answered. The version line is no longer a footer
    // on every screen: it is Settings > About (navigation.e2e.ts reads it there).
    expect(await page.getByTestId('vault-state').getAttribute('data-vault')).toBe('needs-setup');
    expect(await page.getByTestId('version').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Set up Coffer');
    expect(app.pageErrors).toEqual([]);
  });

  it('makes no network request outside its own origin', async () => {
    app = await launchApp();
    const { page, origin } = app;
    await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-phase')).toBe('ready');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await page.getByText('设置 Coffer').waitFor();
    expect(app.requests.length).toBeGreaterThan(1);
    const foreign = app.requests.filter((url) => !url.startsWith(`${origin}/`));
    expect(foreign).toEqual([]);
  });

  it('the CSP blocks a request to another origin even if code tries one', async () => {
    app = await launchApp();
    const { page, origin } = app;
    await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-phase')).toBe('ready');
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('http://127.0.0.1:9/exfiltrate');
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    expect(app.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  });

  it('picks Chinese from a Chinese OS and remembers a switch to English', async () => {
    const profileDir = tempDir('coffer-e2e-locale-');
    app = await launchApp({ osLocales: ['zh-Hans-CN', 'en-US'], profileDir });
    const { page } = app;
    await page.getByText('设置 Coffer').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByText('Set up Coffer').waitFor();
    await app.close();

    app = await launchApp({ osLocales: ['zh-Hans-CN'], profileDir });
    await app.page.getByText('Set up Coffer').waitFor();
    expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('a malformed call from the page gets a typed error envelope, not an exception', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-phase')).toBe('ready');
    const answers = await page.evaluate(async () => {
      const bridge = (window as unknown as { coffer: Record<string, (input: unknown) => Promise<unknown>> }).coffer;
      return Promise.all([
        bridge['app.setLocale']!({ locale: 'fr' }),
        bridge['app.setLocale']!({ locale: 'en', extra: 1 }),
        bridge['app.status']!('not an object'),
        (window as unknown as { __cofferInvoke: (c: string, i: unknown) => Promise<unknown> }).__cofferInvoke('app.nope', {}),
      ]);
    });
    expect(answers.map((answer) => (answer as { ok: boolean; error: { code: string } }).error.code)).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'UNKNOWN_CHANNEL',
    ]);
    expect(JSON.stringify(answers)).not.toMatch(/at .*\.ts:\d+|stack/i);
  });
});
