import { describe, expect, it } from 'vitest';
import { formatViewState, parseViewState } from '../../web/src/state/url-state.js';
import { INITIAL_STATE, type ViewState } from '../../web/src/state/view-state.js';

describe('parseViewState(search) / formatViewState(state)', () => {
  it('round-trips a full map view (area, map, period, buurt, table display, English)', () => {
    const state: ViewState = {
      ...INITIAL_STATE,
      view: 'map',
      area: 'GM0917',
      map: 'veerkracht-relatief',
      period: '2016-2020',
      buurt: 'BU09170001',
      display: 'table',
      lang: 'en',
    };
    const search = formatViewState(state);
    expect(search).toBe(
      '?view=map&area=GM0917&map=veerkracht-relatief&period=2016-2020&buurt=BU09170001&display=table&lang=en',
    );
    expect(parseViewState(search)).toEqual(state);
  });

  it('round-trips the side-by-side and compare-areas views', () => {
    const compare: ViewState = {
      ...INITIAL_STATE,
      view: 'compare',
      area: 'GM0917',
      map: 'leefbaarheid',
      year: 2020,
      map2: 'leefbaarheid',
      year2: 2016,
    };
    expect(parseViewState(formatViewState(compare))).toEqual(compare);
    const areas: ViewState = {
      ...INITIAL_STATE,
      view: 'areas',
      areas: ['GM0917', 'parkstad-limburg'],
      period: '2016-2020',
    };
    expect(parseViewState(formatViewState(areas))).toEqual(areas);
  });

  it('leaves defaults out and opens the start page for an empty query', () => {
    expect(formatViewState(INITIAL_STATE)).toBe('');
    expect(parseViewState('')).toEqual(INITIAL_STATE);
  });

  it('ignores malformed values instead of failing: bad period, year, view and display fall back', () => {
    const state = parseViewState('?view=nope&area=GM0917&period=2016&year=20x0&display=chart&lang=fr');
    expect(state).toMatchObject({
      view: 'map',
      area: 'GM0917',
      period: null,
      year: null,
      display: 'map',
      lang: 'nl',
    });
  });
  it('keeps the difference view, the basemap and names-off in the link', () => {
    const state: ViewState = {
      ...INITIAL_STATE,
      view: 'map',
      area: 'GM0202',
      map: 'veerkracht-absoluut',
      display: 'change',
      basemap: true,
      labels: false,
    };
    const search = formatViewState(state);
    expect(search).toBe('?view=map&area=GM0202&map=veerkracht-absoluut&display=change&basemap=brt&labels=0');
    expect(parseViewState(search)).toEqual(state);
    expect(parseViewState('?area=GM0202')).toMatchObject({ basemap: false, labels: true });
  });
});
