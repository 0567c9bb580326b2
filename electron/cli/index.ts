import { parseArgs } from 'node:util';
import { defaultProfileDir } from './profile-path';
import { runDemo } from './demo-command';
import { runVerify } from './verify-command';

const USAGE = `Usage:
  coffer demo --customers <N> [--profile <folder>] [--seed <n>] [--interactions <avg>] [--sensitive]
      Creates a demo vault with N made-up customers (default: the desktop app's profile folder).
  coffer backup verify <file> --recovery-key-file <file>
      Runs the restore drill on one backup file with the recovery key alone; exits 1 if any check fails.`;

const APP_VERSION = process.env.npm_package_version ?? '0.0.0';

/** Command-line entry: `npm run demo -- --customers 1000`, or `npx coffer …` after `npm run build`. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'demo') {
    const { values } = parseArgs({
      args: rest,
      options: { customers: { type: 'string', default: '1000' }, profile: { type: 'string' }, seed: { type: 'string' }, interactions: { type: 'string' }, sensitive: { type: 'boolean', default: false } },
    });
    const customers = Number(values.customers);
    if (!Number.isInteger(customers) || customers < 0 || customers > 5_000_000) {
      console.error('--customers takes a whole number from 0 to 5000000.');
      return 2;
    }
    return runDemo(
      {
        customers,
        profile: values.profile ?? defaultProfileDir(),
        ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
        ...(values.interactions !== undefined ? { interactions: Number(values.interactions) } : {}),
        sensitive: values.sensitive,
      },
      (line) => console.log(line),
      APP_VERSION,
    );
  }
  if (command === 'backup' && rest[0] === 'verify') {
    const { values, positionals } = parseArgs({ args: rest.slice(1), allowPositionals: true, options: { 'recovery-key-file': { type: 'string' } } });
    if (positionals.length !== 1) {
      console.error(USAGE);
      return 2;
    }
    return runVerify(positionals[0]!, values['recovery-key-file'], (line) => console.log(line));
  }
  console.error(USAGE);
  return command === undefined || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Typed errors carry a message written for people; anything else is reported without detail.
    const message = error instanceof Error && error.name === 'CofferError' ? error.message : 'Unexpected failure. Nothing was changed.';
    console.error(message);
    process.exit(1);
  },
);
