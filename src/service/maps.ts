/**
 * Maps: the definitions of the nine maps and the indicator layers (GET /api/maps/definitions),
 * and one map of a gemeente or region as GeoJSON with legend and metadata (GET /api/maps,
 * `veerkracht maps`).
 */
import type { MapDefinitionsResponse, MapQuery, MapResponse } from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import type { PolygonGeometry } from '../core/records.js';
import { formatPeriod, parsePeriod } from '../domain/engine/engine-config.js';
import { customIndicator, findIndicator } from '../domain/engine/indicator-registry.js';
import type { VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import { buildMap, mapAvailability } from '../domain/maps/build-map.js';
import { findMapSpec, layerSpec, NINE_MAPS, type MapSpec } from '../domain/maps/map-definitions.js';
import { mapResponse } from './map-response.js';
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';

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
  const built = buildMap(state.engine, spec, area.rows, {
    ...(q.year !== undefined ? { year: q.year } : {}),
    ...(q.period !== undefined ? { period: parsePeriod(q.period) } : {}),
  });
  const geometry = new Map<string, PolygonGeometry | null>();
  for (const gm of area.gemeenten)
    for (const [k, v] of await ctx.state.geometries(gm, state.divisionYear)) geometry.set(k, v);
  const harmonisation = await ctx.store.listHarmonisation();
  return mapResponse(built, area, state, geometry, harmonisation);
}

/** The nine maps (with their periods or years and default) and every indicator with data as a layer. */
export async function getMapDefinitions(ctx: ReadContext): Promise<MapDefinitionsResponse> {
  const { engine } = await ctx.state.get();
  const defaultPeriod = engine.defaultPeriod();
  const maps = NINE_MAPS.map((spec) => {
    const avail = mapAvailability(engine, spec);
    const last = avail.years?.[avail.years.length - 1];
    return {
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
  });
  const componentIndicators = new Set(
    engine.config.components.flatMap((c) => c.segments.map((s) => s.indicator)),
  );
  const layers = engine.table
    .indicators()
    .filter((id) => engine.table.years(id).length > 0)
    .map((id) => {
      const def = findIndicator(id) ?? customIndicator(id);
      return {
        id,
        titleNl: def.titleNl,
        titleEn: def.titleEn,
        unit: def.unit,
        component: componentIndicators.has(id),
        years: engine.table.years(id),
      };
    });
  return { maps, layers };
}
