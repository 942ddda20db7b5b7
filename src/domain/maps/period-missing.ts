/**
 * Why a buurt has no change (ΔK, ΔO) or no class over a period, as a kind of missing
 * (missing-kinds.ts): from the components and the nuisance measure at the years the period uses.
 */
import { NO_CLASS_REASONS } from '../engine/classify-veerkracht.js';
import {
  gemeenteSourceKindOf,
  indicatorFamily,
  missingKind,
  type IndicatorSpan,
} from '../engine/missing-kinds.js';
import { gemeenteMeasureYears } from '../engine/nuisance-change.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { indexMissing, mostTelling, populationUnknownCause, type MissingCause } from './missing-cause.js';

/**
 * Indicators (a component's segments, or a nuisance measure) without any value for the gemeente in
 * any year: as their list entry says (gemeenteSourceKindOf), in the years of the period's reach —
 * not loaded there; loaded but without the indicator; or held by a loaded file (on a division
 * harmonisation could not carry over, or for the gemeente it went into) but not for its buurten.
 */
function absentSource(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  spans: readonly IndicatorSpan[],
  gemeente: string,
): MissingCause {
  const family = indicatorFamily(spans[0]!.indicator);
  const tolerance = engine.config.periodYearTolerance;
  const kind = gemeenteSourceKindOf(
    engine.table,
    spans,
    gemeente,
    (year) => year >= r.period.t0 - tolerance && year <= r.period.t1 + tolerance,
  );
  return { kind, family };
}

function cause(
  engine: VeerkrachtEngine,
  indicator: string,
  year: number,
  row: number,
  population: number,
): MissingCause {
  const kind = missingKind(engine.table, indicator, year, row, population, null);
  return kind === 'population-unknown'
    ? populationUnknownCause(engine.table, row, [year, year])
    : { kind, family: indicatorFamily(indicator) };
}

/**
 * Why ΔK is unknown for the buurt: the kinds of the component values missing at the period's
 * years; a component the whole gemeente lacks (absentSource) only when none of the buurt's own
 * is missing (indexMissing).
 */
export function concentrationMissing(engine: VeerkrachtEngine, r: PeriodResult, row: number): MissingCause {
  const population = r.weights[row]!;
  const gemeente = engine.table.buurten[row]!.gemeente;
  const own: MissingCause[] = [];
  const gemeenteWide: MissingCause[] = [];
  for (const cc of r.index.components) {
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    const years = cc.byGemeente.get(gemeente)?.years;
    if (!years) {
      // the gemeente has no value of the component in any year: its source is not loaded there,
      // or a loaded one covers it without the component, or has its buurten only elsewhere
      if ((engine.index.gemeenteYears(c).get(gemeente) ?? []).length === 0)
        gemeenteWide.push(absentSource(engine, r, c.segments, gemeente));
      continue;
    }
    for (const y of years) {
      const indicator = engine.index.segmentIndicator(c, y)!;
      if (!Number.isNaN(engine.table.get(indicator, y)?.values[row] ?? NaN)) continue;
      own.push(cause(engine, indicator, y, row, population));
    }
  }
  return indexMissing(own, gemeenteWide);
}

/**
 * Why ΔO is unknown for the buurt: the kinds of the values missing at the years of the first
 * measure (in fallback order) that can cover the period — the primary measure when it can.
 */
export function nuisanceMissing(engine: VeerkrachtEngine, r: PeriodResult, row: number): MissingCause {
  const gemeente = engine.table.buurten[row]!.gemeente;
  const mi = r.nuisance.byGemeente.findIndex((byG) => (byG.get(gemeente) ?? null) !== null);
  if (mi < 0) {
    // no measure has two years here; when the primary has none at all, its source is not loaded
    const primary = r.nuisance.measures[0]!;
    const any = (gemeenteMeasureYears(engine.table, primary.indicator).get(gemeente) ?? []).length > 0;
    return any
      ? { kind: 'missing', family: null }
      : absentSource(engine, r, [{ indicator: primary.indicator }], gemeente);
  }
  const m = r.nuisance.measures[mi]!;
  const kinds: MissingCause[] = [];
  for (const y of r.nuisance.byGemeente[mi]!.get(gemeente)!)
    if (Number.isNaN(engine.table.get(m.indicator, y)?.values[row] ?? NaN))
      kinds.push(cause(engine, m.indicator, y, row, r.weights[row]!));
  return mostTelling(kinds);
}

/** Why the buurt has no veerkracht class over the period (class onvoldoende-gegevens). */
export function classificationMissing(engine: VeerkrachtEngine, r: PeriodResult, row: number): MissingCause {
  const reasons = r.classification.reasons[row]!;
  if (reasons & NO_CLASS_REASONS.populationUnknown) return populationUnknownCause(engine.table, row);
  if (reasons & NO_CLASS_REASONS.concentrationUnknown) return concentrationMissing(engine, r, row);
  if (reasons & NO_CLASS_REASONS.nuisanceUnknown) return nuisanceMissing(engine, r, row);
  return { kind: 'missing', family: null };
}
