/**
 * The profile of one buurt (GET /api/buurten/:code): every stored indicator over every year with
 * its source (edition, table, column, flags, method), the derived indicators and the index, the
 * classes per period, and the explanation of the asked (or default) period.
 */
import type { BuurtClassification, BuurtIndicator, BuurtResponse } from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import { flagNames } from '../domain/engine/buurt-table.js';
import { formatPeriod, parsePeriod } from '../domain/engine/engine-config.js';
import { explainBuurt } from '../domain/engine/explain-buurt.js';
import { customIndicator, DERIVED_INDICATORS, findIndicator } from '../domain/engine/indicator-registry.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from '../domain/engine/veerkracht-classes.js';
import type { VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import type { ValueRow } from '../storage/store.js';
import type { ReadContext } from './read-context.js';

export interface BuurtProfileQuery {
  /** Buurt code (BU…), any case. */
  code: string;
  /** "2012-2017": explain the period a map shows; default: the engine's default period. */
  period?: string | undefined;
}

/** The profile of a buurt on the reference division; AREA_NOT_FOUND when it is not there. */
export async function getBuurtProfile(ctx: ReadContext, q: BuurtProfileQuery): Promise<BuurtResponse> {
  const code = q.code.trim().toUpperCase();
  const state = await ctx.state.get();
  const row = state.engine.table.row(code);
  if (row === undefined) {
    throw new AppError(
      'AREA_NOT_FOUND',
      `buurt '${q.code}' is not on the reference division ${state.divisionYear}`,
    );
  }
  const b = state.engine.table.buurten[row]!;
  const stored = await ctx.store.getValues({ codes: [code], divisionYear: state.divisionYear });
  const period = q.period !== undefined ? parsePeriod(q.period) : state.engine.defaultPeriod();
  const gemeenteName = state.gemeenteNames.get(b.gemeente) ?? b.gemeente;
  const pop = state.engine.population.at(period?.t1 ?? new Date().getFullYear())[row]!;
  return {
    code,
    name: b.name,
    gemeente: b.gemeente,
    gemeenteName,
    divisionYear: state.divisionYear,
    inhabitants: Number.isNaN(pop) ? null : pop,
    indicators: [...storedIndicators(stored), ...derivedIndicators(state.engine, row)],
    classifications: classifications(state.engine, row),
    explanation: period
      ? explainBuurt(state.engine, row, period, gemeenteName)
      : {
          nl: 'Voor deze buurt is nog geen periode met gegevens beschikbaar.',
          en: 'No period with data is available for this buurt yet.',
        },
  };
}

function storedIndicators(rows: readonly ValueRow[]): BuurtIndicator[] {
  const byIndicator = new Map<string, ValueRow[]>();
  for (const r of rows) {
    const list = byIndicator.get(r.indicator);
    if (list) list.push(r);
    else byIndicator.set(r.indicator, [r]);
  }
  return [...byIndicator.keys()].sort().map((id) => {
    const def = findIndicator(id) ?? customIndicator(id);
    return {
      id,
      titleNl: def.titleNl,
      titleEn: def.titleEn,
      unit: def.unit,
      series: byIndicator
        .get(id)!
        .sort((a, b) => a.year - b.year)
        .map((r) => ({
          year: r.year,
          value: r.value,
          flags: flagNames(r.flags),
          edition: r.edition,
          table: r.table,
          column: r.sourceColumn,
          method: r.method,
        })),
    };
  });
}

function derivedIndicators(engine: VeerkrachtEngine, row: number): BuurtIndicator[] {
  const out: BuurtIndicator[] = [];
  for (const def of DERIVED_INDICATORS) {
    const years = engine.table.years(def.id);
    if (!years.length) continue;
    out.push({
      id: def.id,
      titleNl: def.titleNl,
      titleEn: def.titleEn,
      unit: def.unit,
      series: years.map((y) => {
        const col = engine.table.get(def.id, y)!;
        const v = col.values[row]!;
        return {
          year: y,
          value: Number.isNaN(v) ? null : v,
          flags: flagNames(col.flags[row]!),
          edition: 'Veerkracht (berekend)',
          table: null,
          column: def.sources.join(' / '),
          method: def.definitionEn,
        };
      }),
    });
  }
  const years = engine.indexYears();
  if (years.length) {
    out.push({
      id: 'concentration_index',
      titleNl: 'Concentratie kwetsbare bewoners (index)',
      titleEn: 'Concentration of vulnerable residents (index)',
      unit: 'z-score',
      series: years.map((y) => {
        const v = engine.level(y).values[row]!;
        return {
          year: y,
          value: Number.isNaN(v) ? null : v,
          flags: ['derived'],
          edition: 'Veerkracht (berekend)',
          table: null,
          column: 'index',
          method: 'weighted mean of component z-scores',
        };
      }),
    });
  }
  return out;
}

function classifications(engine: VeerkrachtEngine, row: number): BuurtClassification[] {
  return engine.periods().map((p) => {
    const r = engine.period(p);
    const label = (ci: number) => {
      const info = VEERKRACHT_CLASSES[VEERKRACHT_CLASS_IDS[ci]!];
      return { classId: info.id, label: info.labelNl, labelEn: info.labelEn };
    };
    const yearsUsed: Record<string, number[]> = {};
    for (const cc of r.index.components)
      if (cc.years && cc.dz && !Number.isNaN(cc.dz[row]!)) yearsUsed[cc.id] = [...cc.years];
    const m = r.nuisance.measure[row]!;
    const measure = m >= 0 ? r.nuisance.measures[m]!.id : null;
    if (m >= 0 && measure) yearsUsed[measure] = [...r.nuisance.years[m]!];
    const dK = r.classification.absolute.dK[row]!;
    const dO = r.classification.absolute.dO[row]!;
    return {
      period: formatPeriod(p),
      absolute: label(r.classification.absolute.classes[row]!),
      relative: label(r.classification.relative.classes[row]!),
      measureUsed: measure,
      yearsUsed,
      deltaConcentration: Number.isNaN(dK) ? null : dK,
      deltaNuisance: Number.isNaN(dO) ? null : dO,
    };
  });
}
