/**
 * The plans of the CBS OData tables (fetch-plan.ts): KWB per edition year (OData v3, else v4),
 * the RIVM health monitor (adults 18+, point estimates) and police crime (the total, one file per
 * year). Each reads only the table's metadata, notes the buurt codes of its area list (for the
 * boundary years) and estimates the size of the combined file.
 */
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
import {
  downloadV3Table,
  fetchV3Meta,
  v3DataUrl,
  type TableDownload,
  type TableMeta,
} from './cbs-odata-v3.js';
import { downloadV4Table, fetchV4Meta, v4DataUrl } from './cbs-odata-v4.js';
import { propertiesById, titlePath, trimKey, type CbsProperty } from './odata-pages.js';
import { hostOf, OFFICIAL_ORIGINS } from './origins.js';
import {
  asAppError,
  rethrowIfStopped,
  yearSpan,
  type FetchSource,
  type PlanContext,
  type PlannedFile,
  type SourcePlan,
} from './source-plan.js';

/** RIVM Gezondheidsmonitor tables on dataderden, newest first: 50150NED (2012–2024, indeling 2024), else 50090NED. */
export const RIVM_TABLES = ['50150NED', RIVM_TABLE] as const;

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

export async function planKwb(ctx: PlanContext): Promise<SourcePlan> {
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

export async function planRivm(ctx: PlanContext): Promise<SourcePlan> {
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

export async function planPolice(ctx: PlanContext): Promise<SourcePlan> {
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
