/**
 * `veerkracht postcodes import|status` and `own-stock import` by address, through the compiled CLI:
 * the CBS postcode table loaded (and refused whole on a bad row, exit 65), then complexes given by
 * postcode and house number placed in their buurten.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticStore } from '../server/synthetic-store.js';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/fixtures/postcode/pc6hnr20200801_gwb.csv';

describe('veerkracht postcodes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-postcodes-'));
  const env = { VEERKRACHT_DB: join(dir, 'store.db'), VEERKRACHT_CONFIG: '' };
  beforeAll(async () => {
    const store = await syntheticStore(
      { gemeenten: 2, buurtenPerGemeente: 4, gemeenteCodes: ['GM0917', 'GM0928'] },
      env.VEERKRACHT_DB,
    );
    await store.members.createOrganisation(
      'Woonstichting Zuid',
      'woonstichting-zuid',
      '2026-01-01T00:00:00Z',
    );
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the table, refuses a bad file whole (exit 65) and says which table is loaded', () => {
    expect(runCli(['postcodes', 'status'], env).stdout).toContain('no postcode table');
    const ok = runCli(['postcodes', 'import', FIXTURE], env);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(
      'veerkracht: postcode table pc6hnr20200801_gwb.csv: 10 addresses in 7 buurten of 4 gemeenten, indeling 2020\n',
    );
    const bad = join(dir, 'pc6hnr20210801_gwb.csv');
    writeFileSync(
      bad,
      'PC6;Huisnummer;Buurt2021;Wijk2021;Gemeente2021\n6411AB;1;09170000;091700;0917\n6411AB;1;09170001;091700;0917\n',
    );
    const refused = runCli(['postcodes', 'import', bad], env);
    expect(refused.status).toBe(65);
    expect(refused.stderr).toContain(
      "CSV_DUPLICATE_ROW: pc6hnr20210801_gwb.csv, line 3 (row 2), column 'PC6', found '6411AB;1': the address 6411AB 1 is in the file twice",
    );
    expect(runCli(['postcodes', 'status'], env).stdout).toMatch(
      /^postcode table: pc6hnr20200801_gwb\.csv, indeling 2020, 10 addresses, imported /,
    );
    expect(runCli(['postcodes'], env).status).toBe(64);
  });

  it('places own stock given by postcode and house number in its buurten', () => {
    const file = join(dir, 'complexen.csv');
    writeFileSync(
      file,
      'complex;postcode;huisnummer;woningen;jaar\nHofstraat;6411AB;1;30;2025\nPlein;6461AA;12;8;2025\n',
    );
    const r = runCli(['own-stock', 'import', '--organisation', 'Woonstichting Zuid', file], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'veerkracht: own stock of Woonstichting Zuid: complexen.csv (per complex), 2 rows (2 placed by postcode), 2 buurten, 38 dwellings, year(s) 2025, indeling 2020\n',
    );
  });
});
