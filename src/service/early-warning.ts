/**
 * The early warning of a gemeente, region or werkgebied (GET /api/early-warning): the signals of
 * its buurten for the asked (or default) period and the equally long period before it, the rules
 * of the engine configuration, and the ranked list with reasons in words and numbers.
 */
import type { EarlyWarningEntry, EarlyWarningQuery, EarlyWarningResponse } from '../api/early-warning.js';
import { AppError } from '../core/app-error.js';
import { rankWarnings, type WarningEntry } from '../domain/early-warning/rank-warnings.js';
import { reasonText } from '../domain/early-warning/reason-text.js';
import {
  previousPeriod,
  warningSignals,
  type BuurtSignals,
} from '../domain/early-warning/warning-signals.js';
import { WARNING_RULE_IDS } from '../domain/early-warning/warning-rules.js';
import { formatPeriod, parsePeriod } from '../domain/engine/engine-config.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../domain/engine/veerkracht-classes.js';
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';

export async function getEarlyWarning(ctx: ReadContext, q: EarlyWarningQuery): Promise<EarlyWarningResponse> {
  const state = await ctx.state.get();
  const { engine } = state;
  const area = await resolveArea(q.area, state, ctx.store);
  const period = q.period !== undefined ? parsePeriod(q.period) : engine.defaultPeriod();
  if (!period)
    throw new AppError(
      'NO_DATA',
      'no period with data: the store lacks index components or a nuisance measure at two years',
    );
  const previous = previousPeriod(period);
  const config = engine.config.earlyWarning;
  const signals = warningSignals(engine, area.rows, period, previous, config);
  const ranked = rankWarnings(signals, config, engine.config.thresholds);
  const fired = Object.fromEntries(WARNING_RULE_IDS.map((id) => [id, 0]));
  for (const e of ranked) for (const id of new Set(e.reasons.map((r) => r.rule))) fired[id]!++;
  return {
    area: { id: area.id, name: area.name },
    period: formatPeriod(period),
    previousPeriod: formatPeriod(previous),
    reading: config.reading,
    thresholds: { ...engine.config.thresholds },
    rules: { ...config },
    buurten: area.rows.length,
    coverage: {
      current: coverage(signals, (s) => s.current),
      previous: coverage(signals, (s) => s.previous),
    },
    fired,
    warnings: ranked.map((e) => entry(e, state.gemeenteNames)),
    demo: state.demo,
  };
}

function coverage(
  signals: readonly BuurtSignals[],
  of: (s: BuurtSignals) => BuurtSignals['previous'],
): { classified: number; dK: number; dO: number } {
  let classified = 0;
  let dK = 0;
  let dO = 0;
  for (const s of signals) {
    const p = of(s);
    if (!p) continue;
    if (VEERKRACHT_CLASSES[p.classId].severity !== null) classified++;
    if (p.dK !== null) dK++;
    if (p.dO !== null) dO++;
  }
  return { classified, dK, dO };
}

function classRef(id: VeerkrachtClassId) {
  const c = VEERKRACHT_CLASSES[id];
  return { id, labelNl: c.labelNl, labelEn: c.labelEn };
}

function entry(e: WarningEntry, names: ReadonlyMap<string, string>): EarlyWarningEntry {
  const s = e.signals;
  return {
    code: s.code,
    name: s.name,
    gemeente: s.gemeente,
    gemeenteName: names.get(s.gemeente) ?? s.gemeente,
    inhabitants: s.inhabitants,
    score: e.score,
    currentClass: classRef(s.current.classId),
    previousClass: s.previous ? classRef(s.previous.classId) : null,
    dK: s.current.dK,
    dO: s.current.dO,
    measure: s.current.measure,
    reasons: e.reasons.map((r) => ({ ...r, textNl: reasonText(r, 'nl'), textEn: reasonText(r, 'en') })),
  };
}
