import { describe, expect, it } from 'vitest';
import type { AppData } from '../../web/src/app-context.js';
import { messagesFor } from '../../web/src/i18n/messages.js';
import { searchAreas } from '../../web/src/start/area-search.js';
import { offeredRegions } from '../../web/src/start/offered-regions.js';
import { gemeente } from './app-data-fixture.js';

const data: AppData = {
  gemeenten: {
    gemeenten: [
      gemeente('GM0917', 'Heerlen'),
      gemeente('GM0074', 'Heerenveen'),
      gemeente('GM0928', 'Kerkrade'),
      gemeente('GM0965', 'Simpelveld'),
      gemeente('GM0363', 'Amsterdam'),
      gemeente('GM0518', "'s-Gravenhage"),
      gemeente('GM0796', "'s-Hertogenbosch"),
      gemeente('GM0164', 'Hengelo (O.)'),
    ],
    editions: [],
    divisionYear: 2019,
    demo: false,
  },
  regions: {
    regions: [
      {
        id: 'parkstad-limburg',
        name: 'Parkstad Limburg',
        gemeenten: ['GM0917', 'GM0928', 'GM0965'],
        predefined: true,
      },
    ],
  },
  definitions: { maps: [], layers: [] },
};

describe('offeredRegions(data)', () => {
  it('offers a region with data, its gemeenten split into with and without buurten', () => {
    const partly: AppData = {
      ...data,
      regions: {
        regions: [
          {
            id: 'parkstad-limburg',
            name: 'Parkstad Limburg',
            gemeenten: ['GM1954', 'GM0917'],
            predefined: true,
          },
        ],
      },
    };
    expect(offeredRegions(partly)).toEqual([
      { region: partly.regions.regions[0], withData: ['GM0917'], withoutData: ['GM1954'] },
    ]);
  });
  it('leaves out a region none of whose gemeenten has buurten (it would open an empty map)', () => {
    const none: AppData = {
      ...data,
      gemeenten: {
        ...data.gemeenten,
        gemeenten: [gemeente('GM9999', 'Demostad'), { ...gemeente('GM0917', 'Heerlen'), buurten: 0 }],
      },
    };
    expect(offeredRegions(none)).toEqual([]);
    expect(searchAreas(none, 'Parkstad', messagesFor('nl'))).toEqual([]);
  });
});

describe('searchAreas(data, query)', () => {
  const t = messagesFor('nl');
  it('offers Heerlen and the region Parkstad Limburg (through its member Heerlen) for "Heer"', () => {
    const codes = searchAreas(data, 'Heer', t).map((o) => o.code);
    expect(codes).toEqual(['GM0074', 'GM0917', 'parkstad-limburg']);
  });
  it('matches regardless of case and accents, and by code', () => {
    expect(searchAreas(data, 'héérl', t).map((o) => o.code)).toEqual(['GM0917', 'parkstad-limburg']);
    expect(searchAreas(data, 'gm0363', t).map((o) => o.name)).toEqual(['Amsterdam']);
  });
  it('returns nothing for an empty query', () => {
    expect(searchAreas(data, '  ', t)).toEqual([]);
  });
  it('finds gemeenten by their common names: Den Haag, The Hague, Den Bosch, Hengelo', () => {
    const first = (q: string) => searchAreas(data, q, t)[0];
    expect(first('Den Haag')).toMatchObject({ code: 'GM0518', name: "'s-Gravenhage" });
    expect(first('den haag')?.detail).toContain('ook: Den Haag');
    expect(first('The Hague')?.code).toBe('GM0518');
    expect(first('Den Bosch')?.code).toBe('GM0796');
    expect(first('hengelo')?.code).toBe('GM0164');
    expect(first('s-Gravenhage')?.code).toBe('GM0518');
    expect(first('gravenhage')?.code).toBe('GM0518');
  });
  it('"Den" offers both common names and nothing matches "xqz"', () => {
    expect(searchAreas(data, 'Den', t).map((o) => o.code)).toEqual(['GM0518', 'GM0796']);
    expect(searchAreas(data, 'xqz', t)).toEqual([]);
  });
});

describe('searchAreas: gemeenten by a name the division shown does not have (the gemeente register)', () => {
  const nl = messagesFor('nl');
  const onDivision2019: AppData = {
    ...data,
    gemeenten: {
      ...data.gemeenten,
      gemeenten: [
        gemeente('GM0398', 'Heerhugowaard'),
        gemeente('GM0416', 'Langedijk'),
        gemeente('GM0014', 'Groningen'),
        gemeente('GM0756', 'Boxmeer'),
        gemeente('GM1702', 'Sint Anthonis'),
        gemeente('GM0755', 'Boekel'),
      ],
    },
  };

  it('offers a gemeente formed later from whole gemeenten as itself: the buurten of those gemeenten', () => {
    expect(searchAreas(onDivision2019, 'Dijk en', nl)).toEqual([
      {
        kind: 'gemeente',
        code: 'GM1980',
        name: 'Dijk en Waard',
        detail: 'gemeente sinds 2022 · op de kaart: de buurten van Heerhugowaard en Langedijk · 20 buurten',
      },
    ]);
  });

  it('offers for a gemeente formed later with a split the gemeenten it took buurten from', () => {
    const found = searchAreas(onDivision2019, 'Land van Cuijk', nl);
    // Sint Anthonis went partly to Boekel
    expect(found.map((o) => [o.code, o.detail])).toEqual([
      ['GM0756', 'gemeente · 10 buurten · sinds 2022 deel van Land van Cuijk'],
      ['GM1702', 'gemeente · 10 buurten · sinds 2022 deels in Land van Cuijk'],
    ]);
  });

  it('offers for a gemeente that ended before the division year the gemeente it went into', () => {
    expect(searchAreas(onDivision2019, 'Haren', nl).map((o) => [o.code, o.detail])).toEqual([
      ['GM0014', 'gemeente · 10 buurten · Haren hoort er sinds 2019 bij'],
    ]);
    // Littenseradiel was split over Leeuwarden, Súdwest-Fryslân and Waadhoeke (2018)
    const split: AppData = {
      ...onDivision2019,
      gemeenten: { ...onDivision2019.gemeenten, gemeenten: [gemeente('GM0080', 'Leeuwarden')] },
    };
    expect(searchAreas(split, 'Littenseradiel', nl).map((o) => [o.code, o.detail])).toEqual([
      ['GM0080', 'gemeente · 10 buurten · Littenseradiel hoort er sinds 2018 deels bij'],
    ]);
    // found by its own name it is offered once, as itself
    expect(searchAreas(onDivision2019, 'Groningen', nl).map((o) => [o.code, o.detail])).toEqual([
      ['GM0014', 'gemeente · 10 buurten'],
    ]);
  });

  it('offers nothing more on a store without a division', () => {
    const none: AppData = {
      ...onDivision2019,
      gemeenten: { ...onDivision2019.gemeenten, divisionYear: null },
    };
    expect(searchAreas(none, 'Dijk en', nl)).toEqual([]);
  });
});
