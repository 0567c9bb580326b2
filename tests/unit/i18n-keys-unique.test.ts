import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The catalogues are spreads of per-feature files (renderer/src/i18n/<feature>.<locale>.ts): a key
// defined in two files silently keeps the later one, as 'bin.empty' did (issue 16's erasure
// shadowed the recycle bin's sentence and an e2e test waited for the lost one).
const DIR = path.resolve(__dirname, '../../renderer/src/i18n');

describe('message keys', () => {
  it.each(['en', 'zh-CN'])('each %s key is defined in one feature file only', (locale) => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith(`.${locale}.ts`));
    expect(files.length).toBeGreaterThan(10);
    const where = new Map<string, string[]>();
    for (const file of files) {
      for (const [, key] of fs.readFileSync(path.join(DIR, file), 'utf8').matchAll(/^ {2}'([^']+)':/gm)) {
        where.set(key!, [...(where.get(key!) ?? []), file]);
      }
    }
    expect([...where].filter(([, inFiles]) => inFiles.length > 1)).toEqual([]);
  });
});
