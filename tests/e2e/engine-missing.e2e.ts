import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { launchApp, type TestApp } from './harness';

// The database module failed to load: the person sees what is wrong, that the data is fine and
// what to run, in their language; never the setup wizard (which would show a recovery key for a
// vault it cannot make) or "restore from a backup".

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function truncatedModule(): string {
  const good = path.resolve(__dirname, '../../node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
  const file = path.join(tempDir('coffer-engine-'), 'better_sqlite3.node');
  fs.writeFileSync(file, fs.readFileSync(good).subarray(0, 200_000));
  return file;
}

describe('database engine missing screen', () => {
  it.each([
    { locale: 'en-US', title: 'The database engine for this version of Coffer is missing', untouched: 'Your data is untouched', module: () => path.join(tempDir('coffer-engine-'), 'missing.node') },
    { locale: 'zh-CN', title: '缺少此版本 Coffer 的数据库引擎', untouched: '您的数据完好无损', module: truncatedModule },
  ])('$locale: says what is wrong, that the data is untouched and what to run; setup is not offered', async ({ locale, title, untouched, module }) => {
    const log: string[] = [];
    app = await launchApp({ osLocales: [locale], core: { nativeBinding: module(), log: (line) => log.push(line) } });
    const { page } = app;
    const screen = page.getByTestId('engine-missing');
    await screen.waitFor();
    expect(await screen.getByRole('heading', { level: 2 }).textContent()).toBe(title);
    expect(await screen.textContent()).toContain(untouched);
    expect(await page.getByTestId('engine-command').textContent()).toBe('npm run native:electron');
    expect(await screen.textContent()).toContain('DATABASE_ENGINE_MISSING');
    expect(await page.getByTestId('setup').count()).toBe(0);
    expect(await page.getByTestId('unlock').count()).toBe(0);
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(log).toEqual([expect.stringContaining('DATABASE_ENGINE_MISSING')]);
    // Through the same bridge, setup is refused with the code the screen is about.
    const begin = () => (window as unknown as { coffer: Record<string, (input: unknown) => Promise<unknown>> }).coffer['setup.begin']!({ owner: { username: 'anna', displayName: 'Anna', password: 'Correct horse 9' } });
    expect(await page.evaluate(begin)).toMatchObject({ ok: false, error: { code: 'DATABASE_ENGINE_MISSING' } });
    expect(fs.readdirSync(app.profileDir)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
