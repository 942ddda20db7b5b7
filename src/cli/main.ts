#!/usr/bin/env node
/**
 * `veerkracht <command>` — the only place that turns errors into exit codes and that exits.
 * Commands live in ./commands/<verb>.ts (loaded only when run, see command-list.ts) and return
 * normally or throw an AppError.
 *
 * Signals: the first SIGINT/SIGTERM aborts the AbortSignal every command receives (an import
 * rolls back the whole run and ends with INTERRUPTED, a server closes and the process
 * exits 0 on its own); a second one exits at once with 130 (SIGINT) or 143 (SIGTERM).
 *
 * bin/veerkracht.mjs and bin/start.mjs import the compiled module (dist/cli/main.js) and call
 * `runMain` in their own process; run as the entry module (`npm run veerkracht`, through tsx) it
 * starts itself.
 */
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError, isAppError } from '../core/app-error.js';
import { HelpRequest } from './command.js';
import { COMMANDS, findCommand } from './command-list.js';

const USAGE = `veerkracht <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Store: ./data/veerkracht.db, or the file in VEERKRACHT_DB.
Run 'veerkracht <command> --help' for a command's options. --debug prints stack traces.`;

/** Exit status after a second signal: 128 + the signal's number. */
const EXIT_ON_SECOND_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_ON_SECOND_SIGNAL;

async function runCommand(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 64;
  }
  const entry = findCommand(name);
  if (!entry) {
    process.stderr.write(`veerkracht: unknown command '${name}'\n\n${USAGE}\n`);
    return 64;
  }
  const command = await entry.load();
  await command.run(rest, { signal });
  return 0;
}

/** Prints an error as one line (the stack too with --debug) and returns its exit status. */
function reportError(e: unknown, debug: boolean): number {
  if (e instanceof HelpRequest) {
    process.stdout.write(`${e.text}\n`);
    return 0;
  }
  const err = isAppError(e)
    ? e
    : new AppError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
  process.stderr.write(`veerkracht: error ${err.code}: ${err.message}\n`);
  const stack = isAppError(e) ? e.stack : e instanceof Error ? e.stack : undefined;
  if (debug && stack) process.stderr.write(`${stack}\n`);
  return err.exitCode;
}

/**
 * Runs `veerkracht <argv>` in this process and sets `process.exitCode`. Resolves when the
 * command has finished; the process then ends by itself (nothing is left open).
 */
export async function runMain(argv: readonly string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const controller = new AbortController();
  const onSignal = (sig: HandledSignal): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`veerkracht: ${sig} again: exiting at once\n`);
      process.exit(EXIT_ON_SECOND_SIGNAL[sig]);
    }
    process.stderr.write(`veerkracht: ${sig}: stopping… (send it again to exit at once)\n`);
    controller.abort(new Error(`received ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await runCommand(
      argv.filter((a) => a !== '--debug'),
      controller.signal,
    );
  } catch (e) {
    process.exitCode = reportError(e, debug);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** True when this file is the program node was started with (not imported by bin/*.mjs). */
function isEntryModule(): boolean {
  const entry = process.argv[1];
  return (
    entry !== undefined &&
    existsSync(entry) &&
    realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  );
}

if (isEntryModule()) await runMain(process.argv.slice(2));
