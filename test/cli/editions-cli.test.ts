/** The compiled CLI records a data edition per import run that changes the maps' input, and `status` lists them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'geo', name);

describe('veerkracht import / status: data editions', () => {
  it(
    'says which edition a run recorded, none for a run that changed nothing, and lists them',
    { timeout: 240_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'vk-cli-editions-'));
      const env = { VEERKRACHT_DB: join(dir, 'store.db'), VEERKRACHT_EDITIONS_RETAIN: '2' };
      const boundaries = runCli(['import', fixture('pdok-buurten-rd.geojson')], env);
      expect(boundaries.status).toBe(0);
      expect(boundaries.stdout).toMatch(/^data edition 1 \(editie \d{4}-1\) recorded$/m);
      const again = runCli(['import', fixture('pdok-buurten-rd.geojson')], env);
      expect(again.status).toBe(0);
      expect(again.stdout).not.toMatch(/data edition/);
      const values = join(dir, 'waarden.csv');
      for (const [i, v] of [30, 40].entries()) {
        writeFileSync(values, `code,year,indicator,value\nBU09990001,2020,corporation_share,${v}\n`);
        const r = runCli(['import', '--division', '2021', values], env);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(
          new RegExp(`^data edition ${i + 2} \\(editie \\d{4}-${i + 2}\\) recorded$`, 'm'),
        );
      }
      const status = runCli(['status'], env);
      expect(status.stdout).toMatch(/^ {4}1 editie \d{4}-1 .* indeling 2021 {2}\(no longer kept\)$/m);
      expect(status.stdout).toMatch(/^ {4}3 editie \d{4}-3 .* indeling 2021 {2}\(newest\)$/m);
      const json = JSON.parse(runCli(['status', '--json'], env).stdout) as {
        dataEditions: { id: number; available: boolean }[];
      };
      expect(json.dataEditions.map((d) => [d.id, d.available])).toEqual([
        [1, false],
        [2, true],
        [3, true],
      ]);
    },
  );
});
