/**
 * Buurten zoals deze (GET /api/buurten/:code/similar): the buurten most alike nationally in the
 * end year of the default period, and the positive deviants — alike in its start year, with less
 * nuisance or a better class since. The standardised matrices are built once per engine (= data
 * version) and target year and kept with it; a request is then two linear scans.
 */
import type { PositiveDeviant, SimilarBuurt, SimilarQuery, SimilarResponse } from '../api/similar-buurten.js';
import { AppError } from '../core/app-error.js';
import { previousPeriod } from '../domain/early-warning/warning-signals.js';
import { formatPeriod, type Period } from '../domain/engine/engine-config.js';
import { VEERKRACHT_CLASS_IDS, type VeerkrachtClassId } from '../domain/engine/veerkracht-classes.js';
import type { VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import { nearestBuurten, presentCount, type Neighbour } from '../domain/similarity/buurt-distance.js';
import { compareIndicators, similarityText } from '../domain/similarity/explain-similarity.js';
import { outcomeText, positiveDeviants, type Outcomes } from '../domain/similarity/positive-deviants.js';
import { similaritySources } from '../domain/similarity/similarity-sources.js';
import { standardisedMatrix, type StandardisedMatrix } from '../domain/similarity/standardised-matrix.js';
import type { ReadContext } from './read-context.js';

export const DEFAULT_SIMILAR_LIMIT = 10;
const DEVIANT_LIMIT = 5;

const matrices = new WeakMap<VeerkrachtEngine, Map<number, StandardisedMatrix>>();

/** The standardised matrix of the engine's buurten for `year` (built on first use, kept with the engine). */
export function similarityMatrix(engine: VeerkrachtEngine, year: number): StandardisedMatrix {
  let byYear = matrices.get(engine);
  if (!byYear) matrices.set(engine, (byYear = new Map()));
  let m = byYear.get(year);
  if (!m) {
    m = standardisedMatrix(engine.table.size, similaritySources(engine, year), year);
    byYear.set(year, m);
  }
  return m;
}

export interface SimilarBuurtenQuery extends SimilarQuery {
  code: string;
}

export async function getSimilarBuurten(ctx: ReadContext, q: SimilarBuurtenQuery): Promise<SimilarResponse> {
  const code = q.code.trim().toUpperCase();
  const state = await ctx.state.get();
  const { engine } = state;
  const row = engine.table.row(code);
  if (row === undefined)
    throw new AppError(
      'AREA_NOT_FOUND',
      `buurt '${q.code}' is not on the reference division ${state.divisionYear}`,
    );
  const config = engine.config.similarity;
  const period = engine.defaultPeriod();
  const year = period?.t1 ?? newestYear(engine);
  const now = similarityMatrix(engine, year);
  const b = engine.table.buurten[row]!;
  const name = (g: string) => state.gemeenteNames.get(g) ?? g;
  const describe = (m: StandardisedMatrix, nb: Neighbour): SimilarBuurt => {
    const other = engine.table.buurten[nb.row]!;
    const indicators = compareIndicators(m, row, nb.row, config);
    return {
      code: other.code,
      name: other.name,
      gemeente: other.gemeente,
      gemeenteName: name(other.gemeente),
      distance: round(nb.distance),
      shared: nb.shared,
      indicators,
      textNl: similarityText(indicators, b.name, 'nl'),
      textEn: similarityText(indicators, b.name, 'en'),
    };
  };
  const similar = nearestBuurten(now, row, q.limit ?? DEFAULT_SIMILAR_LIMIT, config.minShared).map((nb) =>
    describe(now, nb),
  );
  const outcomes = period ? outcomesOf(engine, period) : null;
  let deviants: PositiveDeviant[] = [];
  if (period && outcomes) {
    const start = similarityMatrix(engine, period.t0);
    const periods = { previous: formatPeriod(previousPeriod(period)), current: formatPeriod(period) };
    deviants = positiveDeviants(start, row, outcomes, config, DEVIANT_LIMIT).map((d) => {
      const o = {
        dO: known(outcomes.dO[d.row]!),
        before: outcomes.before[d.row]!,
        now: outcomes.now[d.row]!,
      };
      return {
        ...describe(start, d),
        dO: o.dO === null ? null : round(o.dO),
        measure: outcomes.measure[d.row]!,
        classBefore: o.before,
        classNow: o.now,
        nuisanceFell: d.nuisanceFell,
        classImproved: d.classImproved,
        outcomeNl: outcomeText(o, periods, 'nl'),
        outcomeEn: outcomeText(o, periods, 'en'),
      };
    });
  }
  return {
    code,
    name: b.name,
    gemeente: b.gemeente,
    gemeenteName: name(b.gemeente),
    year,
    period: period ? formatPeriod(period) : null,
    indicators: now.sources.map((s, f) => ({
      id: s.id,
      titleNl: s.titleNl,
      titleEn: s.titleEn,
      group: s.group,
      weight: now.weights[f]!,
      log: s.log,
      buurten: now.stats[f]!.buurten,
      mean: Number.isFinite(now.stats[f]!.mean) ? round(now.stats[f]!.mean) : null,
      sd: now.stats[f]!.sd > 0 ? round(now.stats[f]!.sd) : null,
    })),
    minShared: config.minShared,
    shared: presentCount(now, row),
    similar,
    deviants,
    outcome: {
      dO: outcomes ? known(outcomes.dO[row]!) : null,
      classBefore: outcomes ? outcomes.before[row]! : null,
      classNow: outcomes ? outcomes.now[row]! : null,
    },
    demo: state.demo,
  };
}

type PeriodOutcomes = Outcomes & { measure: (string | null)[] };
const outcomeCache = new WeakMap<VeerkrachtEngine, Map<string, PeriodOutcomes>>();

/** The outcomes of a period, computed once per engine (data version) and period. */
function outcomesOf(engine: VeerkrachtEngine, period: Period): PeriodOutcomes {
  let byPeriod = outcomeCache.get(engine);
  if (!byPeriod) outcomeCache.set(engine, (byPeriod = new Map()));
  const key = formatPeriod(period);
  let o = byPeriod.get(key);
  if (!o) byPeriod.set(key, (o = periodOutcomes(engine, period)));
  return o;
}

/** ΔO (absolute, as on the ontwikkeling-overlast map) and the absolute classes of the period and the one before. */
function periodOutcomes(engine: VeerkrachtEngine, period: Period): PeriodOutcomes {
  const r = engine.period(period);
  const before = engine.period(previousPeriod(period)).classification.absolute.classes;
  const c = r.classification;
  const n = engine.table.size;
  const dO = new Float64Array(n).fill(NaN);
  const measure: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (c.residents[i] === 'enough') dO[i] = c.absolute.dO[i]!;
    const m = r.nuisance.measure[i]!;
    measure.push(m >= 0 ? r.nuisance.measures[m]!.id : null);
  }
  const cls = (a: Uint8Array): VeerkrachtClassId[] => Array.from(a, (k) => VEERKRACHT_CLASS_IDS[k]!);
  return { dO, before: cls(before), now: cls(c.absolute.classes), measure };
}

function newestYear(engine: VeerkrachtEngine): number {
  let y = 0;
  for (const id of engine.table.indicators())
    for (const year of engine.table.years(id)) y = Math.max(y, year);
  return y;
}

function known(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
