/**
 * ViewState ⇄ URL query string. Defaults are left out so links stay short:
 * `/?view=map&area=GM0917&map=veerkracht-relatief&period=2016-2020&buurt=BU09170001&lang=en`
 * (`&display=table|change`, `&basemap=brt` for the PDOK basemap, `&labels=0` without names,
 * `&edition=3` for a data edition other than the newest).
 */
import { INITIAL_STATE, isDisplay, isViewName, type ViewState } from './view-state.js';

const PERIOD = /^\d{4}-\d{4}$/;

function readYear(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}

function readEdition(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

function readText(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}

/** Reads a view state from a query string; unknown or malformed values fall back to defaults. */
export function parseViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const view = q.get('view') ?? '';
  const display = q.get('display') ?? '';
  const period = q.get('period');
  const period2 = q.get('period2');
  const area = readText(q.get('area'));
  const state: ViewState = {
    ...INITIAL_STATE,
    view: isViewName(view) ? view : area ? 'map' : 'start',
    lang: q.get('lang') === 'en' ? 'en' : 'nl',
    area,
    map: readText(q.get('map')),
    period: period && PERIOD.test(period) ? period : null,
    year: readYear(q.get('year')),
    buurt: readText(q.get('buurt')),
    display: isDisplay(display) ? display : 'map',
    map2: readText(q.get('map2')),
    period2: period2 && PERIOD.test(period2) ? period2 : null,
    year2: readYear(q.get('year2')),
    areas: (q.get('areas') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    basemap: q.get('basemap') === 'brt',
    labels: q.get('labels') !== '0',
    edition: readEdition(q.get('edition')),
  };
  return state;
}

/** Writes a view state as a query string (with leading "?"), omitting defaults. */
export function formatViewState(state: ViewState): string {
  const q = new URLSearchParams();
  if (state.view !== 'start') q.set('view', state.view);
  if (state.area) q.set('area', state.area);
  if (state.map) q.set('map', state.map);
  if (state.period) q.set('period', state.period);
  if (state.year !== null) q.set('year', String(state.year));
  if (state.buurt) q.set('buurt', state.buurt);
  if (state.display !== 'map') q.set('display', state.display);
  if (state.view === 'compare') {
    if (state.map2) q.set('map2', state.map2);
    if (state.period2) q.set('period2', state.period2);
    if (state.year2 !== null) q.set('year2', String(state.year2));
  }
  if (state.view === 'areas' && state.areas.length > 0) q.set('areas', state.areas.join(','));
  if (state.basemap && state.view !== 'start' && state.view !== 'areas') q.set('basemap', 'brt');
  if (!state.labels && state.view !== 'start' && state.view !== 'areas') q.set('labels', '0');
  if (state.edition !== null && state.view !== 'start') q.set('edition', String(state.edition));
  if (state.lang !== 'nl') q.set('lang', state.lang);
  const text = q.toString();
  return text ? `?${text}` : '';
}
