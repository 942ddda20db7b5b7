/**
 * One map as plain rows, one per buurt, for the GIS and download routes (OGC API Features,
 * CSV, GeoJSON, GeoPackage): what the map shows (value, class, flags), the numbers that drive a
 * class on period maps (change in concentration ΔK, change in nuisance ΔO) and the editions of
 * the sources behind each buurt's value. The area is a gemeente, a region, or — for the OGC
 * collections — the whole country; without a year or period the map is shown as the app shows
 * it for that area (its newest year or period with data).
 */
import { AppError } from '../core/app-error.js';
import type { PolygonGeometry } from '../core/records.js';
import { parsePeriod } from '../domain/engine/engine-config.js';
import { buildMap, type BuiltMap } from '../domain/maps/build-map.js';
import type { DataEditionInfo, LoadedState } from './engine-state.js';
import { getMapDefinitions, resolveMapSpec } from './maps.js';
import type { ReadContext } from './read-context.js';
import { resolveArea, type ResolvedArea } from './resolve-area.js';

export interface MapRow {
  code: string;
  name: string;
  gemeente: string;
  gemeenteName: string;
  value: number | null;
  classId: string;
  /** The class (legend label) in Dutch; for a buurt without a class, why. */
  label: string;
  labelEn: string;
  flags: string[];
  inhabitants: number | null;
  /** Period maps: change in concentration of vulnerable residents (ΔK, base-year spreads); else null. */
  deltaConcentration: number | null;
  /** Period maps: change in nuisance (ΔO, base-year spread of its measure); else null. */
  deltaNuisance: number | null;
  /** The labels of the source editions behind this buurt's value (e.g. "CBS KWB 2020 (84799NED)"). */
  editions: string[];
}

export interface MapRows {
  built: BuiltMap;
  /** The gemeente or region; null for the whole country. */
  area: ResolvedArea | null;
  divisionYear: number;
  demo: boolean;
  /** The data edition the map comes from (null: the store recorded none). */
  dataEdition: DataEditionInfo | null;
  rows: MapRow[];
}

export interface MapRowsQuery {
  /** Gemeente code or region id; undefined = every buurt of the reference division. */
  area?: string | undefined;
  map: string;
  year?: number | undefined;
  period?: string | undefined;
}

/** The last maps built per engine state (national or per gemeente), so that paging does not rebuild them. */
const recent = new WeakMap<LoadedState, Map<string, Promise<MapRows>>>();
const RECENT_MAPS = 16;

/**
 * The rows of a map, sorted by buurt code. MAP_NOT_FOUND / AREA_NOT_FOUND as GET /api/maps.
 * National and gemeente maps are kept for the engine state's lifetime (the last 16), so that
 * a client paging through a collection builds it once; callers must not change the rows.
 */
export async function getMapRows(ctx: ReadContext, q: MapRowsQuery): Promise<MapRows> {
  const state = await ctx.state.get();
  if (q.area !== undefined && !/^GM\d{4}$/i.test(q.area.trim())) return buildMapRows(ctx, state, q);
  let m = recent.get(state);
  if (!m) recent.set(state, (m = new Map()));
  const key = JSON.stringify([q.area?.trim().toUpperCase() ?? null, q.map, q.year ?? null, q.period ?? null]);
  let rows = m.get(key);
  if (!rows) {
    const building = buildMapRows(ctx, state, q);
    const memo = m;
    rows = building;
    memo.set(key, building);
    if (memo.size > RECENT_MAPS) memo.delete(memo.keys().next().value!);
    building.catch(() => memo.delete(key));
  }
  return rows;
}

async function buildMapRows(ctx: ReadContext, state: LoadedState, q: MapRowsQuery): Promise<MapRows> {
  const { engine } = state;
  const spec = resolveMapSpec(engine, q.map);
  const area = q.area !== undefined ? await resolveArea(q.area, state, ctx.store) : null;
  const rows = area ? area.rows : engine.table.buurten.map((_, i) => i);
  const when = await defaultWhen(ctx, q, spec.kind === 'level');
  const built = buildMap(engine, spec, rows, when);
  const period = built.period !== null ? engine.period(parsePeriod(built.period)) : null;
  const pairs = built.sources.flatMap((s) => s.years.map((y) => [s.indicator, y] as const));
  const out = built.features.map((f): MapRow => {
    const editions = new Set<string>();
    for (const [indicator, year] of pairs)
      for (const s of engine.table.sourcesAt(indicator, year, [f.row])) editions.add(s.edition);
    return {
      code: f.code,
      name: f.name,
      gemeente: f.gemeente,
      gemeenteName: state.gemeenteNames.get(f.gemeente) ?? f.gemeente,
      value: f.value === null ? null : round(f.value, 4),
      classId: f.classId,
      label: f.label,
      labelEn: f.labelEn,
      flags: f.flags,
      inhabitants: f.inhabitants,
      deltaConcentration: period ? finite(period.index.values[f.row]) : null,
      deltaNuisance: period ? finite(period.nuisance.values[f.row]) : null,
      editions: [...editions].sort(),
    };
  });
  out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    built,
    area,
    divisionYear: state.divisionYear,
    demo: state.demo,
    dataEdition: state.dataEdition,
    rows: out,
  };
}

/** The year or period asked; else the default the app shows for the area (or the country). */
async function defaultWhen(
  ctx: ReadContext,
  q: MapRowsQuery,
  level: boolean,
): Promise<{ year?: number; period?: ReturnType<typeof parsePeriod> }> {
  if (level && q.period !== undefined)
    throw new AppError('USAGE', `map '${q.map}' shows one year: use 'year', not 'period'`);
  if (!level && q.year !== undefined)
    throw new AppError('USAGE', `map '${q.map}' compares a period: use 'period', not 'year'`);
  if (q.year !== undefined) return { year: q.year };
  if (q.period !== undefined) return { period: parsePeriod(q.period) };
  const defs = await getMapDefinitions(ctx, q.area !== undefined ? { area: q.area } : {});
  const def =
    [...defs.maps, ...(defs.extraMaps ?? [])].find((m) => m.id === q.map) ??
    defs.layers.find((l) => l.id === q.map);
  if (!def) return {};
  if ('defaultYear' in def && def.defaultYear !== undefined) return { year: def.defaultYear };
  if ('defaultPeriod' in def && def.defaultPeriod !== undefined)
    return { period: parsePeriod(def.defaultPeriod) };
  const years = def.years ?? [];
  const last = years[years.length - 1];
  return last !== undefined ? { year: last } : {};
}

/** RD New geometry of buurten (full detail, as stored), by code. */
export async function rdGeometries(
  ctx: ReadContext,
  divisionYear: number,
  codes: readonly string[],
): Promise<Map<string, PolygonGeometry>> {
  const out = new Map<string, PolygonGeometry>();
  for (let i = 0; i < codes.length; i += 500)
    for (const g of await ctx.store.getGeometries({ divisionYear, codes: codes.slice(i, i + 500) }))
      out.set(g.code, g.rd);
  return out;
}

/** WGS84 display geometry of buurten (simplified, as the map draws it), by code. */
export async function displayGeometries(
  ctx: ReadContext,
  state: Pick<LoadedState, 'divisionYear'>,
  gemeenten: Iterable<string>,
): Promise<Map<string, PolygonGeometry | null>> {
  const out = new Map<string, PolygonGeometry | null>();
  for (const gm of new Set(gemeenten))
    for (const [k, v] of await ctx.state.geometries(gm, state.divisionYear)) out.set(k, v);
  return out;
}

function finite(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : round(v, 4);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
