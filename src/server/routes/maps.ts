/** GET /api/maps/definitions and GET /api/maps (one map of a gemeente or region as GeoJSON). */
import { Hono } from 'hono';
import { MapQuerySchema, type MapDefinitionsResponse } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { parsePeriod, formatPeriod } from '../../domain/engine/engine-config.js';
import { customIndicator, findIndicator } from '../../domain/engine/indicator-registry.js';
import type { VeerkrachtEngine } from '../../domain/engine/veerkracht-engine.js';
import { buildMap, mapAvailability } from '../../domain/maps/build-map.js';
import { findMapSpec, layerSpec, NINE_MAPS, type MapSpec } from '../../domain/maps/map-definitions.js';
import { sendCachedJson } from '../cached-json.js';
import { mapResponse, serialise, type SerialisedResponse } from '../map-response.js';
import { resolveArea } from '../resolve-area.js';
import { parseQuery, type ServerDeps } from '../server-deps.js';

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

export function mapsRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  app.get('/definitions', async (c) => {
    const state = await deps.state.get();
    const cached = state.version + '|definitions';
    let r = deps.state.responses.get(cached) as SerialisedResponse | undefined;
    if (!r) {
      r = serialise(definitions(state.engine));
      deps.state.responses.set(cached, r);
    }
    return sendCachedJson(c, r);
  });

  app.get('/', async (c) => {
    const state = await deps.state.get();
    // hot path: a repeated request is answered from the cache by its raw query string
    const url = c.req.url;
    const rawKey = `map?${url.slice(url.indexOf('?') + 1)}`;
    const hit = deps.state.responses.get(rawKey) as SerialisedResponse | undefined;
    if (hit) return sendCachedJson(c, hit);
    const q = parseQuery(MapQuerySchema, c.req.query());
    const key = `map|${q.area}|${q.map}|${q.period ?? ''}|${q.year ?? ''}`;
    let r = deps.state.responses.get(key) as SerialisedResponse | undefined;
    if (!r) {
      const area = await resolveArea(q.area, state, deps.store);
      const spec = resolveMapSpec(state.engine, q.map);
      const built = buildMap(state.engine, spec, area.rows, {
        ...(q.year !== undefined ? { year: q.year } : {}),
        ...(q.period !== undefined ? { period: parsePeriod(q.period) } : {}),
      });
      const geometry = new Map();
      for (const gm of area.gemeenten)
        for (const [k, v] of await deps.state.geometries(gm, state.divisionYear)) geometry.set(k, v);
      const harmonisation = await deps.store.listHarmonisation();
      r = serialise(mapResponse(built, area, state, geometry, harmonisation));
      if (deps.state.responses.size > 2000) deps.state.responses.clear();
      deps.state.responses.set(key, r);
    }
    deps.state.responses.set(rawKey, r);
    return sendCachedJson(c, r);
  });

  return app;
}

function definitions(engine: VeerkrachtEngine): MapDefinitionsResponse {
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
