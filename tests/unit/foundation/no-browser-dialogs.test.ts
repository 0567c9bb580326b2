import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Electron's renderer throws on window.prompt and has no usable alert/confirm, while Chromium (and
// so every e2e test) has all three: only the lint rule stops one from landing. Each form is linted
// as if it lived in renderer/, and must be refused; the app's own dialog hooks must pass.
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') });
const RULES = new Set(['no-restricted-globals', 'no-restricted-properties']);

async function dialogErrors(code: string, filePath = 'renderer/src/features/x.tsx'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && RULES.has(m.ruleId)).length;
}

describe('no browser dialogs in the renderer', () => {
  it.each([
    'export const a = window.prompt("Password");',
    'export const a = window.alert("Saved");',
    'export const a = window.confirm("Sure?");',
    'export const a = prompt("Password");',
    'export const a = alert("Saved");',
    'export const a = confirm("Sure?");',
    'export const a = globalThis.prompt("Password");',
    'export const a = self.confirm("Sure?");',
    'export const a = window["prompt"]("Password");',
    'export const ask = prompt;',
  ])('refuses %s', async (code) => {
    expect(await dialogErrors(code)).toBeGreaterThan(0);
  });

  it.each([
    // A local function or a method of the app's own called confirm is not the browser's.
    'const confirm = (n: number) => n + 1;\nexport const a = confirm(1);',
    'import { useConfirm } from "../components/prompts";\nexport function A() { const [, confirm] = useConfirm(); return confirm; }',
    'export const a = (d: { confirm(): void }) => d.confirm();',
  ])('allows %s', async (code) => {
    expect(await dialogErrors(code)).toBe(0);
  });

  it('holds for the renderer source as it is now', async () => {
    const results = await eslint.lintFiles(['renderer/src']);
    const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId !== null && RULES.has(m.ruleId)).map((m) => `${path.relative(process.cwd(), r.filePath)}:${m.line}`));
    expect(hits).toEqual([]);
  });
});
