/**
 * The reference-vault benchmark (issue 7), bundled and run by bench/run.mjs in three steps, each
 * its own process so the measuring one holds only what the app would:
 *   build   --dir D --service S --customers N --interactions I --worker W
 *   measure --dir D --service S --worker W --samples K --heavy-runs R [--only dashboard] [--write-docs] [--root R]
 *   cleanup --dir D
 */
import { buildReference } from './reference/build';
import { cleanupKeychain, measure } from './reference/measure';
import { printResults, writeDocs } from './reference/report';
import { argValue } from './reference/state';

async function main(argv: string[]): Promise<void> {
  const mode = argv[0];
  const dir = argValue(argv, '--dir');
  if (!dir) throw new Error('--dir is required');
  const root = argValue(argv, '--root') ?? process.cwd();
  const worker = argValue(argv, '--worker') ?? '';
  if (mode === 'build') {
    const service = argValue(argv, '--service');
    if (!service) throw new Error('--service is required');
    await buildReference(dir, Number(argValue(argv, '--customers') ?? 100_000), Number(argValue(argv, '--interactions') ?? 10), service, worker);
  } else if (mode === 'measure') {
    const results = await measure({ dir, worker, samples: Number(argValue(argv, '--samples') ?? 200), heavyRuns: Number(argValue(argv, '--heavy-runs') ?? 3), only: argValue(argv, '--only'), auditRows: argValue(argv, '--audit-rows') ? Number(argValue(argv, '--audit-rows')) : undefined });
    printResults(results, root);
    if (argv.includes('--write-docs')) console.log(`\nWrote ${writeDocs(results, root, 'npm run bench')}`);
  } else if (mode === 'cleanup') {
    await cleanupKeychain(dir);
  } else {
    throw new Error(`unknown mode ${mode ?? '(none)'}`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
