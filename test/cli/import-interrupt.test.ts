import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { spawnCli } from './run-cli.js';

const FILES = ['a', 'b', 'c', 'd'];

/**
 * A tidy CSV of 200,000 values: 2,000 invented buurten of GM0999, ten indicators named after
 * the file (`a_0` … `a_9`), years 2010–2019. Big enough that parsing and writing it take a while.
 */
function writeTidyCsv(path: string, name: string): void {
  const lines = ['code,year,indicator,value'];
  for (let w = 0; w < 20; w++)
    for (let b = 0; b < 100; b++) {
      const code = `BU0999${String(w).padStart(2, '0')}${String(b).padStart(2, '0')}`;
      for (let i = 0; i < 10; i++)
        for (let year = 2010; year < 2020; year++)
          lines.push(`${code},${year},${name}_${i},${w * 100 + b + i}`);
    }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('veerkracht import, stopped by SIGTERM', () => {
  it('rolls back the whole run — the files reported before, the file in progress — and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-cli-interrupt-'));
    const folder = join(dir, 'in');
    mkdirSync(folder);
    for (const f of FILES) writeTidyCsv(join(folder, `${f}.csv`), f);
    const db = join(dir, 'store.db');

    const child = spawnCli(['import', '--json', '--division', '2020', folder], { VEERKRACHT_DB: db });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdout.on('data', (chunk: string) => {
      const first = !stdout.includes('\n');
      stdout += chunk;
      if (first && stdout.includes('\n')) child.kill('SIGTERM'); // after the first file's report
    });
    const code = await exited;

    const reports = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string });
    expect(reports.map((r) => r.file)).toEqual(['a.csv']);
    expect(code).toBe(130);
    expect(stderr).toMatch(
      /veerkracht: error INTERRUPTED: interrupted at .*b\.csv: nothing of this import was written, the store is as before/,
    );

    const store = openSqliteStore({ path: db, readonly: true });
    try {
      const counts = store.db
        .prepare(
          `SELECT substr(i.indicator, 1, 1) AS file, COUNT(*) AS n FROM area_values v
           JOIN value_indicators i ON i.id = v.indicator_id GROUP BY 1 ORDER BY 1`,
        )
        .all();
      expect(counts).toEqual([]);
      expect(await store.listImports()).toEqual([]);
      expect(await store.listEditions()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
