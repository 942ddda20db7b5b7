/**
 * The shipped CBS gemeente register (src/core/gemeente-register.ts): consistent with its own
 * herindelingen year by year, with the counts CBS publishes, and — when VEERKRACHT_REAL_DATA is
 * set — equal to the gemeente codes and names of the real files it was derived from.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseAreaName } from '../../src/core/area-name.js';
import {
  GEMEENTE_REGISTER,
  MERGERS,
  findGemeentenByName,
  findRegisterGemeente,
  gemeenteCodesOf,
  mergedOnDivision,
  predecessorsOf,
  successorsOf,
} from '../../src/core/gemeente-register.js';
import { hasRealData, realDataFile } from '../real-data.js';

/** Number of gemeenten on 1 January (CBS, "Gemeentelijke indeling op 1 januari"). */
const COUNTS: Record<number, number> = {
  2014: 403,
  2015: 393,
  2016: 390,
  2017: 388,
  2018: 380,
  2019: 355,
  2020: 355,
  2021: 352,
  2022: 345,
  2023: 342,
  2024: 342,
  2025: 342,
};

describe('the gemeente register 2014–2025', () => {
  it('has as many gemeenten per year as CBS counts', () => {
    for (const [year, n] of Object.entries(COUNTS))
      expect(gemeenteCodesOf(Number(year)), year).toHaveLength(n);
  });

  it('explains every code that ends or starts by a herindeling of that year', () => {
    for (let year = 2015; year <= 2025; year++) {
      const before = new Set(gemeenteCodesOf(year - 1));
      const after = new Set(gemeenteCodesOf(year));
      const ended = [...before].filter((c) => !after.has(c)).sort();
      const started = [...after].filter((c) => !before.has(c)).sort();
      const mergers = MERGERS.filter((m) => m.year === year);
      expect([...new Set(mergers.flatMap((m) => m.from))].sort(), `ended in ${year}`).toEqual(ended);
      for (const m of mergers) expect(after.has(m.into), `${m.into} exists in ${year}`).toBe(true);
      for (const c of started)
        expect(
          mergers.map((m) => m.into),
          `${c} started in ${year}`,
        ).toContain(c);
    }
  });

  it('has one entry per code', () => {
    expect(new Set(GEMEENTE_REGISTER.map((g) => g.code)).size).toBe(GEMEENTE_REGISTER.length);
  });

  it('finds a gemeente by any of its names, within a division year', () => {
    expect(findGemeentenByName('Den Haag')).toEqual(['GM0518']);
    expect(findGemeentenByName("'s-Gravenhage", 2016)).toEqual(['GM0518']);
    expect(findGemeentenByName('s Gravenhage')).toEqual(['GM0518']);
    expect(findGemeentenByName('Den Bosch')).toEqual(['GM0796']);
    expect(findGemeentenByName('Sudwest Fryslan')).toEqual(['GM1900']);
    expect(findGemeentenByName('Tietjerksteradeel')).toEqual(['GM0737']);
    expect(findGemeentenByName('HEERLEN', 2016)).toEqual(['GM0917']);
    expect(findGemeentenByName('Hengelo')).toEqual(['GM0164']);
    expect(findGemeentenByName('Hengelo (O.)')).toEqual(['GM0164']);
    expect(findGemeentenByName('Bergen (NH.)')).toEqual(['GM0373']);
    expect(findGemeentenByName('Bergen')).toEqual(['GM0373', 'GM0893']);
    expect(findGemeentenByName('Weesp', 2022)).toEqual(['GM0457']);
    expect(findGemeentenByName('Weesp', 2023)).toEqual([]);
    expect(findGemeentenByName('Haaren', 2020)).toEqual(['GM0788']);
    expect(findGemeentenByName('Haaren', 2021)).toEqual([]);
    expect(findGemeentenByName('Atlantis')).toEqual([]);
  });

  it('names the 2015/2016 mergers by their CBS names', () => {
    expect(findRegisterGemeente('GM0381')).toMatchObject({ name: 'Bussum', first: 2014, last: 2015 });
    expect(findRegisterGemeente('GM1942')).toMatchObject({ name: 'Gooise Meren', first: 2016, last: 2025 });
    expect(findRegisterGemeente('GM1921')).toMatchObject({ name: 'De Friese Meren', last: 2014 });
    expect(findRegisterGemeente('GM1940')).toMatchObject({ name: 'De Fryske Marren', first: 2015 });
  });
});

const gz = (path: string): string => gunzipSync(readFileSync(realDataFile(path))).toString('utf8');
const csvRows = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true }) as Record<string, string>[];
type Feature = { properties: Record<string, unknown> };

/** Code → name (null when the file gives codes only) per division year, read from the real files. */
function realGemeenten(): Record<number, Map<string, string | null>> {
  const out: Record<number, Map<string, string | null>> = {};
  const kwb = csvRows(gz('cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz'));
  out[2024] = new Map(kwb.filter((r) => r['niveau'] === 'gemeente').map((r) => [r['code']!, r['naam']!]));
  const g22 = JSON.parse(
    gz('cbs-geo/gemeente_2022_nl_gegeneraliseerd__RishikeshGovind-nlstat.geojson.gz'),
  ) as {
    features: Feature[];
  };
  out[2022] = new Map(
    g22.features.map((f) => [String(f.properties['statcode']), String(f.properties['statnaam'])]),
  );
  const rivm = csvRows(gz('rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz'));
  out[2020] = new Map(
    rivm
      .filter((r) => r['WijkenEnBuurten']!.trim().startsWith('GM'))
      .map((r) => [r['WijkenEnBuurten']!.trim(), r['Gemeentenaam_1']!.trim()]),
  );
  const g19 = JSON.parse(gz('cbs-geo/gemeente_2019_nl__derived-from-buurt_2019.geojson.gz')) as {
    features: Feature[];
  };
  out[2019] = new Map(g19.features.map((f) => [String(f.properties['gm_code']), null]));
  const w16 = JSON.parse(gz('cbs-geo/wijk_2016_nl_rd__elan-dcc-wijkprofielen.geojson.gz')) as {
    features: Feature[];
  };
  out[2016] = new Map(w16.features.map((f) => [String(f.properties['GMC']), String(f.properties['GMN'])]));
  const b14 = JSON.parse(
    readFileSync(realDataFile('cbs-geo/buurt_2014_nl_coarse__ties.topojson'), 'utf8'),
  ) as {
    objects: Record<string, { geometries: Feature[] }>;
  };
  out[2014] = new Map(
    Object.values(b14.objects).flatMap((o) =>
      o.geometries.map((g) => [`GM${String(g.properties['statcode']).slice(2, 6)}`, null] as const),
    ),
  );
  return out;
}

describe.skipIf(!hasRealData)('the gemeente register against the real files it was derived from', () => {
  it('has exactly the gemeente codes of 2014, 2016, 2019, 2020, 2022 and 2024, under the names those files use', () => {
    for (const [year, gemeenten] of Object.entries(realGemeenten())) {
      expect(gemeenteCodesOf(Number(year)).sort(), `codes ${year}`).toEqual([...gemeenten.keys()].sort());
      for (const [code, name] of gemeenten) {
        if (name === null) continue;
        const g = findRegisterGemeente(code)!;
        const names = [g.name, ...g.alternatives].map(normaliseAreaName);
        expect(names, `${year} ${code}`).toContain(normaliseAreaName(name));
      }
    }
  }, 60_000);
});

describe('successors and predecessors through the herindelingen', () => {
  it('follows a merger forward and back, only to gemeenten that existed after the year asked', () => {
    expect(successorsOf('GM0003')).toEqual(['GM1979']); // Appingedam → Eemsdelta (2021)
    expect(successorsOf('GM0788')).toEqual(['GM0757', 'GM0824', 'GM0855', 'GM0865']); // Haaren, split
    expect(successorsOf('GM0363')).toEqual([]); // Amsterdam exists
    expect(predecessorsOf('GM1979', 2019)).toEqual(['GM0003', 'GM0010', 'GM0024']);
    expect(predecessorsOf('GM1979', 2021)).toEqual([]); // the merger was on 1 January 2021
    expect(predecessorsOf('GM0363', 2020)).toEqual(['GM0457']); // Weesp (2023)
    // chains: Haaren (split 2021) had no predecessors since 2014; Groningen took Haren and Ten Boer in 2019
    expect(predecessorsOf('GM0014', 2018)).toEqual(['GM0009', 'GM0017']);
    expect(predecessorsOf('GM0014', 2019)).toEqual([]);
  });
});

describe('a gemeente formed after the division year, on that division', () => {
  it('is the gemeenten it merged, when every herindeling that formed it merged whole gemeenten', () => {
    expect(mergedOnDivision('GM1980', 2019)).toEqual({
      code: 'GM1980',
      name: 'Dijk en Waard',
      since: 2022,
      from: ['GM0398', 'GM0416'],
    });
    expect(mergedOnDivision('GM1979', 2019)?.from).toEqual(['GM0003', 'GM0010', 'GM0024']); // Eemsdelta
    expect(mergedOnDivision('GM1992', 2019)?.since).toBe(2023); // Voorne aan Zee
    expect(mergedOnDivision('GM1970', 2018)?.from).toEqual(['GM0058', 'GM0079', 'GM1722']); // Noardeast-Fryslân
    expect(mergedOnDivision('GM1966', 2018)).toBeUndefined(); // Het Hogeland: Winsum was split (2019)
  });

  it('is nothing for a gemeente of that year, a split, or a year before the register', () => {
    expect(mergedOnDivision('GM0363', 2019)).toBeUndefined(); // Amsterdam existed (Weesp came later)
    expect(mergedOnDivision('GM1982', 2019)).toBeUndefined(); // Land van Cuijk: Sint Anthonis partly to Boekel
    expect(mergedOnDivision('GM1980', 2022)).toBeUndefined(); // exists then
    expect(mergedOnDivision('GM1980', 2010)).toBeUndefined();
    expect(mergedOnDivision('GM9999', 2019)).toBeUndefined();
  });
});
