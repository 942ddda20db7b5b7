/**
 * The CBS tables the stand-in serves, as cubes over a generated nation (national-set.ts):
 *   - KWB per edition year: the REAL DataProperties of 85984NED (KWB 2024, read from
 *     VEERKRACHT_REAL_DATA) — 172 properties, `WijkenEnBuurten` a GeoDetail with MapYear; other
 *     editions get the same list with the numeric key suffixes shifted (CBS renumbers keys per
 *     edition: columns must resolve by title) and their own MapYear. One row per area (NL00,
 *     then each gemeente with its wijken and buurten), string topics padded as CBS pads them.
 *   - 50150NED (RIVM Gezondheidsmonitor 2012–2024, indeling 2024) and 47022NED (police, per
 *     crime type, area and month): metadata in the shape CBS sends (dimensions Leeftijd, Marges,
 *     WijkenEnBuurten, Perioden; SoortMisdrijf, WijkenEnBuurten, Perioden).
 * Values are deterministic functions of (table, area, topic, period): a resumed download and a
 * fresh one see the same numbers. Nothing here is CBS data.
 */
import type { CbsProperty } from '../../src/pipeline/fetch/odata-pages.js';
import { hash01, type Nation, type StandInArea } from './national-set.js';
import type { Cube } from './odata-query.js';

export interface DimensionEntry {
  Key: string;
  Title: string;
  Description?: string;
}

export interface CbsTable {
  id: string;
  host: 'opendata.cbs.nl' | 'dataderden.cbs.nl';
  title: string;
  catalog: string;
  properties: (CbsProperty & Record<string, unknown>)[];
  lists: Map<string, DimensionEntry[]>;
  cube: Cube;
  /** The v3 services answer this status for the table (it moved to OData v4 only). */
  goneFromV3?: 404 | 410;
}

const padKey = (code: string): string => code.padEnd(10, ' ');

function areaList(
  nation: Nation,
  year: number,
  land: string,
): { entries: DimensionEntry[]; byKey: Map<string, StandInArea | null> } {
  const entries: DimensionEntry[] = [{ Key: padKey(land), Title: 'Nederland', Description: '' }];
  const byKey = new Map<string, StandInArea | null>([[padKey(land), null]]);
  for (const a of nation.division(year).all) {
    entries.push({ Key: padKey(a.code), Title: a.name, Description: '' });
    byKey.set(padKey(a.code), a);
  }
  return { entries, byKey };
}

/** Shifts `Key_NN` to `Key_(NN + by)`. */
function shiftKey(key: string, by: number): string {
  const m = /^(.*)_(\d+)$/.exec(key);
  return m && by ? `${m[1]}_${Number(m[2]) + by}` : key;
}

const stemOf = (key: string): string => key.replace(/_\d+$/, '');

/** A KWB edition table over the nation's division of `year`. */
export function kwbTable(
  id: string,
  year: number,
  nation: Nation,
  realProperties: readonly (CbsProperty & Record<string, unknown>)[],
): CbsTable {
  const shift = 2024 - year;
  const properties = realProperties.map((p) => ({
    ...p,
    Key: p.Type === 'Topic' ? shiftKey(p.Key, shift) : p.Key,
    ...(p.Type === 'GeoDetail' ? { MapYear: year } : {}),
  }));
  const { entries, byKey } = areaList(nation, year, 'NL00');
  const topics = properties.filter((p) => p.Type === 'Topic');
  const byTopic = new Map(topics.map((p) => [p.Key, p]));
  return {
    id,
    host: 'opendata.cbs.nl',
    title: `Kerncijfers wijken en buurten ${year}`,
    catalog: 'CBS',
    properties,
    lists: new Map([['WijkenEnBuurten', entries]]),
    cube: {
      dimensions: [{ key: 'WijkenEnBuurten', keys: entries.map((e) => e.Key) }],
      topics: topics.map((p) => p.Key),
      value: (dims, topic) =>
        kwbValue(byKey.get(dims['WijkenEnBuurten']!) ?? null, byTopic.get(topic)!, year),
    },
  };
}

/** A plausible value for a KWB topic of an area (null = suppressed, as CBS sends it). */
export function kwbValue(
  area: StandInArea | null,
  p: CbsProperty & Record<string, unknown>,
  year: number,
): unknown {
  const stem = stemOf(p.Key);
  const code = area?.code ?? 'NL00';
  const level = area?.level ?? 'land';
  const datatype = String(p['Datatype'] ?? 'Long');
  if (datatype === 'String') {
    switch (stem) {
      case 'Gemeentenaam':
        return (area?.gemeenteName ?? 'Nederland').padEnd(40, ' ');
      case 'SoortRegio':
        return ({ land: 'Land', gemeente: 'Gemeente', wijk: 'Wijk', buurt: 'Buurt' }[level] ?? '').padEnd(
          10,
          ' ',
        );
      case 'Codering':
        return padKey(code);
      case 'IndelingswijzigingGemeenteWijkBuurt':
        return '1';
      default:
        return String(1000 + Math.floor(hash01(`${code}|${stem}`) * 8999));
    }
  }
  const size = area?.level === 'buurt' ? area.size : (area?.size ?? 1_000_000);
  const r = hash01(`${code}|${stem}|${year}`);
  if (stem === 'AantalInwoners') return Math.round(size * (1 + 0.01 * (year - 2014)));
  if (r < 0.03 || (level === 'buurt' && size < 50 && p.Unit === '%')) return null;
  const unit = String(p.Unit ?? '');
  const dbl = datatype === 'Double';
  if (unit === '%') return dbl ? Math.round(r * 1000) / 10 : Math.round(r * 100);
  if (unit === 'x 1 000 euro') return dbl ? Math.round((15 + r * 30) * 10) / 10 : 150 + Math.round(r * 400);
  if (unit === 'per 1 000 inwoners') return Math.round(r * 60);
  if (unit === 'aantal') return dbl ? Math.round((1.5 + r * 1.5) * 10) / 10 : Math.round(size * r * 0.5);
  return dbl ? Math.round(r * 1000) / 10 : Math.round(r * 1000);
}

const RIVM_TOPICS: [string, string][] = [
  ['ErvarenGezondheidGoedZeerGoed_4', 'Ervaren gezondheid goed/zeer goed'],
  ['Overgewicht_9', 'Overgewicht'],
  ['Roker_11', 'Roker'],
  ['BeperktVanwegeGezondheid_17', 'Beperkt vanwege gezondheid'],
  ['HoogRisicoOpAngstOfDepressie_25', 'Hoog risico op angststoornis of depressie'],
  ['MatigVeelRegieOverEigenLeven_27', 'Matig of veel regie over eigen leven'],
  ['Eenzaam_28', 'Eenzaam'],
  ['ErnstigZeerErnstigEenzaam_29', 'Ernstig/zeer ernstig eenzaam'],
  ['Mantelzorger_32', 'Mantelzorger'],
  ['Vrijwilligerswerk_33', 'Vrijwilligerswerk'],
  ['ErnstigeGeluidhinderDoorBuren_37', 'Ernstige geluidhinder door buren'],
  ['MoeiteMetRondkomen_38', 'Moeite met rondkomen'],
];

/** Measures not asked in a year are empty for every area (as in the real table). */
const RIVM_ASKED_FROM: Record<string, number> = {
  Vrijwilligerswerk: 2016,
  BeperktVanwegeGezondheid: 2020,
  ErnstigeGeluidhinderDoorBuren: 2020,
};

/** 50150NED "Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024 (indeling 2024)". */
export function rivmTable(nation: Nation, division = 2024): CbsTable {
  const { entries, byKey } = areaList(nation, division, 'NL01');
  const dim = (
    ID: number,
    Type: string,
    Key: string,
    Title: string,
    extra: Record<string, unknown> = {},
  ) => ({
    ID,
    Position: ID,
    ParentID: null,
    Type,
    Key,
    Title,
    Description: '',
    ...extra,
  });
  const topic = (ID: number, Key: string, Title: string, Unit: string, Datatype = 'Double') => ({
    ID,
    Position: ID,
    ParentID: null,
    Type: 'Topic',
    Key,
    Title,
    Description: '',
    Datatype,
    Unit,
    Decimals: Datatype === 'String' ? 0 : 1,
    Default: 'Missing',
    PresentationType: Datatype === 'String' ? '' : 'Relative',
  });
  const properties = [
    dim(0, 'Dimension', 'Leeftijd', 'Leeftijd'),
    dim(1, 'Dimension', 'Marges', 'Marges'),
    dim(2, 'GeoDimension', 'WijkenEnBuurten', 'Wijken en buurten', {
      MapYear: String(division),
      ReleasePolicy: false,
    }),
    dim(3, 'TimeDimension', 'Perioden', 'Perioden'),
    topic(4, 'Gemeentenaam_1', 'Gemeentenaam', 'naam', 'String'),
    topic(5, 'SoortRegio_2', 'Soort regio', 'omschrijving', 'String'),
    topic(6, 'Codering_3', 'Codering', 'code', 'String'),
    ...RIVM_TOPICS.map(([k, t], i) => topic(7 + i, k, t, '%')),
  ];
  const lists = new Map<string, DimensionEntry[]>([
    [
      'Leeftijd',
      [
        { Key: '20300', Title: '18 jaar of ouder' },
        { Key: '53115', Title: '18 tot 65 jaar' },
        { Key: '80200', Title: '65 jaar of ouder' },
      ],
    ],
    [
      'Marges',
      [
        { Key: 'MW00000', Title: 'Waarde' },
        { Key: 'MOG0095', Title: 'Ondergrens 95%-interval' },
        { Key: 'MBG0095', Title: 'Bovengrens 95%-interval' },
      ],
    ],
    ['WijkenEnBuurten', entries],
    ['Perioden', [2012, 2016, 2020, 2022, 2024].map((y) => ({ Key: `${y}JJ00`, Title: String(y) }))],
  ]);
  return {
    id: '50150NED',
    host: 'dataderden.cbs.nl',
    title: `Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024 (indeling ${division})`,
    catalog: 'RIVM',
    properties,
    lists,
    cube: {
      dimensions: ['Leeftijd', 'Marges', 'WijkenEnBuurten', 'Perioden'].map((key) => ({
        key,
        keys: lists.get(key)!.map((e) => e.Key),
      })),
      topics: properties.filter((p) => p.Type === 'Topic').map((p) => p.Key),
      value(dims, topicKey) {
        const area = byKey.get(dims['WijkenEnBuurten']!) ?? null;
        const stem = stemOf(topicKey);
        if (stem === 'Gemeentenaam') return (area?.gemeenteName ?? 'Nederland').padEnd(40, ' ');
        if (stem === 'SoortRegio')
          return (area ? { gemeente: 'Gemeente', wijk: 'Wijk', buurt: 'Buurt' }[area.level] : 'Land').padEnd(
            10,
            ' ',
          );
        if (stem === 'Codering') return dims['WijkenEnBuurten'];
        const year = Number(dims['Perioden']!.slice(0, 4));
        if (year < (RIVM_ASKED_FROM[stem] ?? 0)) return null;
        const r = hash01(
          `${dims['WijkenEnBuurten']}|${stem}|${dims['Perioden']}|${dims['Leeftijd']}|${dims['Marges']}`,
        );
        if (r < 0.02) return null;
        return Math.round((5 + r * 60) * 10) / 10;
      },
    },
  };
}

const CRIME_TYPES: DimensionEntry[] = [
  { Key: '0.0.0 ', Title: 'Totaal misdrijven' },
  { Key: '1.1.1 ', Title: 'Diefstal/inbraak woning' },
  { Key: '1.2.1 ', Title: 'Diefstal uit/vanaf motorvoertuigen' },
  { Key: '1.4.5 ', Title: 'Mishandeling' },
  { Key: '2.5.1 ', Title: 'Straatroof' },
  { Key: '3.7.4 ', Title: 'Vernieling cq. zaakbeschadiging' },
];

/** 47022NED "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maand" (months `from`–`to`). */
export function policeTable(
  nation: Nation,
  division = 2024,
  months: { from: string; to: string } = { from: '2012MM01', to: '2025MM06' },
): CbsTable {
  const { entries, byKey } = areaList(nation, division, 'NL00');
  const periods: DimensionEntry[] = [];
  for (let y = Number(months.from.slice(0, 4)); y <= Number(months.to.slice(0, 4)); y++)
    for (let m = 1; m <= 12; m++) {
      const key = `${y}MM${String(m).padStart(2, '0')}`;
      if (key >= months.from && key <= months.to) periods.push({ Key: key, Title: `${y} maand ${m}` });
    }
  const properties = [
    {
      ID: 0,
      Position: 0,
      ParentID: null,
      Type: 'Dimension',
      Key: 'SoortMisdrijf',
      Title: 'Soort misdrijf',
      Description: '',
    },
    {
      ID: 1,
      Position: 1,
      ParentID: null,
      Type: 'GeoDimension',
      Key: 'WijkenEnBuurten',
      Title: 'Wijken en buurten',
      Description: '',
      MapYear: String(division),
      ReleasePolicy: false,
    },
    {
      ID: 2,
      Position: 2,
      ParentID: null,
      Type: 'TimeDimension',
      Key: 'Perioden',
      Title: 'Perioden',
      Description: '',
    },
    {
      ID: 3,
      Position: 3,
      ParentID: null,
      Type: 'Topic',
      Key: 'GeregistreerdeMisdrijven_1',
      Title: 'Geregistreerde misdrijven',
      Description: '',
      Datatype: 'Long',
      Unit: 'aantal',
      Decimals: 0,
      Default: 'Missing',
      PresentationType: 'Absolute',
    },
  ];
  const lists = new Map<string, DimensionEntry[]>([
    ['SoortMisdrijf', CRIME_TYPES],
    ['WijkenEnBuurten', entries],
    ['Perioden', periods],
  ]);
  return {
    id: '47022NED',
    host: 'dataderden.cbs.nl',
    title: 'Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maand',
    catalog: 'Politie',
    properties,
    lists,
    cube: {
      dimensions: ['SoortMisdrijf', 'WijkenEnBuurten', 'Perioden'].map((key) => ({
        key,
        keys: lists.get(key)!.map((e) => e.Key),
      })),
      topics: ['GeregistreerdeMisdrijven_1'],
      value(dims) {
        const area = byKey.get(dims['WijkenEnBuurten']!) ?? null;
        const size = area ? area.size : 17_000_000;
        const r = hash01(`${dims['WijkenEnBuurten']}|${dims['SoortMisdrijf']}|${dims['Perioden']}`);
        if (area?.level === 'buurt' && area.size < 40 && r < 0.1) return null;
        return Math.round((size / 1000) * (0.5 + r) * (dims['SoortMisdrijf'] === '0.0.0 ' ? 4 : 0.5));
      },
    },
  };
}
