/**
 * The whole view in one plain object: which page, which area and map, which period or year,
 * which buurt is selected and the language. It round-trips through the URL (url-state.ts), so
 * every view is a deep link.
 */
import type { Lang } from '../i18n/messages.js';

export const VIEW_NAMES = ['start', 'map', 'compare', 'areas', 'report', 'warnings'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** The map, its table, or the difference with the previous period (class then → class now). */
export const DISPLAYS = ['map', 'table', 'change'] as const;
export type Display = (typeof DISPLAYS)[number];

export interface ViewState {
  view: ViewName;
  lang: Lang;
  /** Gemeente code (GM0917) or region id. */
  area: string | null;
  map: string | null;
  period: string | null;
  year: number | null;
  buurt: string | null;
  display: Display;
  /** The right-hand map of the side-by-side view. */
  map2: string | null;
  period2: string | null;
  year2: number | null;
  /** Areas of the compare-areas page. */
  areas: string[];
  /** The PDOK basemap under the buurten (needs a connection; off by default). */
  basemap: boolean;
  /** Buurt names on the map where they fit. */
  labels: boolean;
  /** The data edition shown (GET /api/editions); null = the newest. A deep link keeps it. */
  edition: number | null;
}

export const INITIAL_STATE: ViewState = {
  view: 'start',
  lang: 'nl',
  area: null,
  map: null,
  period: null,
  year: null,
  buurt: null,
  display: 'map',
  map2: null,
  period2: null,
  year2: null,
  areas: [],
  basemap: false,
  labels: true,
  edition: null,
};

export function isViewName(value: string): value is ViewName {
  return (VIEW_NAMES as readonly string[]).includes(value);
}

export function isDisplay(value: string): value is Display {
  return (DISPLAYS as readonly string[]).includes(value);
}
