/**
 * The four early-warning rules (docs/method.md, "Early warning"). Each reads a buurt's signals
 * (warning-signals.ts) and returns the numbers that make it fire, or null. The words of a reason
 * are made from exactly these numbers (reason-text.ts), so a reason never says more than they do.
 * Changes are in national SD on the fixed base-year scale (positive = rose / more nuisance).
 *   class-worsened            the class of the current period has a higher severity than the
 *                             class of the previous period (both data classes)
 *   near-threshold            τ − margin < change ≤ τ now, and the change is larger than in the
 *                             previous period (for ΔK and for ΔO)
 *   concentration-rising      ΔK > minRise in the previous and in the current period
 *   nuisance-against-gemeente ΔO > minRise while the rest of the gemeente's mean ΔO < −minImprovement
 */
import { formatPeriod } from '../engine/engine-config.js';
import { VEERKRACHT_CLASSES, type Thresholds, type VeerkrachtClassId } from '../engine/veerkracht-classes.js';
import type { EarlyWarningConfig } from './early-warning-config.js';
import type { BuurtSignals } from './warning-signals.js';

export type Quantity = 'concentration' | 'nuisance';

export interface ClassWorsened {
  rule: 'class-worsened';
  reading: 'absolute' | 'relative';
  previousPeriod: string;
  previousClass: VeerkrachtClassId;
  period: string;
  currentClass: VeerkrachtClassId;
  /** The changes (in the reading) that put the buurt in its current class, and the thresholds. */
  dK: number;
  dO: number;
  thresholds: Thresholds;
}

export interface NearThreshold {
  rule: 'near-threshold';
  quantity: Quantity;
  period: string;
  value: number;
  previousPeriod: string;
  previousValue: number;
  threshold: number;
  margin: number;
}

export interface ConcentrationRising {
  rule: 'concentration-rising';
  previousPeriod: string;
  previousValue: number;
  period: string;
  value: number;
  minRise: number;
}

export interface NuisanceAgainstGemeente {
  rule: 'nuisance-against-gemeente';
  period: string;
  value: number;
  /** Nuisance measure of both values. */
  measure: string;
  restMean: number;
  restBuurten: number;
  minRise: number;
  minImprovement: number;
}

export type WarningReason = ClassWorsened | NearThreshold | ConcentrationRising | NuisanceAgainstGemeente;
export type WarningRuleId = WarningReason['rule'];
export const WARNING_RULE_IDS: readonly WarningRuleId[] = [
  'class-worsened',
  'near-threshold',
  'concentration-rising',
  'nuisance-against-gemeente',
];

/** Every reason that fires for a buurt, in rule order. */
export function evaluateRules(
  s: BuurtSignals,
  config: EarlyWarningConfig,
  thresholds: Thresholds,
): WarningReason[] {
  const out: WarningReason[] = [];
  if (config.classWorsened.enabled) push(out, classWorsened(s, config, thresholds));
  if (config.nearThreshold.enabled) {
    push(out, nearThreshold(s, 'concentration', thresholds.concentration, config.nearThreshold.margin));
    push(out, nearThreshold(s, 'nuisance', thresholds.nuisance, config.nearThreshold.margin));
  }
  if (config.concentrationRising.enabled)
    push(out, concentrationRising(s, config.concentrationRising.minRise));
  if (config.nuisanceAgainstGemeente.enabled) push(out, nuisanceAgainstGemeente(s, config));
  return out;
}

function push(out: WarningReason[], r: WarningReason | null): void {
  if (r) out.push(r);
}

export function classWorsened(
  s: BuurtSignals,
  config: EarlyWarningConfig,
  thresholds: Thresholds,
): ClassWorsened | null {
  const prev = s.previous;
  if (!prev) return null;
  const before = VEERKRACHT_CLASSES[prev.classId].severity;
  const now = VEERKRACHT_CLASSES[s.current.classId].severity;
  if (before === null || now === null || now <= before) return null;
  if (s.current.classDK === null || s.current.classDO === null) return null;
  return {
    rule: 'class-worsened',
    reading: config.reading,
    previousPeriod: formatPeriod(prev.period),
    previousClass: prev.classId,
    period: formatPeriod(s.current.period),
    currentClass: s.current.classId,
    dK: s.current.classDK,
    dO: s.current.classDO,
    thresholds: { ...thresholds },
  };
}

export function nearThreshold(
  s: BuurtSignals,
  quantity: Quantity,
  threshold: number,
  margin: number,
): NearThreshold | null {
  const prev = s.previous;
  if (!prev) return null;
  const value = quantity === 'concentration' ? s.current.dK : s.current.dO;
  const previousValue = quantity === 'concentration' ? prev.dK : prev.dO;
  if (value === null || previousValue === null) return null;
  if (quantity === 'nuisance' && prev.measure !== s.current.measure) return null;
  if (!(value <= threshold && value > threshold - margin && value > previousValue)) return null;
  return {
    rule: 'near-threshold',
    quantity,
    period: formatPeriod(s.current.period),
    value,
    previousPeriod: formatPeriod(prev.period),
    previousValue,
    threshold,
    margin,
  };
}

export function concentrationRising(s: BuurtSignals, minRise: number): ConcentrationRising | null {
  const prev = s.previous;
  if (!prev || prev.dK === null || s.current.dK === null) return null;
  if (!(prev.dK > minRise && s.current.dK > minRise)) return null;
  return {
    rule: 'concentration-rising',
    previousPeriod: formatPeriod(prev.period),
    previousValue: prev.dK,
    period: formatPeriod(s.current.period),
    value: s.current.dK,
    minRise,
  };
}

export function nuisanceAgainstGemeente(
  s: BuurtSignals,
  config: EarlyWarningConfig,
): NuisanceAgainstGemeente | null {
  const { dO, restO, measure } = s.current;
  const { minRise, minImprovement } = config.nuisanceAgainstGemeente;
  if (dO === null || restO === null || measure === null) return null;
  if (!(dO > minRise && restO < -minImprovement)) return null;
  return {
    rule: 'nuisance-against-gemeente',
    period: formatPeriod(s.current.period),
    value: dO,
    measure,
    restMean: restO,
    restBuurten: s.current.restBuurten,
    minRise,
    minImprovement,
  };
}

/** A buurt's rank score: the sum of the weights of its rules that fired (near-threshold counts once). */
export function warningScore(reasons: readonly WarningReason[], config: EarlyWarningConfig): number {
  const fired = new Set(reasons.map((r) => r.rule));
  let score = 0;
  if (fired.has('class-worsened')) score += config.classWorsened.weight;
  if (fired.has('near-threshold')) score += config.nearThreshold.weight;
  if (fired.has('concentration-rising')) score += config.concentrationRising.weight;
  if (fired.has('nuisance-against-gemeente')) score += config.nuisanceAgainstGemeente.weight;
  return score;
}
