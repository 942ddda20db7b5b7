/** A CLI command: a name, a one-line summary and a run function that throws AppError on failure. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../core/app-error.js';

/** What main.ts hands every command besides its arguments. */
export interface CommandContext {
  /**
   * Aborted on the first SIGINT/SIGTERM. A long-running command stops on it (an import rolls back
   * the whole run and throws INTERRUPTED; a server closes and returns); a second signal
   * ends the process at once.
   */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  run(args: string[], context: CommandContext): Promise<void>;
}

/**
 * Thrown by parseCommandArgs for `--help`/`-h`: main.ts prints `text` to stdout and exits 0.
 * (Commands never exit themselves; this unwinds them before they open anything.)
 */
export class HelpRequest extends Error {
  readonly text: string;

  constructor(text: string) {
    super('help requested');
    this.name = 'HelpRequest';
    this.text = text;
  }
}

/**
 * node:util parseArgs, with unknown options reported as a USAGE error naming the option;
 * `--help`/`-h` throws a HelpRequest carrying `help`.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  help: string,
) {
  if (args.includes('--help') || args.includes('-h')) throw new HelpRequest(help);
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new AppError('USAGE', `${command}: ${(e as Error).message}\n\n${help}`, { cause: e });
  }
}

export function parseYear(raw: string | undefined, what: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^(19|20)\d{2}$/.test(raw))
    throw new AppError('USAGE', `${what} must be a four-digit year, got '${raw}'`);
  return Number(raw);
}

/** "2014-2024" → [2014..2024]; "2016,2018" → [2016, 2018]. */
export function parseYearList(raw: string, what: string): number[] {
  const out: number[] = [];
  for (const part of raw.split(',')) {
    const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(part);
    if (!m) throw new AppError('USAGE', `${what}: '${part}' is not a year or year range`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) out.push(y);
  }
  return out;
}
