/**
 * What `veerkracht fetch` downloads per source, from the official download points (see
 * docs/data-sources.md, "Downloading"); every URL goes through the origin map (origins.ts):
 *   kwb      one KWB table per edition year        opendata.cbs.nl  OData v3 Feed (v4 datasets.cbs.nl when gone from v3)
 *   rivm     50150NED (else 50090NED), adults 18+, point estimates   dataderden.cbs.nl  OData v3 Feed
 *   politie  47022NED, total crime, one file per asked year          dataderden.cbs.nl  OData v3 Feed
 *   geo      wijken-en-buurten GeoPackage of the boundary years needed (boundary-years.ts),
 *            names read from the PDOK atom feeds                     service.pdok.nl
 *   lbm      the Leefbaarometer 3.0 open-data zip (meting 2024); the buurt CSV is extracted
 *                                                                    www.leefbaarometer.nl
 * Planning downloads only metadata (cached): it says what will be downloaded and how much
 * before any data moves. Each planned file fetches itself; a failure is the file's, not the run's.
 */
import { basename } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { resolveODataColumn } from '../sources/kwb/column-aliases.js';
import { KWB_TABLES } from '../sources/kwb/kwb-edition.js';
import { POLICE_TABLE, POLICE_TOTAL_CRIME } from '../sources/politie/police-edition.js';
import {
  RIVM_ADULTS,
  RIVM_MEASURES,
  RIVM_POINT_ESTIMATE,
  RIVM_TABLE,
} from '../sources/rivm/rivm-measures.js';
import { chooseBoundaryYears } from './boundary-years.js';
import {
  downloadV3Table,
  fetchV3Meta,
  v3DataUrl,
  type TableDownload,
  type TableMeta,
} from './cbs-odata-v3.js';
import { downloadV4Table, fetchV4Meta, v4DataUrl } from './cbs-odata-v4.js';
import { downloadFile, sha256Of, type DownloadOptions } from './download-file.js';
import { propertiesById, titlePath, trimKey, type CbsProperty } from './odata-pages.js';
import { hostOf, mapUrl, OFFICIAL_ORIGINS, type OriginMap } from './origins.js';
import { findWijkenBuurtenGeoPackage, type GeoPackageDownload } from './pdok-atom.js';
import { extractZipEntry, listZipEntries } from './zip-reader.js';

export const FETCH_SOURCES = ['kwb', 'geo', 'lbm', 'rivm', 'politie'] as const;
export type FetchSource = (typeof FETCH_SOURCES)[number];

/** Planning order: the tables first, whose area lists decide the boundary years. */
export const PLAN_ORDER: readonly FetchSource[] = ['kwb', 'rivm', 'politie', 'geo', 'lbm'];

/** RIVM Gezondheidsmonitor tables on dataderden, newest first: 50150NED (2012–2024, indeling 2024), else 50090NED. */
export const RIVM_TABLES = ['50150NED', RIVM_TABLE] as const;

export const LBM_ZIP_PATH = '/resources/open-data-leefbaarometer-meting-2024.zip';
/** The buurt scores inside the Leefbaarometer zip. */
export const LBM_BUURT_CSV = /scores[ _-]*buurten[^/]*\.csv$/i;

export type BoundaryYears = 'auto' | 'all' | readonly number[];

export interface FetchedFile {
  /** Files to import. */
  paths: string[];
  /** Size of what was fetched or found. */
  bytes: number;
  fromCache: boolean;
}

export interface PlannedFile {
  source: FetchSource;
  label: string;
  /** Size in bytes: from the server, or estimated (`estimated`), or unknown (null). */
  bytes: number | null;
  estimated: boolean;
  /** Already complete in the cache (nothing to download). */
  cached: boolean;
  fetch(): Promise<FetchedFile>;
}

export interface PlanIssue {
  source: FetchSource;
  item: string;
  error: AppError;
}

export interface SourcePlan {
  source: FetchSource;
  /** What is fetched, in words: "11 KWB tables (2014–2024) from opendata.cbs.nl". */
  what: string;
  files: PlannedFile[];
  notes: string[];
  /** Items that could not be planned (their metadata failed); the rest goes ahead. */
  issues: PlanIssue[];
}

export interface PlanContext {
  years: readonly number[];
  origins: OriginMap;
  dl: DownloadOptions;
  boundaryYears: BoundaryYears;
  /** Buurt codes per division year, from the tables planned so far (for the boundary years). */
  buurtCodes: Map<number, Set<string>>;
}

export function planSource(source: FetchSource, ctx: PlanContext): Promise<SourcePlan> {
  switch (source) {
    case 'kwb':
      return planKwb(ctx);
    case 'rivm':
      return planRivm(ctx);
    case 'politie':
      return planPolice(ctx);
    case 'geo':
      return planBoundaries(ctx);
    case 'lbm':
      return planLeefbaarometer(ctx);
  }
}

function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('DOWNLOAD_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
}

function rethrowIfStopped(e: unknown): void {
  if (e instanceof AppError && e.code === 'INTERRUPTED') throw e;
}

/**
 * ≈ bytes of a combined OData file: per row each selected key and its value as JSON (CBS pads
 * strings: ~24 bytes; numbers ~6; dimension keys ~11), plus the DataProperties and area names.
 */
function estimateBytes(meta: TableMeta, keys: readonly string[], rows: number, withNames: boolean): number {
  const byKey = new Map(meta.properties.map((p) => [p.Key, p as CbsProperty & { Datatype?: unknown }]));
  const perRow = keys.reduce((n, k) => {
    const p = byKey.get(k);
    const value = p?.Type !== 'Topic' ? 11 : p.Datatype === 'String' ? 24 : 6;
    return n + k.length + 4 + value;
  }, 2);
  const names = withNames ? JSON.stringify(meta.dimensions.get('WijkenEnBuurten') ?? []).length : 0;
  return Math.round(rows * perRow + JSON.stringify(meta.properties).length + names);
}

function areaCount(meta: TableMeta): number {
  return meta.dimensions.get('WijkenEnBuurten')?.length ?? 0;
}

/** The buurt codes of a table's WijkenEnBuurten list, under its division year. */
function noteBuurtCodes(ctx: PlanContext, meta: TableMeta, fallbackYear: number | undefined): void {
  const geo = meta.properties.find((p) => p.Key === 'WijkenEnBuurten');
  const year = Number(geo?.MapYear) || fallbackYear;
  const list = meta.dimensions.get('WijkenEnBuurten');
  if (!year || !list) return;
  const set = ctx.buurtCodes.get(year) ?? new Set<string>();
  for (const d of list) {
    const code = trimKey(d.Key).toUpperCase();
    if (code.startsWith('BU')) set.add(code);
  }
  ctx.buurtCodes.set(year, set);
}

function tableFile(source: FetchSource, d: TableDownload, ctx: PlanContext): PlannedFile {
  const url = d.meta.api === 'v3' ? v3DataUrl(d, ctx.origins) : v4DataUrl(d, ctx.origins);
  const cached = ctx.dl.manifest.findComplete(d.relPath, url);
  const keys = (d.query.$select ?? '').split(',').filter(Boolean);
  // the combined file is wide: one row per area (v4 observations are turned into those)
  const rows = d.meta.api === 'v3' ? d.expectedRows : areaCount(d.meta) || null;
  return {
    source,
    label: d.label,
    bytes: cached ? cached.size : rows !== null ? estimateBytes(d.meta, keys, rows, d.withAreaNames) : null,
    estimated: !cached,
    cached: cached !== undefined,
    async fetch() {
      const path =
        d.meta.api === 'v3'
          ? await downloadV3Table(d, ctx.dl, ctx.origins)
          : await downloadV4Table(d, ctx.dl, ctx.origins);
      const entry = ctx.dl.manifest.findComplete(d.relPath, url);
      return { paths: [path], bytes: entry?.size ?? 0, fromCache: cached !== undefined };
    },
  };
}

/** `$select` of a KWB table: the area key plus every column the KWB importer resolves (by title path). */
export function kwbSelect(properties: readonly CbsProperty[]): string[] {
  const byId = propertiesById(properties);
  const keys = ['WijkenEnBuurten'];
  for (const p of properties) {
    if (!p.Key || p.Key === 'WijkenEnBuurten' || (p.Type !== undefined && p.Type !== 'Topic')) continue;
    if (resolveODataColumn(p.Key, titlePath(p, byId))) keys.push(p.Key);
  }
  return keys;
}

async function planKwb(ctx: PlanContext): Promise<SourcePlan> {
  const plan: SourcePlan = { source: 'kwb', what: '', files: [], notes: [], issues: [] };
  const years: number[] = [];
  for (const year of ctx.years) {
    const table = KWB_TABLES[year];
    if (!table) {
      plan.notes.push(`kwb: no KWB table known for ${year}`);
      continue;
    }
    try {
      const meta =
        (await fetchV3Meta(OFFICIAL_ORIGINS.cbs, table, 'kwb', ctx.dl, ctx.origins)) ??
        (await fetchV4Meta(table, 'kwb', ctx.dl, ctx.origins));
      if (!meta)
        throw new AppError(
          'DOWNLOAD_FAILED',
          `KWB ${year} (${table}) is published neither on ${hostOf(OFFICIAL_ORIGINS.cbs)} (OData v3) nor on ${hostOf(OFFICIAL_ORIGINS.cbsV4)} (OData v4)`,
        );
      if (meta.api === 'v4')
        plan.notes.push(
          `kwb: ${table} (KWB ${year}) is gone from OData v3; taken from OData v4 (datasets.cbs.nl)`,
        );
      const select = kwbSelect(meta.properties);
      if (select.length < 3)
        throw new AppError('DOWNLOAD_FAILED', `KWB ${year} (${table}): no known KWB column in its metadata`);
      noteBuurtCodes(ctx, meta, year);
      const areas = areaCount(meta);
      const measures = select.length - 1;
      plan.files.push(
        tableFile(
          'kwb',
          {
            meta,
            relPath: `kwb/${table}.json`,
            label: `kwb/${table}.json`,
            query: { $select: select.join(',') },
            expectedRows: areas ? (meta.api === 'v3' ? areas : areas * measures) : null,
            withAreaNames: true,
          },
          ctx,
        ),
      );
      years.push(year);
    } catch (e) {
      rethrowIfStopped(e);
      plan.issues.push({ source: 'kwb', item: `KWB ${year} (${table})`, error: asAppError(e) });
    }
  }
  plan.what = `${plan.files.length} KWB table(s)${years.length ? ` (${yearSpan(years)})` : ''}`;
  return plan;
}

/** The key of a dimension list whose trimmed key equals `wanted` (CBS pads keys). */
function dimensionKey(meta: TableMeta, dimension: string, wanted: string): string {
  const hit = meta.dimensions.get(dimension)?.find((d) => trimKey(d.Key) === wanted);
  if (!hit)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${meta.table}: dimension ${dimension} has no '${wanted}' (the table was redesigned?)`,
    );
  return hit.Key;
}

async function planRivm(ctx: PlanContext): Promise<SourcePlan> {
  const plan: SourcePlan = { source: 'rivm', what: '', files: [], notes: [], issues: [] };
  const origin = OFFICIAL_ORIGINS.cbsThirdParty;
  let meta: TableMeta | undefined;
  for (const table of RIVM_TABLES) {
    meta = await fetchV3Meta(origin, table, 'rivm', ctx.dl, ctx.origins);
    if (meta) break;
    plan.notes.push(`rivm: ${table} is not published on ${hostOf(origin)}`);
  }
  if (!meta)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `none of the RIVM health monitor tables ${RIVM_TABLES.join(', ')} is published on ${hostOf(origin)}`,
    );
  const keep = new Set([
    'Leeftijd',
    'Marges',
    'WijkenEnBuurten',
    'Perioden',
    'Gemeentenaam',
    'SoortRegio',
    'Codering',
  ]);
  const select = meta.properties
    .map((p) => p.Key)
    .filter(
      (k) => k && (keep.has(k.replace(/_\d+$/, '')) || RIVM_MEASURES[k.replace(/_\d+$/, '')] !== undefined),
    );
  const filter = `Leeftijd eq '${dimensionKey(meta, 'Leeftijd', RIVM_ADULTS)}' and Marges eq '${dimensionKey(meta, 'Marges', RIVM_POINT_ESTIMATE)}'`;
  noteBuurtCodes(ctx, meta, undefined);
  const periods = meta.dimensions.get('Perioden')?.length ?? 1;
  plan.files.push(
    tableFile(
      'rivm',
      {
        meta,
        relPath: `rivm/${meta.table}.json`,
        label: `rivm/${meta.table}.json`,
        query: { $select: select.join(','), $filter: filter },
        expectedRows: areaCount(meta) * periods || null,
        withAreaNames: true,
      },
      ctx,
    ),
  );
  plan.what = `${meta.table} (adults 18+, point estimates) from ${hostOf(origin)}`;
  return plan;
}

async function planPolice(ctx: PlanContext): Promise<SourcePlan> {
  const plan: SourcePlan = { source: 'politie', what: '', files: [], notes: [], issues: [] };
  const origin = OFFICIAL_ORIGINS.cbsThirdParty;
  const meta = await fetchV3Meta(origin, POLICE_TABLE, 'politie', ctx.dl, ctx.origins);
  if (!meta) throw new AppError('DOWNLOAD_FAILED', `${POLICE_TABLE} is not published on ${hostOf(origin)}`);
  const count = meta.properties.find((p) => p.Key.replace(/_\d+$/, '') === 'GeregistreerdeMisdrijven')?.Key;
  if (!count)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${POLICE_TABLE}: no GeregistreerdeMisdrijven topic in its metadata`,
    );
  const total = dimensionKey(meta, 'SoortMisdrijf', POLICE_TOTAL_CRIME);
  const periods = (meta.dimensions.get('Perioden') ?? []).map((p) => trimKey(p.Key));
  noteBuurtCodes(ctx, meta, undefined);
  const years: number[] = [];
  for (const year of ctx.years) {
    const inYear = periods.filter((p) => p.startsWith(String(year)));
    if (inYear.length === 0) {
      plan.notes.push(`politie: ${POLICE_TABLE} has no periods in ${year}`);
      continue;
    }
    years.push(year);
    plan.files.push(
      tableFile(
        'politie',
        {
          meta,
          relPath: `politie/${POLICE_TABLE}_${year}.json`,
          label: `politie/${POLICE_TABLE}_${year}.json`,
          query: {
            $select: `WijkenEnBuurten,Perioden,SoortMisdrijf,${count}`,
            $filter: `SoortMisdrijf eq '${total}' and startswith(Perioden,'${year}')`,
          },
          expectedRows: areaCount(meta) * inYear.length || null,
          withAreaNames: true,
        },
        ctx,
      ),
    );
  }
  plan.what = `${POLICE_TABLE} total crime${years.length ? `, ${yearSpan(years)}` : ''} from ${hostOf(origin)}`;
  return plan;
}

async function planBoundaries(ctx: PlanContext): Promise<SourcePlan> {
  const plan: SourcePlan = { source: 'geo', what: '', files: [], notes: [], issues: [] };
  // the asked years and the divisions of the downloaded tables (RIVM and police may be on a later one)
  const explicit = Array.isArray(ctx.boundaryYears) ? (ctx.boundaryYears as readonly number[]) : [];
  const asked = [...new Set([...ctx.years, ...ctx.buurtCodes.keys(), ...explicit])].sort((a, b) => b - a);
  const found = new Map<number, GeoPackageDownload>();
  for (const year of asked) {
    try {
      const g = await findWijkenBuurtenGeoPackage(year, ctx.origins, ctx.dl);
      if (g) found.set(year, g);
      else plan.notes.push(`geo: PDOK publishes no wijken-en-buurten download for ${year}`);
    } catch (e) {
      rethrowIfStopped(e);
      plan.issues.push({ source: 'geo', item: `atom feed ${year}`, error: asAppError(e) });
    }
    // 'auto' needs every available year only to choose; stop early once the latest is known and no codes are there to cover
    if (ctx.boundaryYears === 'auto' && found.size > 0 && ctx.buurtCodes.size === 0) break;
  }
  const available = [...found.keys()].sort((a, b) => a - b);
  if (available.length === 0) {
    plan.what = 'no boundary year available';
    if (plan.issues.length === 0)
      plan.issues.push({
        source: 'geo',
        item: 'boundaries',
        error: new AppError(
          'DOWNLOAD_FAILED',
          `PDOK publishes no wijken-en-buurten GeoPackage for ${yearSpan(asked)}`,
        ),
      });
    return plan;
  }
  let years: number[];
  if (ctx.boundaryYears === 'all') years = available;
  else if (ctx.boundaryYears === 'auto') {
    const choice = chooseBoundaryYears(available, available.at(-1)!, ctx.buurtCodes);
    years = choice.years;
    plan.notes.push(...choice.reasons.map((r) => `geo: ${r}`));
    if (choice.uncovered > 0)
      plan.notes.push(
        `geo: ${choice.uncovered} older buurt codes exist in no PDOK boundary year; their values stay unmatched in harmonisation`,
      );
  } else {
    years = ctx.boundaryYears.filter((y) => found.has(y));
    for (const y of ctx.boundaryYears)
      if (!found.has(y)) plan.notes.push(`geo: --boundary-years ${y}: no PDOK download for that year`);
  }
  for (const year of years) {
    const g = found.get(year)!;
    const relPath = `pdok/${g.name}`;
    const cached = ctx.dl.manifest.findComplete(relPath, g.url);
    plan.files.push({
      source: 'geo',
      label: relPath,
      bytes: cached?.size ?? g.length,
      estimated: false,
      cached: cached !== undefined,
      async fetch() {
        const r = await downloadFile(g.url, relPath, ctx.dl);
        return { paths: [r.path], bytes: r.size, fromCache: !r.downloaded };
      },
    });
  }
  plan.what = `wijken-en-buurten GeoPackage ${years.join(', ')} from ${hostOf(OFFICIAL_ORIGINS.pdok)}`;
  return plan;
}

/** Content-Length of a HEAD request, or null (no retries: it only sizes the plan). */
async function headLength(url: string, signal: AbortSignal | undefined): Promise<number | null> {
  try {
    const timeout = AbortSignal.timeout(15_000);
    const res = await fetch(url, {
      method: 'HEAD',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const n = Number(res.headers.get('content-length'));
    return res.ok && Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

async function planLeefbaarometer(ctx: PlanContext): Promise<SourcePlan> {
  const url = mapUrl(`${OFFICIAL_ORIGINS.leefbaarometer}${LBM_ZIP_PATH}`, ctx.origins);
  const zipRel = `leefbaarometer/${basename(LBM_ZIP_PATH)}`;
  const cached = ctx.dl.manifest.findComplete(zipRel, url);
  const bytes = cached?.size ?? (await headLength(url, ctx.dl.signal));
  const file: PlannedFile = {
    source: 'lbm',
    label: zipRel,
    bytes,
    estimated: false,
    cached: cached !== undefined,
    async fetch() {
      const zip = await downloadFile(url, zipRel, ctx.dl);
      const csv = await extractBuurtScores(zip.path, zipRel, url, ctx.dl);
      return { paths: [csv], bytes: zip.size, fromCache: !zip.downloaded };
    },
  };
  return {
    source: 'lbm',
    what: `Leefbaarometer 3.0 open data (meting 2024) from ${hostOf(OFFICIAL_ORIGINS.leefbaarometer)}`,
    files: [file],
    notes: [],
    issues: [],
  };
}

/** Streams the buurt scores CSV out of the zip next to it (once; recorded in the manifest). */
async function extractBuurtScores(
  zipPath: string,
  zipRel: string,
  zipUrl: string,
  dl: DownloadOptions,
): Promise<string> {
  const entries = await listZipEntries(zipPath, basename(zipPath));
  const entry = entries.find((e) => LBM_BUURT_CSV.test(e.name));
  if (!entry)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${zipUrl} holds no file matching ${LBM_BUURT_CSV} (the archive layout changed?); it has ${entries
        .slice(0, 8)
        .map((e) => e.name)
        .join(', ')}`,
    );
  const relPath = `${zipRel.slice(0, zipRel.lastIndexOf('/'))}/${basename(entry.name)}`;
  const url = `${zipUrl}#${entry.name}`;
  const out = dl.manifest.pathOf(relPath);
  if (dl.manifest.findComplete(relPath, url)) return out;
  dl.progress.start(`${relPath} (from the zip)`, entry.size, 0);
  const { bytes: size } = await extractZipEntry(
    zipPath,
    entry,
    out,
    { onBytes: (n) => dl.progress.update(n), ...(dl.signal ? { signal: dl.signal } : {}) },
    basename(zipPath),
  );
  dl.manifest.record(relPath, { url, size, sha256: await sha256Of(out), date: new Date().toISOString() });
  dl.progress.finish(`${relPath} (from the zip)`, size);
  return out;
}

/** "2014–2024" for a run of years, else "2014, 2016, 2020". */
export function yearSpan(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  if (ys.length === 0) return '';
  const contiguous = ys.every((y, i) => i === 0 || y === ys[i - 1]! + 1);
  return contiguous && ys.length > 2 ? `${ys[0]}–${ys.at(-1)}` : ys.join(', ');
}

/** The `--years` value for a retry command. */
export function yearsArgument(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const contiguous = ys.every((y, i) => i === 0 || y === ys[i - 1]! + 1);
  return contiguous && ys.length > 1 ? `${ys[0]}-${ys.at(-1)}` : ys.join(',');
}
