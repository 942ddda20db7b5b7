/**
 * A small, fictitious demonstration dataset the project generates itself, for when the official
 * sources cannot be reached (offline first start). Two invented gemeenten ("Demodorp" GM9998 and
 * "Demostad" GM9999) with buurten on a jittered grid in RD New, and yearly values for the
 * indicators the veerkracht maps use. Every edition is labelled "demo — fictieve gegevens":
 * nothing here is real, and the API and web app say so wherever it shows.
 * Deterministic: the same seed gives the same data.
 */
import { gemeenteOf, wijkOf, type BuurtCode } from '../../core/area-code.js';
import {
  emptyBatch,
  VALUE_FLAGS,
  type ImportBatch,
  type ParsedArea,
  type ParsedValue,
  type PolygonGeometry,
} from '../../core/records.js';
import { geometryArea } from '../geo/polygon-measure.js';

export const DEMO_EDITION = 'demo — fictieve gegevens';
export const DEMO_DIVISION_YEAR = 2024;

interface DemoGemeente {
  code: string;
  name: string;
  origin: [number, number];
  cols: number;
  rows: number;
}

const GEMEENTEN: readonly DemoGemeente[] = [
  { code: 'GM9998', name: 'Demodorp', origin: [180000, 420000], cols: 6, rows: 4 },
  { code: 'GM9999', name: 'Demostad', origin: [190000, 420000], cols: 8, rows: 6 },
];

const CELL = 600;
const STREET_NAMES = [
  'Centrum',
  'Oost',
  'West',
  'Noord',
  'Zuid',
  'Haven',
  'Park',
  'Dorp',
  'Veld',
  'Hoven',
  'Molen',
  'Kern',
];

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buurtCode(g: DemoGemeente, col: number, row: number): BuurtCode {
  const wijk = Math.floor(row / 2) * Math.ceil(g.cols / 2) + Math.floor(col / 2) + 1;
  const buurt = (row % 2) * 2 + (col % 2);
  return `BU${g.code.slice(2)}${String(wijk).padStart(2, '0')}${String(buurt).padStart(2, '0')}` as BuurtCode;
}

/** Grid nodes jittered once, so neighbouring buurten share their borders exactly. */
function jitteredNodes(g: DemoGemeente, random: () => number): [number, number][][] {
  const nodes: [number, number][][] = [];
  for (let r = 0; r <= g.rows; r++) {
    const line: [number, number][] = [];
    for (let c = 0; c <= g.cols; c++) {
      const edge = r === 0 || c === 0 || r === g.rows || c === g.cols;
      const j = edge ? 60 : 180;
      line.push([
        g.origin[0] + c * CELL + (random() - 0.5) * j,
        g.origin[1] + r * CELL + (random() - 0.5) * j,
      ]);
    }
    nodes.push(line);
  }
  return nodes;
}

function cellPolygon(
  nodes: [number, number][][],
  c: number,
  r: number,
): Extract<PolygonGeometry, { type: 'Polygon' }> {
  const ring = [nodes[r]![c]!, nodes[r]![c + 1]!, nodes[r + 1]![c + 1]!, nodes[r + 1]![c]!, nodes[r]![c]!];
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [Math.round(x), Math.round(y)])] };
}

export interface DemoDataset {
  geometry: ImportBatch;
  values: ImportBatch;
}

/** Builds the demo boundaries batch and the demo values batch. */
export function buildDemoDataset(seed = 2024): DemoDataset {
  const random = rng(seed);
  const edition = {
    source: 'demo',
    edition: DEMO_EDITION,
    table: null,
    publisher: 'Veerkracht (fictief)',
    divisionYear: DEMO_DIVISION_YEAR,
  } as const;
  const geometry = emptyBatch('demo-boundaries', `demo-geometry-${seed}`, edition);
  const values = emptyBatch('demo-values', `demo-values-${seed}`, edition);
  const areas: ParsedArea[] = [];
  for (const g of GEMEENTEN) {
    areas.push({
      code: g.code,
      level: 'gemeente',
      name: g.name,
      gemeenteCode: g.code,
      wijkCode: null,
      divisionYear: DEMO_DIVISION_YEAR,
    });
    const nodes = jitteredNodes(g, random);
    const wijken = new Set<string>();
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.cols; c++) {
        const code = buurtCode(g, c, r);
        const wijk = wijkOf(code);
        if (!wijken.has(wijk)) {
          wijken.add(wijk);
          areas.push({
            code: wijk,
            level: 'wijk',
            name: `Wijk ${wijk.slice(6)} ${g.name}`,
            gemeenteCode: g.code,
            wijkCode: null,
            divisionYear: DEMO_DIVISION_YEAR,
          });
        }
        const name = `${g.name}-${STREET_NAMES[(r * g.cols + c) % STREET_NAMES.length]} ${r * g.cols + c + 1}`;
        areas.push({
          code,
          level: 'buurt',
          name,
          gemeenteCode: gemeenteOf(code),
          wijkCode: wijk,
          divisionYear: DEMO_DIVISION_YEAR,
        });
        const rd = cellPolygon(nodes, c, r);
        geometry.geometries.push({
          code,
          divisionYear: DEMO_DIVISION_YEAR,
          rd,
          areaM2: geometryArea(rd),
        });
        // Vulnerability is higher towards one corner, with a rising trend in some buurten.
        const base = Math.min(1, Math.max(0, (c / g.cols + r / g.rows) / 2 + (random() - 0.5) * 0.3));
        const trend = random() < 0.35 ? 0.012 + random() * 0.02 : (random() - 0.6) * 0.01;
        const small = random() < 0.06;
        values.values.push(...buurtSeries(code, base, trend, small, random));
      }
    }
  }
  geometry.areas = areas;
  values.areas = areas;
  geometry.rowsRead = geometry.geometries.length;
  values.rowsRead = areas.length;
  return { geometry, values };
}

const KWB_YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

function buurtSeries(
  code: string,
  base: number,
  trend: number,
  small: boolean,
  random: () => number,
): ParsedValue[] {
  const out: ParsedValue[] = [];
  const push = (indicator: string, year: number, value: number | null) =>
    out.push({
      areaCode: code,
      year,
      indicator,
      value: value === null ? null : Math.round(value * 1000) / 1000,
      flags: value === null ? VALUE_FLAGS.suppressed : 0,
      column: `demo:${indicator}`,
      divisionYear: DEMO_DIVISION_YEAR,
    });
  const inhabitants0 = small ? 20 + Math.round(random() * 20) : 600 + Math.round(random() * 3400);
  const corp = Math.min(95, Math.max(0, 8 + base * 70 + (random() - 0.5) * 20));
  for (const year of KWB_YEARS) {
    const t = year - 2014;
    const v = Math.min(1, Math.max(0, base + trend * t));
    const inhabitants = Math.round(inhabitants0 * (1 + 0.004 * t));
    const households = Math.round(inhabitants / (2.4 - v * 0.6));
    const hide = small; // CBS suppresses most figures for very small buurten
    push('inhabitants', year, inhabitants);
    push('households', year, households);
    push('dwellings', year, Math.round(households * 1.03));
    push('corporation_share', year, hide ? null : Math.min(100, corp + t * 0.1));
    if (year < 2024)
      push('low_income_households_share', year, hide ? null : 3 + v * 22 + (random() - 0.5) * 2);
    else push('persons_in_poverty_share', year, hide ? null : 1 + v * 9 + (random() - 0.5));
    if (year < 2024)
      push('social_minimum_households_share', year, hide ? null : 2 + v * 16 + (random() - 0.5) * 2);
    push(
      'social_assistance_persons',
      year,
      hide ? null : Math.round((inhabitants * (0.005 + v * 0.09)) / 5) * 5,
    );
    push(
      'disability_benefit_persons',
      year,
      hide ? null : Math.round((inhabitants * (0.02 + v * 0.06)) / 5) * 5,
    );
    if (year >= 2016)
      push('wmo_clients', year, hide ? null : Math.round((inhabitants * (0.03 + v * 0.08)) / 5) * 5);
  }
  for (const year of [2012, 2016, 2020]) {
    const v = Math.min(1, Math.max(0, base + trend * (year - 2014)));
    push('rivm_high_risk_anxiety_depression', year, 3 + v * 9 + (random() - 0.5));
    push('rivm_difficulty_making_ends_meet', year, 10 + v * 30 + (random() - 0.5) * 2);
    push('rivm_noise_neighbours', year, 5 + v * 12 + (random() - 0.5) * 2);
  }
  for (const year of [2012, 2014, 2016, 2018, 2020, 2022, 2024]) {
    const v = Math.min(1, Math.max(0, base + trend * (year - 2014)));
    const onv = small ? null : 0.1 - v * 0.35 + (random() - 0.5) * 0.04;
    push('lbm_total', year, small ? null : 4.25 - v * 0.6 + (random() - 0.5) * 0.05);
    if (year >= 2014 && year % 2 === 0 && year !== 2016)
      push('lbm_onv', year, onv === null ? null : Math.round(onv * 1000) / 1000);
  }
  for (const year of [2021, 2022, 2023, 2024]) {
    const v = Math.min(1, Math.max(0, base + trend * (year - 2014)));
    push('police_crimes', year, small ? null : Math.round(inhabitants0 * (0.02 + v * 0.06)));
  }
  return out;
}
