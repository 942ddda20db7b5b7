/**
 * The stored values of one gemeente's buurten for one year, as a table (one row per buurt, one
 * column per indicator) and as CSV or GeoJSON. Missing values are empty cells / null, never 0,
 * and each says why in a `missing` column / property, by the rule of the maps (missingKind,
 * src/domain/engine/missing-kinds.ts), so an export never says another kind of missing than the
 * map of the same buurt, indicator and year: suppressed (CBS `.`), no-score (Leefbaarometer NA),
 * not-published, not-in-source, not-loaded, or missing (an indicator of one's own data).
 */
import { AppError } from '../core/app-error.js';
import { parseGemeenteCode } from '../core/area-code.js';
import { successorsOf } from '../core/gemeente-register.js';
import { BuurtTable as EngineTable, type BuurtInfo } from '../domain/engine/buurt-table.js';
import { missingKind, type MissingKind } from '../domain/engine/missing-kinds.js';
import { findReferenceDivision } from '../storage/reference-division.js';
import type { Store, ValueRow } from '../storage/store.js';
import { editionDivisions } from './loaded-state.js';
import { findUncarriedSources } from './uncarried-sources.js';

/** The kinds of missing a stored cell can have (the engine adds too few residents, population unknown). */
export type StoredMissingKind = Extract<
  MissingKind,
  'suppressed' | 'no-score' | 'not-published' | 'not-loaded' | 'not-in-source' | 'missing'
>;

export interface BuurtTableQuery {
  gemeente: string;
  year: number;
  divisionYear?: number;
  indicators?: readonly string[];
}

export interface BuurtTable {
  gemeente: string;
  year: number;
  divisionYear: number;
  indicators: string[];
  rows: {
    code: string;
    name: string | null;
    values: Record<string, number | null>;
    /** Why a value is null, per indicator with a null value. */
    missing: Record<string, StoredMissingKind>;
  }[];
  /** Edition and column per indicator, for the source line. */
  sources: Record<string, string[]>;
}

/**
 * Picks the division: the reference division (where harmonisation carries every source's values
 * and the maps read) when the gemeente has buurten there; else, without boundaries, the latest
 * division with buurt values of this gemeente for the year.
 */
async function chooseDivision(store: Store, gemeente: string, year: number): Promise<number> {
  const areas = await store.listAreas({ level: 'buurt', gemeente });
  const divisions = [...new Set(areas.map((a) => a.divisionYear))].sort((a, b) => b - a);
  if (divisions.length === 0)
    throw new AppError('AREA_NOT_FOUND', `the store knows no buurten of ${gemeente}`);
  const reference = await findReferenceDivision(store);
  if (reference !== undefined && divisions.includes(reference)) return reference;
  for (const d of divisions) {
    const v = await store.getValues({ gemeente, years: [year], divisionYear: d });
    if (v.some((x) => x.areaCode.startsWith('BU'))) return d;
  }
  return divisions[0]!;
}

export async function buildBuurtTable(store: Store, q: BuurtTableQuery): Promise<BuurtTable> {
  const gemeente = parseGemeenteCode(q.gemeente);
  const divisionYear = q.divisionYear ?? (await chooseDivision(store, gemeente, q.year));
  const areas = (await store.listAreas({ level: 'buurt', gemeente, divisionYear })).filter(
    (a) => a.gemeenteCode === gemeente,
  );
  if (areas.length === 0)
    throw new AppError('AREA_NOT_FOUND', `no buurten of ${gemeente} in indeling ${divisionYear}`);
  // every value of the year (what decides the kinds of missing), the indicators asked for shown
  const values = await store.getValues({ gemeente, years: [q.year], divisionYear });
  const shown = q.indicators ? new Set(q.indicators) : undefined;
  const indicators = q.indicators ? [...q.indicators] : [...new Set(values.map((v) => v.indicator))].sort();
  const byArea = new Map<string, Record<string, number | null>>();
  const sources: Record<string, Set<string>> = {};
  for (const v of values) {
    if (shown && !shown.has(v.indicator)) continue;
    const row = byArea.get(v.areaCode) ?? {};
    row[v.indicator] = v.value;
    byArea.set(v.areaCode, row);
    (sources[v.indicator] ??= new Set()).add(
      `${v.edition}${v.table ? ` [${v.table}]` : ''}: ${v.sourceColumn}`,
    );
  }
  const table = await missingKindTable(store, gemeente, divisionYear, q.year, values);
  return {
    gemeente,
    year: q.year,
    divisionYear,
    indicators,
    rows: areas.map((a) => {
      const row = indicators.map((id) => [id, byArea.get(a.code)?.[id] ?? null] as const);
      const missing: Record<string, StoredMissingKind> = {};
      const at = table.row(a.code)!;
      for (const [id, value] of row)
        if (value === null) missing[id] = missingKind(table, id, q.year, at, NaN, null) as StoredMissingKind;
      return { code: a.code, name: a.name, values: Object.fromEntries(row), missing };
    }),
    sources: Object.fromEntries(Object.entries(sources).map(([k, s]) => [k, [...s].sort()])),
  };
}

/**
 * What the maps decide a buurt's kind of missing on (missingKind), for one gemeente and year: the
 * buurten of the gemeente and of those it went into in later herindelingen on the division, with
 * every value of the year, and the sources harmonisation could not carry onto the division — the
 * engine's table (service/engine-state.ts) for these gemeenten. A stored indicator's kind depends
 * on nothing else (no population or minimum: those are of derived indicators).
 */
async function missingKindTable(
  store: Store,
  gemeente: string,
  divisionYear: number,
  year: number,
  values: readonly ValueRow[],
): Promise<EngineTable> {
  const buurten: BuurtInfo[] = [];
  const rows: ValueRow[] = [...values];
  for (const g of [gemeente, ...successorsOf(gemeente)]) {
    for (const a of await store.listAreas({ level: 'buurt', gemeente: g, divisionYear }))
      if (a.gemeenteCode === g) buurten.push({ code: a.code, name: a.name ?? a.code, gemeente: g });
    if (g !== gemeente) rows.push(...(await store.getValues({ gemeente: g, years: [year], divisionYear })));
  }
  const table = EngineTable.fromValues(buurten, rows);
  table.setUncarriedSources(await findUncarriedSources(store, divisionYear, { gemeente }));
  table.setEditionDivisions(editionDivisions(await store.listEditions()));
  return table;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `code,name,<indicator ids...>,missing`: empty cells for missing values, and in `missing` why,
 * as `indicator:kind` separated by spaces (e.g. `income_low:suppressed lbm_onv:no-score`).
 */
export function buurtTableToCsv(t: BuurtTable): string {
  const lines = [['code', 'name', ...t.indicators, 'missing'].join(',')];
  for (const r of t.rows) {
    const missing = Object.entries(r.missing)
      .map(([id, kind]) => `${id}:${kind}`)
      .join(' ');
    lines.push(
      [r.code, r.name, ...t.indicators.map((id) => r.values[id] ?? null), missing || null]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A FeatureCollection with the display geometry (WGS84) of each buurt, or null geometry when none is stored. */
export async function buurtTableToGeoJson(store: Store, t: BuurtTable): Promise<unknown> {
  const geometries = await store.getGeometries({ divisionYear: t.divisionYear, gemeente: t.gemeente });
  const byCode = new Map(geometries.map((g) => [g.code, g.display]));
  return {
    type: 'FeatureCollection',
    metadata: { gemeente: t.gemeente, year: t.year, divisionYear: t.divisionYear, sources: t.sources },
    features: t.rows.map((r) => ({
      type: 'Feature',
      id: r.code,
      geometry: byCode.get(r.code) ?? null,
      properties: { code: r.code, name: r.name, ...r.values, missing: r.missing },
    })),
  };
}
