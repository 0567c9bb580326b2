import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { MARKERS, accessWorld } from './access-helpers';
import { openPackage, seedPerson } from './access-package-helpers';

/**
 * "Opens with common zip tools": the real file main wrote, opened by 7-Zip (p7zip-full, installed
 * in .ci/run) with the one-time password, refused with a wrong one, and read by zip.js too.
 */
const run7z = (args: string[]) => spawnSync('7z', args, { encoding: 'utf8' });

describeKeychain('access package and a common zip tool', () => {
  it('7-Zip opens it with the one-time password, refuses a wrong one, and the JSON reads back', async () => {
    expect(run7z(['i']).status, '7z (p7zip-full) must be installed for this test').toBe(0);
    const folder = tempDir('coffer-access-7z-');
    const world = await accessWorld({ pickFolder: async () => folder });
    await seedPerson(world);
    const answer = await world.router.dispatch(world.caller('owner'), 'privacy.accessPackage', { customerId: 1 });
    if (!answer.ok) throw new Error(answer.error.code);
    const { fileName, password } = answer.value as { fileName: string; password: string };
    const file = path.join(folder, fileName);

    // The listing shows AES-256 on every entry.
    const listing = run7z(['l', '-slt', `-p${password}`, file]);
    expect(listing.status).toBe(0);
    const methods = listing.stdout.split('\n').filter((l) => l.startsWith('Method = '));
    expect(methods).toHaveLength(3);
    for (const method of methods) expect(method).toContain('AES-256');

    const wrongOut = tempDir('coffer-access-7z-wrong-');
    const wrong = run7z(['x', '-y', '-pAAAA-AAAA-AAAA-AAAA', `-o${wrongOut}`, file]);
    expect(wrong.status).not.toBe(0);
    expect(`${wrong.stdout}${wrong.stderr}`).toMatch(/Wrong password/i);
    // Nothing readable was left behind by the failed attempt.
    for (const name of fs.readdirSync(wrongOut)) expect(fs.readFileSync(path.join(wrongOut, name), 'utf8')).not.toContain('王伟');

    const out = tempDir('coffer-access-7z-out-');
    const right = run7z(['x', '-y', `-p${password}`, `-o${out}`, file]);
    expect(right.status, right.stderr).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['README.txt', 'access-package.json', 'access-package.xlsx']);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'access-package.json'), 'utf8')) as { sections: { record: { name: string; mobile: string }[] } };
    expect(json.sections.record[0]).toMatchObject({ name: '王伟', mobile: MARKERS.mobile });

    // zip.js reads the same file to the same JSON.
    const opened = await openPackage(fs.readFileSync(file), password);
    expect(opened.json).toEqual(json);
    world.core.close();
  });
});
