import { describe, expect, it } from 'vitest';
import type { MapDefinition, MapDefinitionsResponse } from '../../src/api/schemas.js';
import { chooseMap, resolveWhen } from '../../web/src/app-context.js';
import { defaultRightSide } from '../../web/src/compare/compare-maps-view.js';
import { createTerms, editionLabel } from '../../web/src/i18n/terms.js';
import { filterBuurten } from '../../web/src/map/stage-header.js';
import { INITIAL_STATE } from '../../web/src/state/view-state.js';

const texts = { howToReadNl: '', howToReadEn: '', caveatsNl: '', caveatsEn: '' };
const availability = (counts: Record<string, number>, hasData = true) => ({
  buurten: 10,
  counts,
  hasData,
  halfCovered: hasData,
  missingSources: hasData ? [] : (['kwb'] as const).slice(),
  emptyReason: hasData ? null : ('source-not-loaded' as const),
});
const corporation: MapDefinition = {
  id: 'corporatiebezit',
  titleNl: 'Aandeel corporatiebezit',
  titleEn: 'Corporation share',
  kind: 'level',
  years: [],
  availability: availability({ '2019': 0 }, false),
  ...texts,
};
const liveability: MapDefinition = {
  id: 'leefbaarheid',
  titleNl: 'Leefbaarheid',
  titleEn: 'Liveability',
  kind: 'level',
  years: [2014, 2018, 2020],
  defaultYear: 2020,
  availability: availability({ '2012': 2, '2014': 9, '2018': 9, '2020': 9, '2022': 0 }),
  ...texts,
};
const signal: MapDefinition = {
  id: 'veerkracht-absoluut',
  titleNl: 'Veerkracht signaleringskaart (absoluut)',
  titleEn: 'Resilience signal map (absolute)',
  kind: 'classification',
  periods: ['2012-2016', '2014-2018', '2016-2020', '2014-2020'],
  defaultPeriod: '2016-2020',
  availability: availability({
    '2012-2016': 8,
    '2014-2018': 8,
    '2016-2020': 9,
    '2014-2020': 9,
    '2018-2022': 1,
  }),
  ...texts,
};
const defs: MapDefinitionsResponse = {
  maps: [corporation, liveability, signal],
  layers: [],
  area: { id: 'GM0202', name: 'Arnhem' },
  defaultMap: 'leefbaarheid',
  components: [
    { id: 'anxiety-depression', titleNl: 'Hoog risico op angst of depressie', titleEn: 'Anxiety' },
  ],
  measures: [
    { id: 'lbm_onv', titleNl: 'Overlast en onveiligheid (Leefbaarometer)', titleEn: 'Nuisance (LBM)' },
  ],
};

describe('defaults with data for an area', () => {
  it('opens on the first map with data, keeps an asked map', () => {
    expect(chooseMap(defs, null)?.id).toBe('leefbaarheid');
    expect(chooseMap(defs, 'nope')?.id).toBe('leefbaarheid');
    expect(chooseMap(defs, 'corporatiebezit')?.id).toBe('corporatiebezit');
    const withExtra = { ...defs, extraMaps: [{ ...signal, id: 'veerkracht-landelijk' }] };
    expect(chooseMap(withExtra, 'veerkracht-landelijk')?.id).toBe('veerkracht-landelijk');
  });
  it('uses the newest year or period with data; keeps a deep-linked one that has any value', () => {
    expect(resolveWhen(liveability, null, null)).toEqual({ period: null, year: 2020 });
    expect(resolveWhen(liveability, null, 2022)).toEqual({ period: null, year: 2020 });
    expect(resolveWhen(liveability, null, 2012)).toEqual({ period: null, year: 2012 });
    expect(resolveWhen(signal, '2018-2022', null)).toEqual({ period: '2018-2022', year: null });
    expect(resolveWhen(signal, '2010-2014', null)).toEqual({ period: '2016-2020', year: null });
    expect(resolveWhen(corporation, null, null)).toEqual({ period: null, year: null });
  });
  it('side by side skips a previous period or year without a value for any buurt of the area', () => {
    const emptyBefore = {
      ...signal,
      availability: availability({ '2012-2016': 0, '2014-2018': 0, '2016-2020': 9, '2018-2022': 4 }),
      periods: ['2012-2016', '2014-2018', '2016-2020', '2018-2022'],
    };
    const left = { def: emptyBefore, period: '2016-2020', year: null };
    // nothing earlier with a value here: the later period with values, not an empty earlier one
    expect(defaultRightSide({ ...defs, maps: [emptyBefore] }, INITIAL_STATE, left)).toMatchObject({
      period: '2018-2022',
    });
    const someBefore = {
      ...emptyBefore,
      availability: availability({ '2012-2016': 3, '2014-2018': 0, '2016-2020': 9, '2018-2022': 4 }),
    };
    expect(
      defaultRightSide({ ...defs, maps: [someBefore] }, INITIAL_STATE, { ...left, def: someBefore }),
    ).toMatchObject({ period: '2012-2016' });
    const level = { def: liveability, period: null, year: 2020 };
    const emptyYear = { ...liveability, availability: availability({ '2014': 9, '2018': 0, '2020': 9 }) };
    expect(defaultRightSide(defs, INITIAL_STATE, { ...level, def: emptyYear })).toMatchObject({ year: 2014 });
  });
  it('side by side opens on the previous comparable period (or the previous year)', () => {
    const left = { def: signal, period: '2016-2020', year: null };
    expect(defaultRightSide(defs, { ...INITIAL_STATE, view: 'compare' }, left)).toMatchObject({
      def: { id: 'veerkracht-absoluut' },
      period: '2012-2016',
    });
    const level = { def: liveability, period: null, year: 2020 };
    expect(defaultRightSide(defs, INITIAL_STATE, level)).toMatchObject({ year: 2018 });
    expect(defaultRightSide(defs, { ...INITIAL_STATE, map2: 'leefbaarheid' }, left)).toMatchObject({
      def: { id: 'leefbaarheid' },
      year: 2020,
    });
  });
});

describe('no internal ids in the interface', () => {
  const terms = createTerms(defs);
  it('names components, measures and flags by their titles', () => {
    expect(terms.label('anxiety-depression', 'nl')).toBe('Hoog risico op angst of depressie');
    expect(terms.label('lbm_onv', 'en')).toBe('Nuisance (LBM)');
    expect(terms.flag('measure:lbm_onv', 'nl')).toBe('maat: Overlast en onveiligheid (Leefbaarometer)');
    expect(terms.flag('suppressed', 'nl')).toBe('geheim');
    expect(terms.label('police_crime_rate', 'nl')).not.toContain('_');
    expect(terms.missing('not-loaded', 'nl')).toBe('bron niet geladen');
    expect(terms.missing('no-score', 'en')).toBe('no score');
  });
  it('drops the imported file names from editions', () => {
    expect(
      editionLabel('Grenzen indeling 2019 (GeoJSON EPSG:4326, buurt_2019_nl__emielsanders-PowerBI.geojson)'),
    ).toBe('Grenzen indeling 2019');
    expect(editionLabel('CBS KWB 2020 (84799NED)')).toBe('CBS KWB 2020 (84799NED)');
    expect(editionLabel('derived name→code list (not imported)')).toBeNull();
  });
});

describe('the buurt picker filters as you type', () => {
  const features = ['Burgemeesterswijk', 'Geitenkamp', 'Het Broek', 'Arnhemse Broek'].map((name, i) => ({
    type: 'Feature' as const,
    id: `BU${i}`,
    geometry: null,
    properties: {
      code: `BU0202000${i}`,
      name,
      gemeente: 'GM0202',
      value: null,
      classIndex: null,
      classId: 'missing',
      label: '',
      flags: [],
      inhabitants: null,
    },
  }));
  it('name starts first, then contains; nothing typed lists all by name', () => {
    expect(filterBuurten(features, 'Burg').map((f) => f.properties.name)).toEqual(['Burgemeesterswijk']);
    expect(filterBuurten(features, 'broek').map((f) => f.properties.name)).toEqual([
      'Arnhemse Broek',
      'Het Broek',
    ]);
    expect(filterBuurten(features, '').map((f) => f.properties.name)).toEqual([
      'Arnhemse Broek',
      'Burgemeesterswijk',
      'Geitenkamp',
      'Het Broek',
    ]);
  });
});
