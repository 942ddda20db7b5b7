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
import { lacksComparison, type ClassifiedVersion } from '../domain/engine/classify-veerkracht.js';
import { indicatorFamily, MISSING_LABELS, missingKind } from '../domain/engine/missing-kinds.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from '../domain/engine/veerkracht-classes.js';
import { rowPair } from '../domain/engine/year-rule.js';
import { classificationMissing } from '../domain/maps/period-missing.js';
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
  // an older data edition lists the values it froze; the live state those the store holds now
  const stored =
    state.storedValues?.(code) ??
    (await ctx.store.getValues({ codes: [code], divisionYear: state.divisionYear }));
  const period = q.period !== undefined ? parsePeriod(q.period) : state.engine.defaultPeriod();
  const gemeenteName = state.gemeenteNames.get(b.gemeente) ?? b.gemeente;
  const popAt = period?.t1 ?? new Date().getFullYear();
  const pop = state.engine.population.at(popAt)[row]!;
  const popYear = state.engine.population.yearsAt(popAt)[row]!;
  return {
    code,
    name: b.name,
    gemeente: b.gemeente,
    gemeenteName,
    divisionYear: state.divisionYear,
    inhabitants: Number.isNaN(pop) ? null : pop,
    inhabitantsYear: popYear || null,
    indicators: [...storedIndicators(stored), ...derivedIndicators(state.engine, row)],
    dataEdition: state.dataEdition,
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
          // a stored cell without a value: published as secret (`.`), or as no score (Leefbaarometer NA)
          missing: r.value === null ? (indicatorFamily(id) === 'lbm' ? 'no-score' : 'suppressed') : null,
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
        const inputs = [...new Set(engine.table.sourcesAt(def.id, y, [row]).map((s) => s.edition))];
        const population = engine.population.at(y)[row]!;
        return {
          year: y,
          value: Number.isNaN(v) ? null : v,
          flags: flagNames(col.flags[row]!),
          edition: inputs.length ? `Veerkracht (berekend uit ${inputs.join('; ')})` : 'Veerkracht (berekend)',
          table: null,
          column: def.sources.join(' / '),
          method: def.definitionEn,
          missing: Number.isNaN(v)
            ? missingKind(engine.table, def.id, y, row, population, def.minPopulation)
            : null,
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
        const level = engine.level(y);
        const v = level.values[row]!;
        const other = engine.config.components
          .map((c, ci) => ({ c, ci, year: level.yearsUsed[c.id] }))
          .filter((x) => x.year !== null && x.year !== undefined && level.otherYear[row]! & (1 << x.ci));
        const flags = ['derived'];
        if (other.some((x) => x.year! < y)) flags.push('carried-forward');
        if (other.some((x) => x.year! > y)) flags.push('carried-back');
        return {
          year: y,
          value: Number.isNaN(v) ? null : v,
          flags,
          edition: 'Veerkracht (berekend)',
          table: null,
          column: 'index',
          method: other.length
            ? `mean of the components on their base-year scale; not measured in ${y}: ${other.map((x) => `${x.c.id} from ${x.year}`).join(', ')}`
            : 'mean of the components on their base-year scale',
          missing: Number.isNaN(v) ? 'missing' : null,
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
    // the relative and national readings of a buurt without another to compare with: as on their maps
    const compared = (version: ClassifiedVersion) => {
      if (!lacksComparison(r.classification, version, row)) return label(version.classes[row]!);
      const words = MISSING_LABELS['no-comparison'];
      return { classId: 'no-comparison', label: words.nl, labelEn: words.en };
    };
    const yearsUsed: Record<string, number[]> = {};
    for (const cc of r.index.components) {
      const pair = rowPair(cc.rowYears, row);
      if (pair) yearsUsed[cc.id] = pair;
    }
    const m = r.nuisance.measure[row]!;
    const measure = m >= 0 ? r.nuisance.measures[m]!.id : null;
    const pair = rowPair(r.nuisance.rowYears, row);
    if (measure && pair) yearsUsed[measure] = pair;
    const dK = r.classification.absolute.dK[row]!;
    const dO = r.classification.absolute.dO[row]!;
    const raw = r.nuisance.raw[row]!;
    const absolute = r.classification.absolute.classes[row]!;
    return {
      period: formatPeriod(p),
      absolute: label(absolute),
      relative: compared(r.classification.relative),
      national: compared(r.classification.national),
      measureUsed: measure,
      fallbackMeasure: m > 0,
      yearsUsed,
      deltaConcentration: Number.isNaN(dK) ? null : dK,
      deltaNuisance: Number.isNaN(dO) ? null : dO,
      deltaNuisanceOwnUnits: Number.isNaN(raw) ? null : raw,
      missing:
        VEERKRACHT_CLASS_IDS[absolute] === 'onvoldoende-gegevens'
          ? classificationMissing(engine, r, row).kind
          : null,
    };
  });
}
