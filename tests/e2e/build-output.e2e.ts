import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Facts about the production build that the Electron shell relies on but cannot be run here.
const OUT = path.resolve(__dirname, '../../out');

describe('production build', () => {
  it('the preload is one CommonJS bundle that requires nothing but electron (sandbox rule)', () => {
    const preload = fs.readFileSync(path.join(OUT, 'preload', 'index.js'), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(fs.readdirSync(path.join(OUT, 'preload'))).toEqual(['index.js']);
  });

  it('main keeps the native modules external, so each runtime loads its own build', () => {
    const main = fs.readFileSync(path.join(OUT, 'main', 'index.js'), 'utf8');
    // Text from inside better-sqlite3 and keytar: present only if they were bundled.
    expect(main).not.toContain('Expected the "nativeBinding" option');
    expect(main).not.toContain('keytar.node');
    expect(main).toMatch(/require\(["']electron["']\)/);
  });

  it('the renderer has no inline script or style, so the CSP needs no unsafe keyword', () => {
    const html = fs.readFileSync(path.join(OUT, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
