/**
 * CBS OData v4 (`https://datasets.cbs.nl/odata/v1/CBS/<id>`), the fallback for a table the v3
 * service no longer publishes (404/410). v4 is long: one observation per area and measure
 * (`{Measure, WijkenEnBuurten, Value, …}`), paged with an absolute `@odata.nextLink`; measures
 * are described in `MeasureCodes` (Identifier, Title, Unit, MeasureGroupId) and `MeasureGroups`,
 * the areas in `WijkenEnBuurtenCodes`. The download turns it into the same combined wide file as
 * v3 — DataProperties rebuilt from MeasureGroups/MeasureCodes (so columns still resolve by their
 * title path), one row per area with a column per measure — the layout the KWB importer reads.
 */
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { TableDownload, TableMeta } from './cbs-odata-v3.js';
import { isNotPublished, type DownloadOptions } from './download-file.js';
import {
  CombinedTableWriter,
  downloadJson,
  forEachPage,
  odataQuery,
  readList,
  trimKey,
  valueOf,
  type CbsProperty,
  type DimensionItem,
  type Row,
} from './odata-pages.js';
import { hostOf, mapUrl, OFFICIAL_ORIGINS, type OriginMap } from './origins.js';

const GEO = 'WijkenEnBuurten';
/** Group ids of the rebuilt DataProperties start here, clear of measure positions. */
const GROUP_ID_BASE = 100_000;

/** The v4 metadata as a TableMeta (properties rebuilt), or undefined when v4 lacks the table too. */
export async function fetchV4Meta(
  table: string,
  dataDir: string,
  options: DownloadOptions,
  origins: OriginMap,
): Promise<TableMeta | undefined> {
  const origin = OFFICIAL_ORIGINS.cbsV4;
  const base = `${origin}/odata/v1/CBS/${table}`;
  const dir = `${dataDir}/.meta/${table}/.v4`;
  let index: unknown;
  try {
    index = await downloadJson(mapUrl(base, origins), `${dir}/.index.json`, options);
  } catch (e) {
    if (isNotPublished(e)) return undefined;
    throw e;
  }
  const collections = valueOf(index, base).map((c) => String(c['name'] ?? c['url'] ?? ''));
  const list = async (name: string): Promise<Row[]> =>
    collections.includes(name)
      ? readList(mapUrl(`${base}/${name}`, origins), `${dir}/.${name}`, options, origins)
      : [];
  const groups = await list('MeasureGroups');
  const measures = await list('MeasureCodes');
  const dims = await list('Dimensions');
  if (measures.length === 0)
    throw new AppError('DOWNLOAD_FAILED', `${base}: no MeasureCodes (not a CBS v4 dataset?)`, {
      details: { url: base },
    });
  const groupId = new Map<string, number>(groups.map((g, i) => [String(g['Id']), GROUP_ID_BASE + i]));
  const parentOf = (id: unknown): number | null =>
    id === null || id === undefined ? null : (groupId.get(String(id)) ?? null);
  const properties: CbsProperty[] = [];
  const dimensions = new Map<string, DimensionItem[]>();
  for (const d of dims) {
    const key = String(d['Identifier'] ?? '');
    if (!key) continue;
    const kind = String(d['Kind'] ?? 'Dimension');
    properties.push({
      Type: kind,
      Key: key,
      Title: String(d['Title'] ?? key),
      ...(d['MapYear'] !== undefined ? { MapYear: d['MapYear'] as string | number | null } : {}),
    });
    const codes = await list(`${key}Codes`);
    dimensions.set(
      key,
      codes.map((c) => ({ Key: String(c['Identifier'] ?? ''), Title: String(c['Title'] ?? '') })),
    );
  }
  groups.forEach((g, i) =>
    properties.push({
      ID: GROUP_ID_BASE + i,
      ParentID: parentOf(g['ParentId']),
      Type: 'TopicGroup',
      Key: '',
      Title: String(g['Title'] ?? ''),
    }),
  );
  measures.forEach((m, i) =>
    properties.push({
      ID: i,
      ParentID: parentOf(m['MeasureGroupId']),
      Type: 'Topic',
      Key: String(m['Identifier'] ?? ''),
      Title: String(m['Title'] ?? ''),
      Unit: (m['Unit'] as string | null | undefined) ?? null,
    }),
  );
  return { api: 'v4', table, origin, collections, properties, dimensions };
}

/** The Observations filter for the measures of `select` (v4 has no columns to select). */
function measureFilter(select: string | undefined, meta: TableMeta): string | undefined {
  const measures = new Set(meta.properties.filter((p) => p.Type === 'Topic').map((p) => p.Key));
  const wanted = (select ?? '').split(',').filter((k) => measures.has(k));
  return wanted.length ? `(${wanted.map((k) => `Measure eq '${k}'`).join(' or ')})` : undefined;
}

export function v4DataUrl(d: TableDownload, origins: OriginMap): string {
  const q = odataQuery({ $filter: measureFilter(d.query.$select, d.meta) });
  return mapUrl(`${d.meta.origin}/odata/v1/CBS/${d.meta.table}/Observations${q ? `?${q}` : ''}`, origins);
}

/** Downloads the observations and writes the combined wide file; returns its path. */
export async function downloadV4Table(
  d: TableDownload,
  options: DownloadOptions,
  origins: OriginMap,
): Promise<string> {
  const { manifest, progress } = options;
  const first = v4DataUrl(d, origins);
  const path = manifest.pathOf(d.relPath);
  const cached = manifest.findComplete(d.relPath, first);
  if (cached) {
    progress.finish(d.label, cached.size, true);
    return path;
  }
  const pages = join(dirname(d.relPath), `.${basename(d.relPath, '.json')}.pages`);
  const label = `${d.label} (${hostOf(d.meta.origin)}, OData v4)`;
  const wide = new Map<string, Row>();
  let observations = 0;
  const expected = d.expectedRows;
  progress.start(label, expected, 0, 'rows');
  await forEachPage(first, `${pages}/.Observations`, options, origins, (rows) => {
    for (const o of rows) {
      const area = o[GEO];
      const measure = o['Measure'];
      if (typeof area !== 'string' || typeof measure !== 'string') continue;
      let row = wide.get(area);
      if (!row) wide.set(area, (row = { [GEO]: area }));
      row[trimKey(measure)] = o['Value'] ?? o['StringValue'] ?? null;
      observations++;
    }
    progress.update(Math.min(observations, expected ?? observations));
  });
  const names = d.withAreaNames ? d.meta.dimensions.get(GEO) : undefined;
  const writer = new CombinedTableWriter(path, d.meta.table, d.meta.properties, names, {
    source: `CBS OData v4 ${d.meta.origin}/odata/v1/CBS/${d.meta.table}, observations turned into one row per area`,
  });
  // Every row carries every measure (the importer takes its columns from the first row).
  const measures = (d.query.$select ?? '').split(',').filter((k) => k && k !== GEO);
  const rows = [...wide.values()].map((r) => {
    for (const m of measures) if (!(m in r)) r[m] = null;
    return r;
  });
  for (let i = 0; i < rows.length; i += 5000) writer.append(rows.slice(i, i + 5000));
  const size = await writer.finish(d.relPath, first, options);
  rmSync(manifest.pathOf(pages), { recursive: true, force: true });
  progress.finish(label, size);
  return path;
}
