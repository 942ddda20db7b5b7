/**
 * Own stock per complex by address (POST /api/own-stock): rows with postcode and house number
 * instead of a buurt code are placed by CBS's postcode–house number table in the store
 * (`veerkracht postcodes import`, test/fixtures/postcode); an address the table does not hold is
 * named with its line and postcode, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnStockImportReportSchema } from '../../src/api/members.js';
import { ErrorBodySchema } from '../../src/api/schemas.js';
import { importPostcodeTable } from '../../src/pipeline/sources/postcode/import-postcode-table.js';
import { membersFixture, type MembersFixture } from './members-fixture.js';

describe('own stock by postcode and house number', () => {
  let f: MembersFixture;
  beforeAll(async () => {
    f = await membersFixture('members');
  }, 120_000);
  afterAll(() => f?.close());

  const upload = (text: string) =>
    f.app.request('/api/own-stock?file=complexen.csv', {
      method: 'POST',
      headers: {
        ...f.viewers['org-admin'].headers,
        'X-CSRF-Token': f.viewers['org-admin'].csrf!,
        'Content-Type': 'text/csv',
      },
      body: text,
    });
  const stock = async () =>
    (
      (await (
        await f.app.request('/api/own-stock?year=2025', { headers: f.viewers.member.headers })
      ).json()) as {
        buurten: { code: string; dwellings: number }[];
      }
    ).buurten.map((b) => [b.code, b.dwellings]);
  const FILE =
    'complex;postcode;huisnummer;toevoeging;woningen;jaar\nHofstraat;6411AB;1;;30;2025\nPlein;6411 ab;3;A;10;2025\nKerkrade-Oost;6461AA;10;;8;2025\n';

  it('says the postcode table is missing while the store holds none', async () => {
    const res = await upload(FILE);
    expect(res.status).toBe(400);
    const { error } = ErrorBodySchema.parse(await res.json());
    expect(error.code).toBe('AREA_UNMATCHED');
    expect(error.message).toContain('veerkracht postcodes import');
    expect(await stock()).toEqual([]);
  });

  it('places each complex in the buurt of its address and sums them', async () => {
    await importPostcodeTable(f.store, 'test/fixtures/postcode/pc6hnr20200801_gwb.csv');
    const res = await upload(FILE);
    expect(res.status).toBe(201);
    expect(OwnStockImportReportSchema.parse(await res.json())).toEqual({
      file: 'complexen.csv',
      rows: 3,
      buurten: 2,
      dwellings: 48,
      years: [2025],
      layout: 'complex',
      addressRows: 3,
    });
    expect(await stock()).toEqual([
      ['BU09170000', 40],
      ['BU09280000', 8],
    ]);
  });

  it('names every address the table does not hold, with its line and postcode, and keeps the stock', async () => {
    const before = await stock();
    const res = await upload(`${FILE}Nieuwbouw;6411AB;7;;12;2025\nElders;6499ZZ;1;;3;2025\n`);
    expect(res.status).toBe(400);
    const { error } = ErrorBodySchema.parse(await res.json());
    expect(error.code).toBe('AREA_UNMATCHED');
    expect(error.message).toContain('2 addresses are not in');
    expect(error.message).toContain('line 5: 6411AB 7; line 6: 6499ZZ 1');
    expect(error.message).not.toMatch(/\/work|\.ts:/);
    expect(await stock()).toEqual(before);
  });
});
