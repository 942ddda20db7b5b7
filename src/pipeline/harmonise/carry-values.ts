/**
 * Carrying the values of one indicator from a source division onto the reference division
 * along a crosswalk. By code: the value as is. By overlay: counts apportioned by area share,
 * rates recomputed from apportioned numerator and denominator, otherwise an area-weighted
 * mean; a suppressed (null) source value makes the overlay value null, never 0.
 */
import { VALUE_FLAGS } from '../../core/records.js';
import type { HarmonisedValueRow, ValueRow } from '../../storage/store.js';
import type { Crosswalk, CrosswalkEntry, OverlayPart } from './division-crosswalk.js';
import { carryRuleOf } from './rate-denominators.js';

/** A harmonised value, still carrying the edition label of its source value. */
export type CarriedValue = HarmonisedValueRow & { edition: string };

const OVERLAY_FLAGS = VALUE_FLAGS.harmonised | VALUE_FLAGS.overlay | VALUE_FLAGS.estimated;

type ByYear<T> = Map<number, Map<string, T>>;

function byYear<T>(rows: readonly ValueRow[], pick: (r: ValueRow) => T): ByYear<T> {
  const out: ByYear<T> = new Map();
  for (const r of rows) {
    if (r.flags & VALUE_FLAGS.harmonised) continue; // never carry a carried value again
    const year = out.get(r.year) ?? out.set(r.year, new Map()).get(r.year)!;
    year.set(r.areaCode, pick(r));
  }
  return out;
}

/**
 * `overlay from indeling D (parts)`, or, when some source areas were drawn with another
 * division's boundaries (same code), `overlay via boundaries of indeling E (codes of indeling D
 * equal; parts)`.
 */
function describeParts(cw: Crosswalk, parts: readonly OverlayPart[]): string {
  const listed = parts.slice(0, 6).map((p) => `${p.source}: ${Math.round(p.targetShare * 100)}%`);
  if (parts.length > 6) listed.push(`${parts.length - 6} more`);
  const boundaries = [...new Set(parts.map((p) => cw.borrowed.get(p.source) ?? cw.from))].sort(
    (a, b) => a - b,
  );
  if (boundaries.length === 1 && boundaries[0] === cw.from)
    return `overlay from indeling ${cw.from} (${listed.join(', ')})`;
  return `overlay via boundaries of indeling ${boundaries.join(', ')} (codes of indeling ${cw.from} equal; ${listed.join(', ')})`;
}

interface OverlayResult {
  value: number | null;
  how: string;
}

function overlayValue(
  indicator: string,
  parts: readonly OverlayPart[],
  values: number[],
  dens: Map<string, number | null> | undefined,
): OverlayResult {
  const rule = carryRuleOf(indicator);
  if (rule.kind === 'count')
    return {
      value: parts.reduce((s, p, i) => s + p.weight * values[i]!, 0),
      how: 'count apportioned by area share',
    };
  if (rule.kind === 'rate' && dens) {
    const d = parts.map((p) => dens.get(p.source));
    if (d.every((x): x is number => typeof x === 'number')) {
      const denominator = parts.reduce((s, p, i) => s + p.weight * d[i]!, 0);
      if (denominator > 0) {
        const numerator = parts.reduce((s, p, i) => s + p.weight * values[i]! * d[i]!, 0);
        return {
          value: numerator / denominator,
          how: `recomputed from apportioned numerator and denominator (${rule.denominator})`,
        };
      }
    }
  }
  return {
    value: parts.reduce((s, p, i) => s + p.targetShare * values[i]!, 0),
    how: 'area-weighted mean (no denominator known)',
  };
}

function carryOne(
  cw: Crosswalk,
  target: string,
  entry: CrosswalkEntry,
  indicator: string,
  year: number,
  sources: Map<string, ValueRow>,
  dens: Map<string, number | null> | undefined,
): CarriedValue | undefined {
  if (entry.method === 'code') {
    const v = sources.get(entry.source);
    if (!v) return undefined;
    return {
      areaCode: target,
      divisionYear: cw.to,
      indicator,
      year,
      value: v.value,
      flags: v.flags | VALUE_FLAGS.harmonised,
      edition: v.edition,
      sourceColumn: v.sourceColumn,
      method: `code (indeling ${cw.from})`,
      fromDivision: cw.from,
    };
  }
  const base = { areaCode: target, divisionYear: cw.to, indicator, year, fromDivision: cw.from };
  const rows = entry.parts.map((p) => sources.get(p.source));
  if (rows.some((r) => r === undefined)) return undefined; // a source area without this value: no estimate
  const first = rows[0]!;
  const common = { ...base, edition: first.edition, sourceColumn: first.sourceColumn };
  if (rows.some((r) => r!.value === null)) {
    return {
      ...common,
      value: null,
      flags: OVERLAY_FLAGS | VALUE_FLAGS.suppressed,
      method: `${describeParts(cw, entry.parts)}; a source value is suppressed`,
    };
  }
  const r = overlayValue(
    indicator,
    entry.parts,
    rows.map((x) => x!.value!),
    dens,
  );
  return {
    ...common,
    value: r.value,
    flags: OVERLAY_FLAGS,
    method: `${describeParts(cw, entry.parts)}; ${r.how}`,
  };
}

/**
 * Every value of `indicator` carried along `cw`. `denominators` are the source division's rows of
 * the denominator indicator (if the indicator has one); `keep` holds `code|year` keys of original
 * values in the reference division, which are never overwritten.
 */
export function carryIndicator(
  cw: Crosswalk,
  indicator: string,
  values: readonly ValueRow[],
  denominators: readonly ValueRow[] | undefined,
  keep: ReadonlySet<string>,
): CarriedValue[] {
  const out: CarriedValue[] = [];
  const dens = denominators ? byYear(denominators, (r) => r.value) : undefined;
  for (const [year, sources] of byYear(values, (r) => r)) {
    for (const [target, entry] of cw.targets) {
      if (keep.has(`${target}|${year}`)) continue;
      const carried = carryOne(cw, target, entry, indicator, year, sources, dens?.get(year));
      if (carried) out.push(carried);
    }
  }
  return out;
}
