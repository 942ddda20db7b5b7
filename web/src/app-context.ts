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
import { messagesFor, type Messages } from './i18n/messages.js';
import type { StateStore } from './state/state-store.js';

export interface AppData {
  gemeenten: GemeentenResponse;
  regions: RegionsResponse;
  definitions: MapDefinitionsResponse;
}

export interface AppConfig {
  /** Raster tile URL template for an optional basemap; null = none (offline). */
  basemapUrl: string | null;
}

export interface AppContext {
  store: StateStore;
  data: AppData;
  config: AppConfig;
}

/**
 * The basemap URL: `<meta name="veerkracht-basemap-url" content="…">` in the served index.html
 * (an operator can set it without rebuilding), else VITE_BASEMAP_URL at build time, else none.
 */
export function readConfig(): AppConfig {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="veerkracht-basemap-url"]')?.content;
  const url = meta && meta.trim() !== '' ? meta : import.meta.env.VITE_BASEMAP_URL;
  return { basemapUrl: url && url.trim() !== '' ? url.trim() : null };
}

export function messages(ctx: AppContext): Messages {
  return messagesFor(ctx.store.state.lang);
}

/** Display name of a gemeente code or region id; the code itself when unknown. */
export function areaName(data: AppData, area: string): string {
  const region = data.regions.regions.find((r) => r.id === area);
  if (region) return region.name;
  return data.gemeenten.gemeenten.find((g) => g.code === area)?.name ?? area;
}

export function isKnownArea(data: AppData, area: string): boolean {
  return (
    data.regions.regions.some((r) => r.id === area) || data.gemeenten.gemeenten.some((g) => g.code === area)
  );
}

/** A map definition, with extra indicator layers treated as level maps. */
export function findMapDefinition(data: AppData, id: string | null): MapDefinition | undefined {
  if (!id) return undefined;
  const map = data.definitions.maps.find((m) => m.id === id);
  if (map) return map;
  const layer = data.definitions.layers.find((l) => l.id === id);
  return layer ? layerAsMap(layer) : undefined;
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
    howToReadNl: '',
    howToReadEn: '',
    caveatsNl: '',
    caveatsEn: '',
  };
}

/** The period or year a map is shown for: the requested one when the map has it, else its default. */
export function resolveWhen(
  def: MapDefinition,
  period: string | null,
  year: number | null,
): { period: string | null; year: number | null } {
  if (def.kind === 'level') {
    const years = def.years ?? [];
    const chosen =
      year !== null && (years.length === 0 || years.includes(year))
        ? year
        : (def.defaultYear ?? years[years.length - 1] ?? null);
    return { period: null, year: chosen };
  }
  const periods = def.periods ?? [];
  const chosen =
    period !== null && (periods.length === 0 || periods.includes(period))
      ? period
      : (def.defaultPeriod ?? periods[periods.length - 1] ?? null);
  return { period: chosen, year: null };
}
