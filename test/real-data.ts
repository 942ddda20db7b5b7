/**
 * Where the shared real open data lives (VEERKRACHT_REAL_DATA). Unset: tests that need it are
 * skipped, with one line saying why. Set but missing: those tests fail.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const configured = process.env['VEERKRACHT_REAL_DATA'];
let announced = false;

/** The real-data folder, or undefined when VEERKRACHT_REAL_DATA is unset (tests then skip). */
export function realDataDir(): string | undefined {
  if (!configured) {
    if (!announced) {
      announced = true;
      process.stdout.write(
        'real-data tests skipped: VEERKRACHT_REAL_DATA is not set (point it at ../shared/data)\n',
      );
    }
    return undefined;
  }
  return configured;
}

/** A file in the real-data folder; throws (the test fails) when the folder or file is missing. */
export function realDataFile(relative: string): string {
  const dir = realDataDir();
  if (!dir) throw new Error('VEERKRACHT_REAL_DATA is not set');
  const path = join(dir, relative);
  if (!existsSync(path))
    throw new Error(`VEERKRACHT_REAL_DATA is set to ${dir} but ${relative} is missing there`);
  return path;
}

export const hasRealData = configured !== undefined && configured !== '';
