#!/usr/bin/env node
/**
 * `veerkracht <command>` — the only place that turns errors into exit codes.
 * Commands live in ./commands/<verb>.ts and return normally or throw an AppError.
 */
import { AppError, isAppError } from '../core/app-error.js';
import { COMMANDS } from './command-list.js';

const USAGE = `veerkracht <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Store: ./data/veerkracht.db, or the file in VEERKRACHT_DB.
Run 'veerkracht <command> --help' for a command's options. --debug prints stack traces.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 64;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`veerkracht: unknown command '${name}'\n\n${USAGE}\n`);
    return 64;
  }
  await command.run(rest.filter((a) => a !== '--debug'));
  return 0;
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isAppError(e)) {
      process.stderr.write(`veerkracht: error ${e.code}: ${e.message}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      process.exitCode = e.exitCode;
    } else {
      const err = new AppError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
      process.stderr.write(`veerkracht: error ${err.code}: ${err.message}\n`);
      if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
      process.exitCode = err.exitCode;
    }
  },
);
