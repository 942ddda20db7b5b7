/**
 * The indicators "buurten zoals deze" compares, from the engine's table: each component of the
 * concentration index (the definition that holds in the target year), the corporation share,
 * the Leefbaarometer total score, size (inhabitants and dwellings) and urbanity (the
 * omgevingsadressendichtheid; where a store has none, the population density stands in and is
 * named so). A group's weight (configuration `similarity.weights`) is shared equally by the
 * indicators of the group that have data. Size and urbanity change slowly: their value may come
 * from any year of the buurt (the nearest); the others from within `levelYearTolerance` years.
 */
import { findIndicator, customIndicator } from '../engine/indicator-registry.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { MatrixSource } from './standardised-matrix.js';

export type SimilarityGroup = 'concentration' | 'corporation' | 'leefbaarometer' | 'size' | 'urbanity';

/** An indicator of the table as a matrix source (weight set later per group). */
function tableSource(
  engine: VeerkrachtEngine,
  indicator: string,
  group: SimilarityGroup,
  structural: boolean,
  log: boolean,
  title?: { nl: string; en: string },
): Omit<MatrixSource, 'weight'> | null {
  const years = engine.table.years(indicator);
  if (years.length === 0) return null;
  const def = findIndicator(indicator) ?? customIndicator(indicator);
  return {
    id: indicator,
    titleNl: title?.nl ?? def.titleNl,
    titleEn: title?.en ?? def.titleEn,
    unit: def.unit,
    group,
    log,
    tolerance: structural ? Infinity : engine.config.levelYearTolerance,
    years,
    column: (y) => engine.table.get(indicator, y)?.values,
  };
}

/** The matrix sources for the target `year`, with their weights. */
export function similaritySources(engine: VeerkrachtEngine, year: number): MatrixSource[] {
  const weights = engine.config.similarity.weights;
  const out: Omit<MatrixSource, 'weight'>[] = [];
  for (const c of engine.config.components) {
    // the definition of the target year, else the component's newest definition with data
    const indicator =
      engine.index.segmentIndicator(c, year) ??
      [...c.segments].reverse().find((s) => engine.table.years(s.indicator).length > 0)?.indicator;
    if (!indicator) continue;
    const s = tableSource(engine, indicator, 'concentration', false, false, { nl: c.titleNl, en: c.titleEn });
    if (s) out.push(s);
  }
  const corporation = tableSource(engine, 'corporation_share', 'corporation', false, false);
  const lbm = tableSource(engine, 'lbm_total', 'leefbaarometer', false, false);
  const inhabitants = tableSource(engine, 'inhabitants', 'size', true, true);
  const dwellings = tableSource(engine, 'dwellings', 'size', true, true);
  const urbanity =
    tableSource(engine, 'address_density', 'urbanity', true, true) ??
    tableSource(engine, 'population_density', 'urbanity', true, true);
  for (const s of [corporation, lbm, inhabitants, dwellings, urbanity]) if (s) out.push(s);
  const perGroup = new Map<SimilarityGroup, number>();
  for (const s of out) perGroup.set(s.group, (perGroup.get(s.group) ?? 0) + 1);
  return out.map((s) => ({ ...s, weight: weights[s.group] / perGroup.get(s.group)! }));
}
