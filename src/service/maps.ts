/**
 * Maps: the definitions of the nine maps and the indicator layers (GET /api/maps/definitions),
 * and one map of a gemeente or region as GeoJSON with legend and metadata (GET /api/maps,
 * `veerkracht maps`).
 */
import type {
  AreaAvailability,
  EmptyReason,
  FetchSource,
  LayerDefinition,
  MapDefinition,
  MapDefinitionsQuery,
  MapDefinitionsResponse,
  MapQuery,
  MapResponse,
} from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import type { PolygonGeometry } from '../core/records.js';
import { formatPeriod, parsePeriod } from '../domain/engine/engine-config.js';
import { customIndicator, findIndicator } from '../domain/engine/indicator-registry.js';
import {
  gemeenteSourceKindOf,
  populationSourceOf,
  type IndicatorSpan,
} from '../domain/engine/missing-kinds.js';
import type { VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import {
  agreeingKeys,
  areaMapAvailability,
  indicatorHasValues,
  missingIndicators,
  newestPeriod,
  offeredKeys,
  POPULATION,
  type AreaCount,
} from '../domain/maps/area-availability.js';
import { buildMap, mapAvailability } from '../domain/maps/build-map.js';
import {
  EXTRA_MAPS,
  findMapSpec,
  layerSpec,
  NINE_MAPS,
  type MapSpec,
} from '../domain/maps/map-definitions.js';
import { mapResponse } from './map-response.js';
import type { ReadContext } from './read-context.js';
import { resolveArea, withFormedFrom } from './resolve-area.js';

/** The map spec for a map id or indicator id; MAP_NOT_FOUND otherwise. */
export function resolveMapSpec(engine: VeerkrachtEngine, id: string): MapSpec {
  const spec = findMapSpec(id);
  if (spec) return spec;
  if (engine.table.years(id).length > 0) return layerSpec(findIndicator(id) ?? customIndicator(id));
  throw new AppError(
    'MAP_NOT_FOUND',
    `unknown map '${id}': use one of ${NINE_MAPS.map((m) => m.id).join(', ')} or an indicator id with data (GET /api/maps/definitions)`,
  );
}

/** One map of a gemeente (GMgggg) or region, as GeoJSON with legend and metadata. */
export async function getMap(ctx: ReadContext, q: MapQuery): Promise<MapResponse> {
  const state = await ctx.state.get();
  const area = await resolveArea(q.area, state, ctx.store);
  const spec = resolveMapSpec(state.engine, q.map);
  // without a year or period: the one the app opens on for this area (its newest with data there),
  // not the country's newest, which an area may have nothing of
  const when =
    q.year === undefined && q.period === undefined
      ? areaDefault(state.engine, spec, area.rows)
      : {
          ...(q.year !== undefined ? { year: q.year } : {}),
          ...(q.period !== undefined ? { period: parsePeriod(q.period) } : {}),
        };
  const built = buildMap(state.engine, spec, area.rows, when);
  const geometry = new Map<string, PolygonGeometry | null>();
  for (const gm of area.gemeenten)
    for (const [k, v] of await ctx.state.geometries(gm, state.divisionYear)) geometry.set(k, v);
  const harmonisation = state.harmonisation ?? (await ctx.store.listHarmonisation());
  return mapResponse(built, area, state, geometry, harmonisation);
}

/**
 * The nine maps (with their periods or years and default), the maps outside the nine
 * (veerkracht-landelijk) and every indicator with data as a layer. With an area: per map and
 * layer what the area has (years or periods with data for at
 * least half of its buurten, else any; the newest as default; why an empty map is empty) and
 * the first of the nine maps with data there.
 */
export async function getMapDefinitions(
  ctx: ReadContext,
  query: MapDefinitionsQuery = {},
): Promise<MapDefinitionsResponse> {
  const state = await ctx.state.get();
  const { engine } = state;
  const area = query.area !== undefined ? await resolveArea(query.area, state, ctx.store) : undefined;
  const defaultPeriod = engine.defaultPeriod();
  const preferredLength = preferredPeriodLength(engine);
  const definition = (spec: MapSpec): MapDefinition => {
    const avail = mapAvailability(engine, spec);
    const last = avail.years?.[avail.years.length - 1];
    const national: MapDefinition = {
      id: spec.id,
      ...(spec.number !== undefined ? { number: spec.number } : {}),
      titleNl: spec.titleNl,
      titleEn: spec.titleEn,
      kind: spec.kind,
      ...(avail.periods ? { periods: avail.periods } : {}),
      ...(avail.years ? { years: avail.years } : {}),
      ...(spec.kind !== 'level' && defaultPeriod ? { defaultPeriod: formatPeriod(defaultPeriod) } : {}),
      ...(spec.kind === 'level' && last !== undefined ? { defaultYear: last } : {}),
      howToReadNl: spec.howToReadNl,
      howToReadEn: spec.howToReadEn,
      caveatsNl: spec.caveatsNl,
      caveatsEn: spec.caveatsEn,
    };
    return area ? forArea(engine, spec, area.rows, national, preferredLength) : national;
  };
  const maps = NINE_MAPS.map(definition);
  const extraMaps = EXTRA_MAPS.map(definition);
  const componentIndicators = new Set(
    engine.config.components.flatMap((c) => c.segments.map((s) => s.indicator)),
  );
  const layers = engine.table
    .indicators()
    .filter((id) => engine.table.years(id).length > 0)
    .map((id) => {
      const def = findIndicator(id) ?? customIndicator(id);
      const layer: LayerDefinition = {
        id,
        titleNl: def.titleNl,
        titleEn: def.titleEn,
        unit: def.unit,
        component: componentIndicators.has(id),
        years: engine.table.years(id),
      };
      return area ? layerForArea(engine, layer, area.rows) : layer;
    });
  return {
    maps,
    extraMaps,
    layers,
    ...(area
      ? {
          area: { id: area.id, name: area.name, ...withFormedFrom(area, state) },
          defaultMap: maps.find((m) => m.availability?.hasData)?.id ?? null,
        }
      : {}),
    components: engine.config.components.map((c) => ({ id: c.id, titleNl: c.titleNl, titleEn: c.titleEn })),
    measures: engine.config.nuisanceMeasures.map((id) => {
      const def = findIndicator(id) ?? customIndicator(id);
      return { id, titleNl: def.titleNl, titleEn: def.titleEn };
    }),
  };
}

/** The fetch source of a stored or derived indicator (by its id's family). */
export function sourceOfIndicator(indicator: string): FetchSource {
  if (indicator.startsWith('lbm_')) return 'lbm';
  if (indicator.startsWith('rivm_')) return 'rivm';
  if (indicator.startsWith('police_')) return 'politie';
  return 'kwb';
}

/** The sources of indicators, each once, sorted. */
function sourcesOf(spans: readonly IndicatorSpan[]): FetchSource[] {
  return [...new Set(spans.map((s) => sourceOfIndicator(s.indicator)))].sort();
}

/**
 * The sources of the missing indicators (groups of alternatives, missingIndicators) that are not
 * loaded for the buurten at `rows`: those of a group of which, in every year, no loaded file
 * covers any of their gemeenten (gemeenteSourceKindOf, the rule the maps' "Bron niet geladen"
 * follows). Not a source loaded for the gemeente without the indicator (the map says "Niet
 * gepubliceerd in deze editie"), nor one holding it for a gemeente it went into or on a division
 * harmonisation could not carry over ("Buurt niet in de bron"): loading it again would not help.
 */
function notLoadedSources(
  engine: VeerkrachtEngine,
  missing: readonly (readonly IndicatorSpan[])[],
  rows: readonly number[],
): FetchSource[] {
  const gemeenten = [...new Set(rows.map((row) => engine.table.buurten[row]!.gemeente))];
  const loaded = (group: readonly IndicatorSpan[]): boolean =>
    gemeenten.some((g) => sourceLoadedFor(engine, group, g));
  return sourcesOf(missing.filter((group) => !loaded(group)).flat());
}

/**
 * True when a loaded file covers `gemeente` for the group in a year its map can show
 * (gemeenteSourceKindOf); for the population of the veerkracht classes by the rule of the maps'
 * "Inwonertal onbekend" (populationSourceOf): a KWB file of a year the gemeente existed in — not
 * one that has Haaren only under the gemeenten it went into.
 */
function sourceLoadedFor(
  engine: VeerkrachtEngine,
  group: readonly IndicatorSpan[],
  gemeente: string,
): boolean {
  if (group === POPULATION) return populationSourceOf(engine.table, gemeente).loaded;
  return gemeenteSourceKindOf(engine.table, group, gemeente) !== 'not-loaded';
}

function availabilityOf(
  counts: AreaCount[],
  buurten: number,
  missing: FetchSource[],
  comparesYears: boolean,
  opened?: string,
): { availability: AreaAvailability; keys: string[] } {
  const { keys, halfCovered } = offeredKeys({ buurten, counts });
  const hasData = keys.length > 0;
  // without data: what the map the area opens on says (one source of truth for the map and its
  // entry), the sources to load with those no loaded file covers the area for in any year
  const told = hasData ? undefined : counts.find((c) => c.key === opened);
  const emptyReason: EmptyReason | null = hasData
    ? null
    : (told?.emptyCode ??
      (missing.length > 0 ? 'source-not-loaded' : comparesYears ? 'no-comparable-years' : 'no-values'));
  const missingSources =
    told?.emptyCode === undefined
      ? missing
      : told.emptyCode === 'source-not-loaded'
        ? [...new Set([...missing, ...(told.emptySources ?? [])])].sort()
        : [];
  return {
    availability: {
      buurten,
      counts: Object.fromEntries(counts.map((c) => [c.key, c.withValue])),
      hasData,
      halfCovered: hasData && halfCovered,
      missingSources,
      emptyReason,
    },
    keys,
  };
}

/**
 * What an area has of a map: its availability, the years or periods with data there (see
 * availabilityOf) and the one the app opens on (areaDefault).
 */
function areaView(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
  preferredLength: number,
): { availability: AreaAvailability } & (
  { years: number[]; defaultYear?: number } | { periods: string[]; defaultPeriod?: string }
) {
  const { counts } = areaMapAvailability(engine, spec, rows);
  const absent = missingIndicators(engine, spec, rows);
  const missing = notLoadedSources(engine, absent, rows);
  // "no comparable years" only when the inputs are there: without them (loaded for the gemeente,
  // but not for its buurten) the map has no values, as its own emptyReason says
  const comparesYears = spec.kind !== 'level' && absent.length === 0;
  const { keys } = offeredKeys({ buurten: rows.length, counts });
  const chosen = defaultOf(spec, keys, counts, preferredLength);
  const { availability } = availabilityOf(
    counts,
    rows.length,
    missing,
    comparesYears,
    chosen ?? emptyDefault(engine, spec, counts, preferredLength, missing),
  );
  if (spec.kind === 'level') {
    const years = keys.map(Number);
    return { availability, years, ...(chosen !== undefined ? { defaultYear: Number(chosen) } : {}) };
  }
  return { availability, periods: keys, ...(chosen !== undefined ? { defaultPeriod: chosen } : {}) };
}

/**
 * The year or period the app opens a map on for an area — which GET /api/maps without a year or
 * period shows too (getMap) — without the rest of areaView.
 */
function areaDefault(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
): { year?: number; period?: ReturnType<typeof parsePeriod> } {
  const { counts } = areaMapAvailability(engine, spec, rows);
  const { keys } = offeredKeys({ buurten: rows.length, counts });
  const length = preferredPeriodLength(engine);
  const chosen =
    defaultOf(spec, keys, counts, length) ??
    emptyDefault(
      engine,
      spec,
      counts,
      length,
      keys.length > 0 ? [] : notLoadedSources(engine, missingIndicators(engine, spec, rows), rows),
    );
  if (chosen === undefined) return {};
  return spec.kind === 'level' ? { year: Number(chosen) } : { period: parsePeriod(chosen) };
}

/**
 * Without a value in any year or period: the year or period the map opens on — the country's
 * newest (its default period), unless that one says otherwise than the map list (`sources`: what
 * no loaded file covers the area for in any year; agreeingKeys) while another says the same: then
 * the newest of those. Middelburg's Leefbaarometer map opens on 2020, whose file has its buurten on
 * another division, not on 2024, of which no file covers it; its concentration map on a year that
 * advises loading KWB (its benefits and Wmo components), as the list does.
 */
function emptyDefault(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  counts: readonly AreaCount[],
  preferredLength: number,
  sources: readonly FetchSource[],
): string | undefined {
  const period = engine.defaultPeriod();
  const national =
    spec.kind === 'level' ? counts[counts.length - 1]?.key : period ? formatPeriod(period) : undefined;
  const agreeing = agreeingKeys(counts, sources);
  if (national === undefined || agreeing.length === 0 || agreeing.includes(national)) return national;
  return spec.kind === 'level'
    ? agreeing[agreeing.length - 1]
    : (newestPeriod(agreeing, preferredLength) ?? national);
}

/** Of the keys offered: a level map's newest year, else the newest period of the preferred length. */
function defaultOf(
  spec: MapSpec,
  keys: readonly string[],
  counts: readonly AreaCount[],
  preferredLength: number,
): string | undefined {
  if (spec.kind === 'level') return keys[keys.length - 1];
  const spans = new Map(counts.flatMap((c) => (c.span ? [[c.key, c.span] as const] : [])));
  return newestPeriod(keys, preferredLength, spans) ?? undefined;
}

/** The length of period the app prefers (its default period's), else 4 years. */
function preferredPeriodLength(engine: VeerkrachtEngine): number {
  const p = engine.defaultPeriod();
  return p ? p.t1 - p.t0 : 4;
}

function forArea(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
  national: MapDefinition,
  preferredLength: number,
): MapDefinition {
  const { periods: _p, years: _y, defaultPeriod: _dp, defaultYear: _dy, ...rest } = national;
  return { ...rest, ...areaView(engine, spec, rows, preferredLength) };
}

function layerForArea(
  engine: VeerkrachtEngine,
  layer: LayerDefinition,
  rows: readonly number[],
): LayerDefinition {
  const counts: AreaCount[] = (layer.years ?? []).map((year) => {
    const column = engine.table.get(layer.id, year);
    let withValue = 0;
    if (column) for (const row of rows) if (Number.isFinite(column.values[row]!)) withValue++;
    return { key: String(year), withValue };
  });
  const missing = indicatorHasValues(engine, layer.id, rows)
    ? []
    : notLoadedSources(engine, [[{ indicator: layer.id }]], rows);
  const { availability, keys } = availabilityOf(counts, rows.length, missing, false);
  return { ...layer, years: keys.map(Number), availability };
}
