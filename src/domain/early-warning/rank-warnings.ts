/**
 * The ranked early-warning list: every buurt for which at least one rule fires, highest score
 * first (the sum of the weights of its rules), then the more severe current class, then the larger
 * of its changes ΔK and ΔO, then the buurt code — a total order, so the list is the same on every
 * run and in every order of input.
 */
import type { Thresholds } from '../engine/veerkracht-classes.js';
import { VEERKRACHT_CLASSES } from '../engine/veerkracht-classes.js';
import type { EarlyWarningConfig } from './early-warning-config.js';
import type { BuurtSignals } from './warning-signals.js';
import { evaluateRules, warningScore, type WarningReason } from './warning-rules.js';

export interface WarningEntry {
  signals: BuurtSignals;
  reasons: WarningReason[];
  score: number;
}

export function rankWarnings(
  signals: readonly BuurtSignals[],
  config: EarlyWarningConfig,
  thresholds: Thresholds,
): WarningEntry[] {
  const out: WarningEntry[] = [];
  for (const s of signals) {
    const reasons = evaluateRules(s, config, thresholds);
    if (reasons.length > 0) out.push({ signals: s, reasons, score: warningScore(reasons, config) });
  }
  return out.sort(compareEntries);
}

function severity(e: WarningEntry): number {
  return VEERKRACHT_CLASSES[e.signals.current.classId].severity ?? -1;
}

function largestChange(e: WarningEntry): number {
  const { dK, dO } = e.signals.current;
  return Math.max(dK ?? -Infinity, dO ?? -Infinity);
}

function compareEntries(a: WarningEntry, b: WarningEntry): number {
  return (
    b.score - a.score ||
    severity(b) - severity(a) ||
    largestChange(b) - largestChange(a) ||
    (a.signals.code < b.signals.code ? -1 : a.signals.code > b.signals.code ? 1 : 0)
  );
}
