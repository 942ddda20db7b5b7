/**
 * OGC API – Features (Part 1 Core with GeoJSON, Part 2 CRS by reference) over the maps: one
 * collection per map of the nine (and the maps outside them) and per indicator layer; items are
 * buurten with code, name, gemeente, value, class, flags and the source editions, in CRS84 (the
 * simplified display geometry the app draws) or EPSG:28992 (the stored RD New geometry, full
 * detail). A collection is national; `gemeente` narrows it to one gemeente (or region), whose
 * classes and default year or period are then exactly those of the app's map of that area.
 * Routes: src/server/routes/ogc.ts.
 */
import type { OgcItemsQuery } from '../api/ogc.js';
import { AppError } from '../core/app-error.js';
import type { PolygonGeometry } from '../core/records.js';
import { displayGeometries, getMapRows, rdGeometries, type MapRow, type MapRows } from './map-rows.js';
import { parseCrs, RD_NEW } from './ogc-crs.js';
import type { OgcLink } from './ogc-service-description.js';
import type { ReadContext } from './read-context.js';

const LEGACY_RD_CRS = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } as const;

export interface OgcFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry | null;
  properties: Record<string, string | number | null>;
}

export interface OgcItems {
  type: 'FeatureCollection';
  /** In EPSG:28992 also the GeoJSON 2008 `crs` member, which GDAL's GeoJSON reader (and QGIS) honour. */
  crs?: { type: 'name'; properties: { name: string } };
  features: OgcFeature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: OgcLink[];
}

/** Items of a collection: filtered by gemeente and bbox, one page (offset, limit) with next/prev links. */
export async function ogcItems(
  ctx: ReadContext,
  base: string,
  id: string,
  q: OgcItemsQuery,
  now: Date = new Date(),
): Promise<OgcItems> {
  const crs = parseCrs(q.crs, 'crs');
  const mapRows = await getMapRows(ctx, {
    area: q.gemeente,
    map: id,
    year: q.year,
    period: q.period,
  });
  const rows = q.bbox === undefined ? mapRows.rows : await rowsInBbox(ctx, mapRows, q.bbox, q['bbox-crs']);
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const page = rows.slice(offset, offset + limit);
  const geometry =
    crs === RD_NEW
      ? await rdGeometries(
          ctx,
          mapRows.divisionYear,
          page.map((r) => r.code),
        )
      : await displayGeometries(
          ctx,
          mapRows,
          page.map((r) => r.gemeente),
        );
  const shown = mapRows.built.period ?? mapRows.built.year;
  const edition = editionLabel(mapRows);
  const features = page.map((r) =>
    ogcFeature(r, geometry.get(r.code) ?? null, crs, shown, mapRows.demo, edition),
  );
  return {
    type: 'FeatureCollection',
    ...(crs === RD_NEW ? { crs: LEGACY_RD_CRS } : {}),
    features,
    numberMatched: rows.length,
    numberReturned: features.length,
    timeStamp: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    links: pageLinks(base, id, q, offset, limit, rows.length),
  };
}

/** The links of one page of items: itself, its collection, and the next and previous pages. */
function pageLinks(
  base: string,
  id: string,
  q: OgcItemsQuery,
  offset: number,
  limit: number,
  matched: number,
): OgcLink[] {
  const links: OgcLink[] = [
    {
      href: itemsUrl(base, id, q, offset, limit),
      rel: 'self',
      type: 'application/geo+json',
      title: 'this page',
    },
    {
      href: `${base}/collections/${encodeURIComponent(id)}`,
      rel: 'collection',
      type: 'application/json',
      title: 'the collection',
    },
  ];
  if (offset + limit < matched)
    links.push({
      href: itemsUrl(base, id, q, offset + limit, limit),
      rel: 'next',
      type: 'application/geo+json',
      title: 'next page',
    });
  if (offset > 0)
    links.push({
      href: itemsUrl(base, id, q, Math.max(0, offset - limit), limit),
      rel: 'prev',
      type: 'application/geo+json',
      title: 'previous page',
    });
  return links;
}

/** The rows whose envelope (in `bboxCrs`, CRS84 by default) meets the box `rawBbox`. */
async function rowsInBbox(
  ctx: ReadContext,
  mapRows: MapRows,
  rawBbox: string,
  rawBboxCrs: string | undefined,
): Promise<MapRow[]> {
  const box = parseBbox(rawBbox);
  const bboxCrs = parseCrs(rawBboxCrs, 'bbox-crs');
  const rows = mapRows.rows;
  const envelopes =
    bboxCrs === RD_NEW
      ? await rdEnvelopes(ctx, mapRows.divisionYear, rows)
      : await displayEnvelopes(ctx, mapRows.divisionYear, rows);
  return rows.filter((r) => {
    const e = envelopes.get(r.code);
    return e !== undefined && e[0] <= box[2] && e[2] >= box[0] && e[1] <= box[3] && e[3] >= box[1];
  });
}

/** One buurt of a collection (AREA_NOT_FOUND when it is not on the map). */
export async function ogcItem(
  ctx: ReadContext,
  base: string,
  id: string,
  featureId: string,
  q: Pick<OgcItemsQuery, 'crs' | 'year' | 'period'>,
): Promise<OgcFeature & { links: OgcLink[] }> {
  const crs = parseCrs(q.crs, 'crs');
  const code = featureId.trim().toUpperCase();
  const state = await ctx.state.get();
  const buurt = state.engine.table.buurten.find((b) => b.code === code);
  if (!buurt) throw new AppError('AREA_NOT_FOUND', `no buurt ${code} in collection '${id}'`);
  const mapRows = await getMapRows(ctx, { area: buurt.gemeente, map: id, year: q.year, period: q.period });
  const row = mapRows.rows.find((r) => r.code === code);
  if (!row) throw new AppError('AREA_NOT_FOUND', `no buurt ${code} in collection '${id}'`);
  const geometry =
    crs === RD_NEW
      ? await rdGeometries(ctx, mapRows.divisionYear, [code])
      : await displayGeometries(ctx, mapRows, [row.gemeente]);
  const shown = mapRows.built.period ?? mapRows.built.year;
  const href = `${base}/collections/${encodeURIComponent(id)}/items/${encodeURIComponent(code)}`;
  return {
    ...ogcFeature(row, geometry.get(code) ?? null, crs, shown, mapRows.demo, editionLabel(mapRows)),
    links: [
      { href, rel: 'self', type: 'application/geo+json', title: 'this buurt' },
      {
        href: `${base}/collections/${encodeURIComponent(id)}`,
        rel: 'collection',
        type: 'application/json',
        title: 'the collection',
      },
    ],
  };
}

function ogcFeature(
  r: MapRow,
  geometry: PolygonGeometry | null,
  crs: string,
  shown: string | number | null,
  demo: boolean,
  dataEdition: string | null = null,
): OgcFeature {
  return {
    type: 'Feature',
    id: r.code,
    geometry: geometry ? roundGeometry(geometry, crs === RD_NEW ? 3 : 7) : null,
    properties: {
      code: r.code,
      name: r.name,
      gemeente: r.gemeente,
      gemeente_naam: r.gemeenteName,
      period: shown === null ? null : String(shown),
      value: r.value,
      class_id: r.classId,
      class: r.label,
      flags: r.flags.join(','),
      inhabitants: r.inhabitants,
      delta_concentration: r.deltaConcentration,
      delta_nuisance: r.deltaNuisance,
      edition: r.editions.join('; ') + (demo ? ' (demo — fictieve gegevens)' : ''),
      data_edition: dataEdition,
    },
  };
}

function itemsUrl(base: string, id: string, q: OgcItemsQuery, offset: number, limit: number): string {
  const p = new URLSearchParams();
  for (const k of ['gemeente', 'year', 'period', 'edition', 'bbox', 'bbox-crs', 'crs', 'f'] as const) {
    const v = q[k];
    if (v !== undefined) p.set(k, String(v));
  }
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return `${base}/collections/${encodeURIComponent(id)}/items?${p.toString()}`;
}

/** `minx,miny,maxx,maxy` (a 6-number 3D box is accepted, heights ignored). */
function parseBbox(raw: string): [number, number, number, number] {
  const n = raw.split(',').map((s) => Number(s.trim()));
  if ((n.length !== 4 && n.length !== 6) || n.some((v) => !Number.isFinite(v)))
    throw new AppError('USAGE', `parameter 'bbox': four numbers minx,miny,maxx,maxy, not '${raw}'`);
  return n.length === 4 ? [n[0]!, n[1]!, n[2]!, n[3]!] : [n[0]!, n[1]!, n[3]!, n[4]!];
}

type Envelope = [number, number, number, number];

async function rdEnvelopes(
  ctx: ReadContext,
  divisionYear: number,
  rows: readonly MapRow[],
): Promise<Map<string, Envelope>> {
  const out = new Map<string, Envelope>();
  for (const gm of new Set(rows.map((r) => r.gemeente)))
    for (const g of await ctx.store.getGeometries({ divisionYear, gemeente: gm })) out.set(g.code, g.bbox);
  return out;
}

async function displayEnvelopes(
  ctx: ReadContext,
  divisionYear: number,
  rows: readonly MapRow[],
): Promise<Map<string, Envelope>> {
  const out = new Map<string, Envelope>();
  const geometry = await displayGeometries(
    ctx,
    { divisionYear },
    rows.map((r) => r.gemeente),
  );
  for (const [code, g] of geometry) if (g) out.set(code, envelope(g));
  return out;
}

function envelope(g: PolygonGeometry): Envelope {
  const e: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        e[0] = Math.min(e[0], p[0]!);
        e[1] = Math.min(e[1], p[1]!);
        e[2] = Math.max(e[2], p[0]!);
        e[3] = Math.max(e[3], p[1]!);
      }
  return e;
}

function roundGeometry(g: PolygonGeometry, digits: number): PolygonGeometry {
  const f = 10 ** digits;
  const ring = (r: number[][]) => r.map((p) => [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** The data edition of a map's rows as an item says it: "editie 2026-1 (edition=3)". */
function editionLabel(m: MapRows): string | null {
  return m.dataEdition ? `${m.dataEdition.label} (edition=${m.dataEdition.id})` : null;
}
