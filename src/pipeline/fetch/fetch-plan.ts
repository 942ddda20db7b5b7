/**
 * What `veerkracht fetch` downloads for a set of sources and years, at the official download
 * points (methodology §6, §8). `--base-url` replaces scheme and host for every source, so a
 * local mirror or test server can stand in:
 *   kwb      CBS OData v3  opendata.cbs.nl/ODataApi/odata/<KWB table>/{DataProperties,WijkenEnBuurten,TypedDataSet}
 *   rivm     CBS OData v3  opendata.cbs.nl/ODataApi/odata/50090NED/...   (one table, 2012/2016/2020)
 *   politie  CBS OData v3  dataderden.cbs.nl/ODataApi/odata/47022NED/... (total crime, months of the years asked)
 *   geo      PDOK          service.pdok.nl/cbs/wijkenbuurten/<year>/atom/downloads/wijkenbuurten_<year>.gpkg (2020+)
 *   lbm      Leefbaarometer www.leefbaarometer.nl/resources/open-data-leefbaarometer-meting-2024.zip
 */
import { keyStem, type ODataProperty } from '../odata-json.js';
import { KWB_TABLES } from '../sources/kwb/kwb-edition.js';
import { POLICE_TABLE, POLICE_TOTAL_CRIME } from '../sources/politie/police-edition.js';
import { RIVM_MEASURES, RIVM_TABLE } from '../sources/rivm/rivm-measures.js';

export const FETCH_SOURCES = ['kwb', 'geo', 'lbm', 'rivm', 'politie'] as const;
export type FetchSource = (typeof FETCH_SOURCES)[number];

export const OFFICIAL_ORIGINS = {
  cbs: 'https://opendata.cbs.nl',
  politie: 'https://dataderden.cbs.nl',
  pdok: 'https://service.pdok.nl',
  leefbaarometer: 'https://www.leefbaarometer.nl',
} as const;

export const LBM_ZIP_PATH = '/resources/open-data-leefbaarometer-meting-2024.zip';
/** The first year PDOK offers the wijken-en-buurten GeoPackage as an atom download. */
export const FIRST_PDOK_YEAR = 2020;

export type FetchJob =
  | {
      kind: 'odata';
      source: FetchSource;
      origin: string;
      table: string;
      relPath: string;
      query?: (properties: ODataProperty[]) => Record<string, string>;
    }
  | { kind: 'file'; source: FetchSource; url: string; relPath: string; extract?: RegExp };

export interface FetchPlan {
  jobs: FetchJob[];
  /** What was asked but has no download point (e.g. PDOK before 2020). */
  notes: string[];
}

/** The downloads for `sources` × `years`; `baseUrl` (scheme+host) replaces every official origin. */
export function planFetch(
  sources: readonly FetchSource[],
  years: readonly number[],
  baseUrl?: string,
): FetchPlan {
  const origin = (official: string): string => (baseUrl ? baseUrl.replace(/\/$/, '') : official);
  const jobs: FetchJob[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    if (source === 'kwb') {
      for (const y of years) {
        const table = KWB_TABLES[y];
        if (table)
          jobs.push({
            kind: 'odata',
            source,
            origin: origin(OFFICIAL_ORIGINS.cbs),
            table,
            relPath: `cbs/${table}.json`,
          });
        else notes.push(`kwb: no KWB table known for ${y}`);
      }
    } else if (source === 'rivm') {
      jobs.push({
        kind: 'odata',
        source,
        origin: origin(OFFICIAL_ORIGINS.cbs),
        table: RIVM_TABLE,
        relPath: `cbs/${RIVM_TABLE}.json`,
        query: rivmQuery,
      });
    } else if (source === 'politie') {
      jobs.push({
        kind: 'odata',
        source,
        origin: origin(OFFICIAL_ORIGINS.politie),
        table: POLICE_TABLE,
        relPath: `politie/${POLICE_TABLE}.json`,
        query: (p) => policeQuery(p, years),
      });
    } else if (source === 'geo') {
      for (const y of years) {
        if (y < FIRST_PDOK_YEAR) {
          notes.push(
            `geo: PDOK has no wijken-en-buurten GeoPackage download for ${y} (first: ${FIRST_PDOK_YEAR})`,
          );
          continue;
        }
        const name = y === 2020 ? 'wijkenbuurten_2020_v3.gpkg' : `wijkenbuurten_${y}.gpkg`;
        jobs.push({
          kind: 'file',
          source,
          url: `${origin(OFFICIAL_ORIGINS.pdok)}/cbs/wijkenbuurten/${y}/atom/downloads/${name}`,
          relPath: `pdok/${name}`,
        });
      }
    } else {
      jobs.push({
        kind: 'file',
        source,
        url: `${origin(OFFICIAL_ORIGINS.leefbaarometer)}${LBM_ZIP_PATH}`,
        relPath: `leefbaarometer/${LBM_ZIP_PATH.split('/').pop()!}`,
        extract: /scores[ _-]*buurten[^/]*\.csv$/i,
      });
    }
  }
  return { jobs, notes };
}

/** 50090NED: only the dimensions and the measures Veerkracht keeps (by key stem). */
function rivmQuery(properties: ODataProperty[]): Record<string, string> {
  const keep = properties
    .map((p) => p.Key)
    .filter(
      (k) =>
        [
          'Leeftijd',
          'Marges',
          'WijkenEnBuurten',
          'Perioden',
          'Gemeentenaam',
          'SoortRegio',
          'Codering',
        ].includes(keyStem(k)) || RIVM_MEASURES[keyStem(k)] !== undefined,
    );
  return keep.length > 4 ? { $select: keep.join(',') } : {};
}

/** 47022NED: total crime only, the months of the asked years, four columns. */
function policeQuery(properties: ODataProperty[], years: readonly number[]): Record<string, string> {
  const count = properties.find((p) => keyStem(p.Key) === 'GeregistreerdeMisdrijven')?.Key;
  const periods = years.map((y) => `startswith(Perioden,'${y}')`).join(' or ');
  return {
    $filter: `startswith(SoortMisdrijf,'${POLICE_TOTAL_CRIME}')${periods ? ` and (${periods})` : ''}`,
    ...(count ? { $select: `WijkenEnBuurten,Perioden,SoortMisdrijf,${count}` } : {}),
  };
}
