/**
 * The stand-in's files, generated on first request into a work folder:
 *   - PDOK wijken-en-buurten: per year an INSPIRE atom service feed (`…/<year>/atom/index.xml`)
 *     linking to a dataset feed that lists the GeoPackage with its `length`; the GeoPackage name
 *     carries the year's version suffix (`wijkenbuurten_2022_v1.gpkg`) — a guessed unsuffixed
 *     name is a 404. The GeoPackage has layers gemeenten, wijken, buurten in RD New with PDOK's
 *     columns (buurtcode, buurtnaam, wijkcode, gemeentecode, gemeentenaam, water, jaar).
 *   - Leefbaarometer: the open-data zip of meting 2024 (ZIP64 layout), folder
 *     "Leefbaarometer 3.0 - Meting 2024 - open data" with the buurt scores CSV of every buurt of
 *     the 2024 division × the nine years (NA where a dimension was not modelled), a PC4 CSV and
 *     a large grid file (stored), so the archive is bigger than a streaming reader's memory.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gpkgBlob, writeGeoPackage } from '../pipeline/gpkg-writer.js';
import { hash01, type Nation, type StandInArea } from './national-set.js';
import { writeZip } from './zip-writer.js';

/** PDOK file names per year, version suffixes as published. */
export const PDOK_NAMES: Readonly<Record<number, string>> = {
  2017: 'wijkenbuurten_2017_v3.gpkg',
  2018: 'wijkenbuurten_2018_v3.gpkg',
  2019: 'wijkenbuurten_2019_v2.gpkg',
  2020: 'wijkenbuurten_2020_v3.gpkg',
  2021: 'wijkenbuurten_2021_v1.gpkg',
  2022: 'wijkenbuurten_2022_v1.gpkg',
  2023: 'wijkenbuurten_2023_v1.gpkg',
  2024: 'wijkenbuurten_2024.gpkg',
};

const square = (a: StandInArea) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [a.x, a.y],
      [a.x + a.w, a.y],
      [a.x + a.w, a.y + a.h],
      [a.x, a.y + a.h],
      [a.x, a.y],
    ],
  ],
});

/**
 * Writes (once) the GeoPackage of `year` into `dir`; returns its path. The gpkg_* tables as
 * test/pipeline/gpkg-writer.ts writes them, rows inserted in one transaction (a national file has
 * ~17,000 features).
 */
export function geoPackageFile(dir: string, nation: Nation, year: number, name: string): string {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const d = nation.division(year);
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  writeGeoPackage(tmp, []);
  const db = new Database(tmp);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const layers: [string, string[], StandInArea[], (a: StandInArea) => (string | number | null)[]][] = [
      [
        'gemeenten',
        ['gemeentecode', 'gemeentenaam', 'water', 'jaar'],
        d.gemeenten,
        (g) => [g.code, g.name, 'NEE', year],
      ],
      [
        'wijken',
        ['wijkcode', 'wijknaam', 'gemeentecode', 'gemeentenaam', 'water', 'jaar'],
        d.wijken,
        (w) => [w.code, w.name, w.gemeente, w.gemeenteName, 'NEE', year],
      ],
      [
        'buurten',
        ['buurtcode', 'buurtnaam', 'wijkcode', 'gemeentecode', 'gemeentenaam', 'water', 'jaar'],
        d.buurten,
        (b) => [b.code, b.name, b.wijk, b.gemeente, b.gemeenteName, 'NEE', year],
      ],
    ];
    db.transaction(() => {
      for (const [table, columns, areas, values] of layers) {
        db.exec(
          `CREATE TABLE "${table}" (fid INTEGER PRIMARY KEY, geom BLOB, ${columns.map((c) => `"${c}"`).join(', ')})`,
        );
        db.prepare(
          "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, 28992)",
        ).run(table, table);
        db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 28992, 0, 0)").run(
          table,
        );
        const insert = db.prepare(
          `INSERT INTO "${table}" (geom, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
        );
        for (const a of areas) insert.run(gpkgBlob(square(a), 28992), ...values(a));
      }
    })();
  } finally {
    db.close();
  }
  renameSync(tmp, path); // only complete files are served
  return path;
}

/** The atom service feed of a year (PDOK's layout: entries link to the dataset feed). */
export function serviceFeed(year: number): string {
  const base = `https://service.pdok.nl/cbs/wijkenbuurten/${year}/atom`;
  return `<?xml version='1.0' encoding='UTF-8'?>
<?xml-stylesheet href="./style/style.xsl" type="text/xsl" media="screen"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:inspire_dls="http://inspire.ec.europa.eu/schemas/inspire_dls/1.0" xmlns:georss="http://www.georss.org/georss">
  <id>${base}/index.xml</id>
  <title type="text" xml:lang="nl">CBS Wijken en Buurten ${year}</title>
  <subtitle type="text" xml:lang="nl">Download service van CBS Wijken en Buurten ${year}</subtitle>
  <link href="https://service.pdok.nl/atom/opensearch.xml" rel="search" type="application/opensearchdescription+xml" title="Open Search document voor INSPIRE Download service PDOK"/>
  <link href="${base}/index.xml" rel="self" type="application/atom+xml" hreflang="nl" title="Service Feed" />
  <link href="https://www.nationaalgeoregister.nl/geonetwork/srv/dut/csw?service=CSW&amp;version=2.0.2&amp;request=GetRecordById&amp;outputschema=http://www.isotc211.org/2005/gmd&amp;elementsetname=full&amp;id=wb${year}" rel="describedby" type="application/xml"/>
  <author><name>PDOK Beheer</name><email>beheerPDOK@kadaster.nl</email></author>
  <rights type="text">https://creativecommons.org/licenses/by/4.0/deed.nl</rights>
  <updated>${year + 1}-03-01T00:00:00Z</updated>
  <entry>
    <id>${base}/wijkenbuurten.xml</id>
    <title type="text" xml:lang="nl">CBS Wijken en Buurten ${year}</title>
    <summary type="text" xml:lang="nl">Wijk- en buurtkaart ${year}</summary>
    <updated>${year + 1}-03-01T00:00:00Z</updated>
    <category term="https://www.opengis.net/def/crs/EPSG/0/28992" label="Amersfoort / RD New"/>
    <link href="https://www.nationaalgeoregister.nl/geonetwork/srv/dut/csw?id=wb${year}" rel="describedby" type="application/xml"/>
    <link href="${base}/wijkenbuurten.xml" rel="alternate" type="application/atom+xml" hreflang="nl" title=""/>
    <link href="${base}/wijkenbuurten.xml" hreflang="nl"/>
  </entry>
</feed>
`;
}

/** The dataset feed of a year, listing the GeoPackage with its size. */
export function datasetFeed(year: number, name: string, length: number): string {
  const base = `https://service.pdok.nl/cbs/wijkenbuurten/${year}/atom`;
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss">
  <id>${base}/wijkenbuurten.xml</id>
  <title type="text" xml:lang="nl">CBS Wijken en Buurten ${year}</title>
  <link href="${base}/wijkenbuurten.xml" rel="self" type="application/atom+xml" title="Dataset Feed" hreflang="nl"/>
  <link href="${base}/index.xml" rel="up" type="application/atom+xml" title="Top Atom Service Feed" hreflang="nl"/>
  <author><name>PDOK beheer</name><email>beheerPDOK@kadaster.nl</email></author>
  <rights type="text">https://creativecommons.org/licenses/by/4.0/deed.nl</rights>
  <updated>${year + 1}-03-01T00:00:00Z</updated>
  <entry>
    <id>${base}/downloads/${name}</id>
    <title type="text" xml:lang="nl">${name}</title>
    <content type="text" xml:lang="nl">Wijken en buurten ${year} (GeoPackage)</content>
    <updated>${year + 1}-03-01T00:00:00Z</updated>
    <link href="${base}/downloads/${name}" title="" rel="alternate" type="application/geopackage+sqlite3" hreflang="nl" length="${length}"/>
    <link href="${base}/downloads/${name}" hreflang="nl"/>
    <category term="https://www.opengis.net/def/crs/EPSG/0/28992" label="Amersfoort / RD New"/>
  </entry>
</feed>
`;
}

export const LBM_FOLDER = 'Leefbaarometer 3.0 - Meting 2024 - open data';
const LBM_YEARS = [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024];
const FULL_MODEL = new Set([2014, 2018, 2020, 2022, 2024]);

/** The national buurt scores CSV of meting 2024 (every buurt of the 2024 division). */
export function lbmBuurtCsv(nation: Nation): Buffer {
  const lines = ['bu_code,bu_naam,jaar,lbm,afw,fys,onv,soc,vrz,won'];
  for (const b of nation.division(2024).buurten)
    for (const y of LBM_YEARS) {
      const r = hash01(`${b.code}|lbm|${y}`);
      if (b.size < 40 || r < 0.05) {
        lines.push(`${b.code},"${b.name}",${y},NA,NA,NA,NA,NA,NA,NA`);
        continue;
      }
      const dims = ['fys', 'onv', 'soc', 'vrz', 'won'].map((d) =>
        FULL_MODEL.has(y) ? Math.round((hash01(`${b.code}|${d}|${y}`) - 0.5) * 0.4 * 1e6) / 1e6 : NaN,
      );
      const afw = FULL_MODEL.has(y)
        ? dims.reduce((s, v) => s + v, 0)
        : Math.round((r - 0.5) * 0.6 * 1e6) / 1e6;
      const lbm = 4.102265 + afw;
      const fmt = (v: number): string => (Number.isNaN(v) ? 'NA' : String(Math.round(v * 1e6) / 1e6));
      lines.push(`${b.code},"${b.name}",${y},${fmt(lbm)},${fmt(afw)},${dims.map(fmt).join(',')}`);
    }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** Writes (once) the Leefbaarometer zip with a stored grid file of `fillerBytes`; returns its path. */
export function leefbaarometerZip(dir: string, nation: Nation, fillerBytes: number): string {
  const path = join(dir, `open-data-leefbaarometer-meting-2024.${fillerBytes}.zip`);
  if (existsSync(path) && statSync(path).size > fillerBytes) return path;
  mkdirSync(dir, { recursive: true });
  const line = Buffer.from('grid_id,jaar,lbm,afw,fys,onv,soc,vrz,won\r\n'.padEnd(64, ' '));
  const row = (i: number): Buffer =>
    Buffer.from(`E${String(i).padStart(7, '0')}N0000,2024,4.1,0.0,0.0,0.0,0.0,0.0,0.0\r\n`);
  const rowSize = row(0).length;
  const rows = Math.max(0, Math.floor((fillerBytes - line.length) / rowSize));
  writeZip(
    `${path}.tmp`,
    [
      { name: `${LBM_FOLDER}/`, data: Buffer.alloc(0), method: 0 },
      {
        name: `${LBM_FOLDER}/Leefbaarometer-scores buurten 2002-2024.csv`,
        data: lbmBuurtCsv(nation),
        method: 8,
      },
      {
        name: `${LBM_FOLDER}/Leefbaarometer-scores PC4 2002-2024.csv`,
        data: Buffer.from('PC4,jaar,lbm,afw\r\n1011,2024,4.2,0.1\r\n'),
        method: 8,
      },
      {
        name: `${LBM_FOLDER}/Leefbaarometer-scores grid 2002-2024.csv`,
        method: 0,
        data: {
          size: line.length + rows * rowSize,
          *chunks() {
            yield line;
            const batch = 4096;
            for (let i = 0; i < rows; i += batch)
              yield Buffer.concat(Array.from({ length: Math.min(batch, rows - i) }, (_, k) => row(i + k)));
          },
        },
      },
    ],
    { zip64: true },
  );
  renameSync(`${path}.tmp`, path);
  return path;
}
