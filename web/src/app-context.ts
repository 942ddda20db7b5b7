/**
 * What every view gets: the state store, the data loaded once at start (gemeenten, regions,
 * map definitions) and the configuration. Plus small lookups over that data.
 */
import type {
  GemeentenResponse,
  LayerDefinition,
  MapDefinition,
  MapDefinitionsResponse,
  RegionsResponse,
} from '../../src/api/schemas.js';
import {
  findRegisterGemeente,
  mergedOnDivision,
  predecessorsOf,
  wasSplit,
  type MergedGemeente,
} from '../../src/core/gemeente-register.js';
import { messagesFor, type Messages } from './i18n/messages.js';
import type { StateStore } from './state/state-store.js';

export interface AppData {
  gemeenten: GemeentenResponse;
  regions: RegionsResponse;
  definitions: MapDefinitionsResponse;
}

export interface AppConfig {
  /** Raster tile URL template of the optional basemap (off until the user switches it on); null = no basemap option. */
  basemapUrl: string | null;
}

/** PDOK BRT-Achtergrondkaart (grey), WMTS in Web Mercator as XYZ tiles; CC BY 4.0, Kadaster. */
export const PDOK_BRT_URL =
  'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png';

export interface AppContext {
  store: StateStore;
  data: AppData;
  config: AppConfig;
}

/**
 * The basemap URL: `<meta name="veerkracht-basemap-url" content="…">` in the served index.html
 * (an operator can set it without rebuilding; `content="none"` removes the option), else
 * VITE_BASEMAP_URL at build time, else the PDOK BRT-Achtergrondkaart.
 */
export function readConfig(): AppConfig {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="veerkracht-basemap-url"]')?.content;
  const raw = (meta && meta.trim() !== '' ? meta : import.meta.env.VITE_BASEMAP_URL)?.trim();
  if (raw === 'none') return { basemapUrl: null };
  return { basemapUrl: raw && raw !== '' ? raw : PDOK_BRT_URL };
}

export function messages(ctx: AppContext): Messages {
  return messagesFor(ctx.store.state.lang);
}

/** Display name of a gemeente code or region id; the code itself when unknown. */
export function areaName(data: AppData, area: string): string {
  const region = data.regions.regions.find((r) => r.id === area);
  if (region) return region.name;
  return (
    // a code of another division (a gemeente formed later or ended before): its register name
    data.gemeenten.gemeenten.find((g) => g.code === area)?.name ?? findRegisterGemeente(area)?.name ?? area
  );
}

export function isKnownArea(data: Pick<AppData, 'gemeenten' | 'regions'>, area: string): boolean {
  return (
    data.regions.regions.some((r) => r.id === area) ||
    data.gemeenten.gemeenten.some((g) => g.code === area) ||
    mergedGemeente(data, area) !== undefined
  );
}

/**
 * What a herindeling after the division shown means for the area's maps: for a gemeente formed later
 * which gemeenten they show; for a gemeente of the division that later took in (part of) others
 * that those are not in them. Null otherwise.
 */
export function formedNote(data: AppData, area: string, t: Messages): string | null {
  const year = data.gemeenten.divisionYear;
  if (year === null) return null;
  const merged = mergedGemeente(data, area);
  if (merged) {
    const from = t.andList(merged.from.map((code) => areaName(data, code)));
    return t.areaFormedFrom(merged.name, merged.since, from, year);
  }
  // a gemeente of the division that later took in (part of) others: Amsterdam and Weesp
  if (!data.gemeenten.gemeenten.some((g) => g.code === area)) return null;
  const joined = predecessorsOf(area, year).map((code) =>
    t.areaJoinedLater(
      `${areaName(data, code)} (${code})`,
      wasSplit(code),
      areaName(data, area),
      (findRegisterGemeente(code)?.last ?? year) + 1,
      year,
    ),
  );
  return joined.length > 0 ? joined.join(' ') : null;
}

/**
 * A gemeente formed after the division shown from whole gemeenten of it, all loaded (Dijk en Waard
 * on the 2019 division): an area of its own, as the server resolves it (src/service/resolve-area.ts).
 */
export function mergedGemeente(data: Pick<AppData, 'gemeenten'>, code: string): MergedGemeente | undefined {
  const year = data.gemeenten.divisionYear;
  if (year === null || !/^GM\d{4}$/.test(code)) return undefined;
  const loaded = new Set(data.gemeenten.gemeenten.map((g) => g.code));
  return mergedOnDivision(code, year, (g) => loaded.has(g));
}

/** A map definition (of the nine or an extra layer, as a level map) in a definitions response. */
export function findMapDefinition(
  defs: MapDefinitionsResponse,
  id: string | null,
): MapDefinition | undefined {
  if (!id) return undefined;
  const map = defs.maps.find((m) => m.id === id) ?? defs.extraMaps?.find((m) => m.id === id);
  if (map) return map;
  const layer = defs.layers.find((l) => l.id === id);
  return layer ? layerAsMap(layer) : undefined;
}

/** The map to show: the asked one when it exists, else the first of the nine with data in the area. */
export function chooseMap(defs: MapDefinitionsResponse, id: string | null): MapDefinition | undefined {
  return (
    findMapDefinition(defs, id) ??
    defs.maps.find((m) => m.id === defs.defaultMap) ??
    defs.maps.find((m) => m.availability?.hasData !== false) ??
    defs.maps[0]
  );
}

export function layerAsMap(layer: LayerDefinition): MapDefinition {
  const years = layer.years ?? [];
  return {
    id: layer.id,
    titleNl: layer.titleNl,
    titleEn: layer.titleEn,
    kind: 'level',
    years,
    ...(years.length > 0 ? { defaultYear: years[years.length - 1]! } : {}),
    ...(layer.availability ? { availability: layer.availability } : {}),
    howToReadNl: '',
    howToReadEn: '',
    caveatsNl: '',
    caveatsEn: '',
  };
}

/** Buurten of the area with a value in a year or period (undefined without area availability). */
export function coverageOf(def: MapDefinition, key: string | number | null): number | undefined {
  if (key === null || !def.availability) return undefined;
  return def.availability.counts[String(key)];
}

/**
 * The period or year a map is shown for: the requested one when the map offers it (or it has any
 * value in the area: a deep link keeps its period), else the map's default (the newest with data).
 */
export function resolveWhen(
  def: MapDefinition,
  period: string | null,
  year: number | null,
): { period: string | null; year: number | null } {
  if (def.kind === 'level') {
    const years = def.years ?? [];
    const usable = (y: number): boolean =>
      years.includes(y) || (def.availability ? (coverageOf(def, y) ?? 0) > 0 : years.length === 0);
    const chosen =
      year !== null && usable(year) ? year : (def.defaultYear ?? years[years.length - 1] ?? null);
    return { period: null, year: chosen };
  }
  const periods = def.periods ?? [];
  const usable = (p: string): boolean =>
    periods.includes(p) || (def.availability ? (coverageOf(def, p) ?? 0) > 0 : periods.length === 0);
  const chosen =
    period !== null && usable(period) ? period : (def.defaultPeriod ?? periods[periods.length - 1] ?? null);
  return { period: chosen, year: null };
}
