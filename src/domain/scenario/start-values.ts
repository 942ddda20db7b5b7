/**
 * Where each buurt starts: dwellings, corporation share and concentration (share of low-income
 * households; persons in poverty where that is all there is) from the engine's table, each the
 * buurt's latest year with a value. A buurt without one of the three is left out with the reason
 * (missing stays missing: it is never taken as 0). Pure.
 */
import type { BuurtTable } from '../engine/buurt-table.js';
import type { ScenarioBuurt } from './run-scenario.js';

export const START_INDICATORS = {
  dwellings: ['dwellings'],
  corpShare: ['corporation_share'],
  concentration: ['low_income_households_share', 'persons_in_poverty_share'],
} as const;

export type StartField = keyof typeof START_INDICATORS;

export interface ExcludedBuurt {
  code: string;
  name: string;
  gemeente: string;
  /** The inputs the buurt has no value for. */
  missing: StartField[];
}

/** Which indicator and year the starting values came from, with how many buurten each. */
export interface StartSource {
  field: StartField;
  indicator: string;
  year: number;
  buurten: number;
}

export interface StartValues {
  buurten: (ScenarioBuurt & { years: Record<StartField, number> })[];
  excluded: ExcludedBuurt[];
  sources: StartSource[];
}

function latest(
  table: BuurtTable,
  indicators: readonly string[],
  row: number,
): { indicator: string; year: number; value: number } | null {
  for (const indicator of indicators) {
    const years = table.years(indicator);
    for (let i = years.length - 1; i >= 0; i--) {
      const v = table.get(indicator, years[i]!)?.values[row];
      if (v !== undefined && Number.isFinite(v)) return { indicator, year: years[i]!, value: v };
    }
  }
  return null;
}

export function startValues(table: BuurtTable, rows: readonly number[]): StartValues {
  const buurten: StartValues['buurten'] = [];
  const excluded: ExcludedBuurt[] = [];
  const counts = new Map<string, StartSource>();
  for (const row of rows) {
    const info = table.buurten[row]!;
    const found = {
      dwellings: latest(table, START_INDICATORS.dwellings, row),
      corpShare: latest(table, START_INDICATORS.corpShare, row),
      concentration: latest(table, START_INDICATORS.concentration, row),
    };
    const missing = (Object.keys(found) as StartField[]).filter((f) => found[f] === null);
    if (found.dwellings !== null && found.dwellings.value <= 0 && !missing.includes('dwellings'))
      missing.push('dwellings');
    if (missing.length > 0) {
      excluded.push({ code: info.code, name: info.name, gemeente: info.gemeente, missing });
      continue;
    }
    for (const field of Object.keys(found) as StartField[]) {
      const f = found[field]!;
      const key = `${field}|${f.indicator}|${f.year}`;
      const c = counts.get(key) ?? { field, indicator: f.indicator, year: f.year, buurten: 0 };
      c.buurten += 1;
      counts.set(key, c);
    }
    buurten.push({
      code: info.code,
      name: info.name,
      gemeente: info.gemeente,
      dwellings: found.dwellings!.value,
      corpShare: Math.min(1, Math.max(0, found.corpShare!.value / 100)),
      concentration: Math.min(1, Math.max(0, found.concentration!.value / 100)),
      years: {
        dwellings: found.dwellings!.year,
        corpShare: found.corpShare!.year,
        concentration: found.concentration!.year,
      },
    });
  }
  const sources = [...counts.values()].sort(
    (a, b) => a.field.localeCompare(b.field) || b.buurten - a.buurten,
  );
  return { buurten, excluded, sources };
}
