/**
 * Files for the data-edition tests, written to a temporary folder: boundaries of eight buurten of
 * Heerlen (GeoJSON in RD New, indeling 2021) and tidy CSVs of corporation share and inhabitants
 * per buurt — a first file (2018, 2020), and a newer one that revises 2020 for two buurten and
 * adds 2022.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUURTEN = Array.from({ length: 8 }, (_, i) => `BU091700${String(i + 1).padStart(2, '0')}`);

/** Corporation share of buurt i in a year, as the first file has it. */
export const share = (i: number, year: number): number => 5 + i * 9 + (year - 2018);

export function writeBoundaries(dir: string): string {
  const features = BUURTEN.map((code, i) => {
    const x = 190000 + (i % 4) * 500;
    const y = 320000 + Math.floor(i / 4) * 500;
    return {
      type: 'Feature',
      properties: {
        buurtcode: code,
        buurtnaam: `Buurt ${i + 1}`,
        wijkcode: 'WK091700',
        gemeentecode: 'GM0917',
        gemeentenaam: 'Heerlen',
        water: 'NEE',
        jaar: 2021,
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 500, y],
            [x + 500, y + 500],
            [x, y + 500],
            [x, y],
          ],
        ],
      },
    };
  });
  const path = join(dir, 'buurten_2021.geojson');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
      features,
    }),
  );
  return path;
}

function tidy(dir: string, name: string, rows: [string, number, string, number][]): string {
  const path = join(dir, name);
  writeFileSync(path, ['code,year,indicator,value', ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return path;
}

/** The first values: 2018 and 2020 for every buurt. */
export function writeFirstValues(dir: string): string {
  return tidy(
    dir,
    'waarden-2020.csv',
    BUURTEN.flatMap((code, i) =>
      [2018, 2020].flatMap((year): [string, number, string, number][] => [
        [code, year, 'corporation_share', share(i, year)],
        [code, year, 'inhabitants', 1000 + i * 10],
      ]),
    ),
  );
}

/** The newer file: 2020 revised for buurten 1 and 2 (+20 points), and 2022 for every buurt (buurt 1 +20 as well). */
export function writeNewerValues(dir: string): string {
  return tidy(dir, 'waarden-2022.csv', [
    [BUURTEN[0]!, 2020, 'corporation_share', share(0, 2020) + 20],
    [BUURTEN[1]!, 2020, 'corporation_share', share(1, 2020) + 20],
    ...BUURTEN.flatMap((code, i): [string, number, string, number][] => [
      [code, 2022, 'corporation_share', share(i, 2022) + (i === 0 ? 20 : 0)],
      [code, 2022, 'inhabitants', 1000 + i * 10],
    ]),
  ]);
}
