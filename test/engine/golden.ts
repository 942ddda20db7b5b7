/**
 * Golden files: `expectGolden(name, value)` compares with test/fixtures/engine/<name>.json.
 * UPDATE=1 rewrites the file; a difference writes <name>-changed.json next to it (for review)
 * and fails; a missing golden is written locally but fails under CI=true.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'engine');

export function expectGolden(name: string, value: unknown): void {
  const file = join(DIR, `${name}.json`);
  const text = `${JSON.stringify(value, null, 1)}\n`;
  if (process.env['UPDATE'] === '1' || (!existsSync(file) && process.env['CI'] !== 'true')) {
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden ${file} is missing (run with UPDATE=1 locally and review it)`);
  const expected = readFileSync(file, 'utf8');
  if (expected !== text) writeFileSync(join(DIR, `${name}-changed.json`), text);
  expect(JSON.parse(text)).toEqual(JSON.parse(expected));
}
