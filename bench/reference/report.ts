import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Results, Row } from './measure';

const START = '<!-- reference-bench:start -->';
const END = '<!-- reference-bench:end -->';

function duration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

function figure(row: Row, value: number | undefined): string {
  if (value === undefined) return '—';
  return row.unit === 'MB' ? `${value.toFixed(0)} MB` : duration(value);
}

function cells(row: Row): string[] {
  const ratio = row.coffer && row.plain ? `${(row.coffer.median / row.plain.median).toFixed(2)}×` : '—';
  const met = row.target ? (row.target.met ? 'met' : 'NOT MET') : '';
  return [
    row.operation,
    String(row.coffer?.n ?? '—'),
    figure(row, row.coffer?.median),
    row.coffer && row.coffer.n > 1 ? figure(row, row.coffer.p95) : '—',
    figure(row, row.plain?.median),
    row.plain && row.plain.n > 1 ? figure(row, row.plain.p95) : '—',
    ratio,
    row.target?.text ?? '',
    met,
  ];
}

const HEADER = ['operation', 'n', 'coffer median', 'coffer p95', 'plain median', 'plain p95', 'ratio', 'target', ''];

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

function driverVersion(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function machineLine(root: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, better-sqlite3-multiple-ciphers ${driverVersion(root)} / SQLite ${sqliteVersion()}`;
}

function summaryLines(results: Results, root: string): string[] {
  const { state } = results;
  const rows = Object.entries(state.rows)
    .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
    .join(', ');
  return [
    `Machine: ${machineLine(root)}.`,
    'coffer: the vault (SQLCipher, raw key, 64 MiB page cache, WAL, synchronous=FULL) through the router (validation, session, scope, masking, audit row) or by the same SQL direct, as labelled. plain: that same SQL on an unencrypted copy of the vault with the same pragmas. ratio: coffer median / plain median. Pages and searches as a manager (all customers, contact fields in full; the only role that may search phone and e-mail besides the owner) unless the row says sales (own customers, contact fields masked). Search fragments are cut from random customers: 2-character Chinese names or pieces of 3-character ones (王伟, 晓明), whole 3-character names (张晓明), 4-7 digits of a mobile, the first 3-6 characters of an e-mail, the pinyin of a Chinese name typed in full (wangwei), as initials (ww) or as a prefix of the full pinyin (wangw).',
    `Reference vault: ${state.customers.toLocaleString('en')} customers, about ${state.interactionsPerCustomer} interactions each (${rows}); vault file ${(results.vaultBytes / 1024 ** 2).toFixed(0)} MB, plain twin ${(results.plainBytes / 1024 ** 2).toFixed(0)} MB. Built in ${state.buildSeconds.toFixed(0)} s (VACUUM included), decrypted twin in ${state.decryptSeconds.toFixed(1)} s.`,
  ];
}

/** The aligned table for the terminal. */
export function printResults(results: Results, root: string): void {
  const table = [HEADER, ...results.rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => [...line[column]!].length)));
  const pad = (text: string, column: number) => (column === 0 || column === 7 ? text.padEnd(widths[column]!) : text.padStart(widths[column]!));
  console.log('');
  for (const line of summaryLines(results, root)) console.log(line);
  console.log('');
  table.forEach((line, index) => {
    console.log(line.map(pad).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  console.log('');
  for (const note of results.notes) console.log(`- ${note}`);
  console.log('');
  console.log(verdict(results));
}

function verdict(results: Results): string {
  const missed = results.rows.filter((r) => r.target && !r.target.met);
  return missed.length === 0 ? 'All targets met.' : `Targets not met: ${missed.map((r) => r.operation).join('; ')}.`;
}

/** Replaces the generated part of docs/benchmarks.md (between its markers) with this run's figures. */
export function writeDocs(results: Results, root: string, command: string): string {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const body = [
    START,
    `## Reference vault: Coffer against plain SQLite (\`${command}\`)`,
    '',
    `Figures of the last full run, ${new Date().toISOString().slice(0, 10)}. Written by the benchmark itself; do not edit by hand.`,
    '',
    ...summaryLines(results, root).map((line) => `${line}\n`),
    '| operation | n | Coffer median | Coffer p95 | plain median | plain p95 | ratio | target | |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.rows.map((row) => `| ${cells(row).join(' | ')} |`),
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
    verdict(results),
    END,
  ].join('\n');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  let next: string;
  if (start >= 0 && end > start) next = current.slice(0, start) + body + current.slice(end + END.length);
  else {
    const titleEnd = current.indexOf('\n') + 1;
    next = `${current.slice(0, titleEnd)}\n${body}\n${current.slice(titleEnd)}`;
  }
  fs.writeFileSync(file, next);
  return file;
}
