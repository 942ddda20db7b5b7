/**
 * The stock-flow model of one buurt (methodology §9, docs/method.md "Scenario planner"): the
 * corporation stock C with X households of the target group, the other stock N with Y of them,
 * one year at a time. Numbers are expected values (fractions of dwellings are fine); one
 * household per dwelling.
 *
 * One year:
 *   1. demolition: De = d·C dwellings leave the corporation stock with the average mix (v = X/C);
 *   2. turnover:   M = m·C' dwellings fall vacant; the target group leaves at r times the rate of
 *                  the others: L = M·r·v/(r·v + 1 − v), kept within what the stock allows;
 *   3. sales:      Sa = min(σ·C', M) of the vacated dwellings are sold (to the other stock);
 *   4. lettings:   the rest of the vacancies plus the new corporation dwellings Ac are let, a share
 *                  s of them to the target group;
 *   5. other stock: sold dwellings and new other dwellings Ao get a share o of the target group.
 * So C(t+1) = C(t) + Ac − Sa − De and C + N changes by Ac + Ao − De (sales move a dwelling, they do
 * not remove one). Pure.
 */

/** The state of one buurt in one year (dwellings and target-group households). */
export interface BuurtStock {
  /** Corporation dwellings. */
  corp: number;
  /** Target-group households in corporation dwellings (0 ≤ corpTarget ≤ corp). */
  corpTarget: number;
  /** Other dwellings (owner-occupied, private rent). */
  other: number;
  /** Target-group households in other dwellings (0 ≤ otherTarget ≤ other). */
  otherTarget: number;
}

/** What happens in one buurt in one year. Rates are fractions (0.075 = 7.5 %). */
export interface YearFlows {
  /** Share of the corporation stock that falls vacant (mutatiegraad), 0–0.3. */
  turnover: number;
  /** How much more often target-group tenants move out than others (1 = equally), 0.5–2. */
  moveOutRatio: number;
  /** Share of lettings (re-lets and new dwellings) to the target group, 0–1. */
  lettingShare: number;
  /** Share of the corporation stock sold per year (taken from the vacancies), 0–0.2. */
  salesRate: number;
  /** Share of the corporation stock demolished per year, 0–0.2. */
  demolitionRate: number;
  /** New corporation dwellings this year. */
  addCorp: number;
  /** New other dwellings this year (e.g. middle rent, owner-occupied). */
  addOther: number;
  /** Share of the target group among the households moving into sold and new other dwellings, 0–1. */
  otherTargetShare: number;
}

/** The flows of one year as counted (for the year table and the checks). */
export interface YearResult {
  stock: BuurtStock;
  vacancies: number;
  lettings: number;
  targetLettings: number;
  targetLeavers: number;
  sold: number;
  demolished: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Target-group households leaving M vacated dwellings out of C with X of the group (clamped feasible). */
export function targetLeavers(
  corp: number,
  corpTarget: number,
  vacancies: number,
  moveOutRatio: number,
): number {
  if (corp <= 0 || vacancies <= 0) return 0;
  const v = corpTarget / corp;
  const denominator = moveOutRatio * v + 1 - v;
  const wanted = denominator > 0 ? (vacancies * moveOutRatio * v) / denominator : 0;
  const lo = Math.max(0, vacancies - (corp - corpTarget)); // the others cannot supply more leavers than there are
  const hi = Math.min(corpTarget, vacancies);
  return clamp(wanted, lo, hi);
}

/** One year of the model. */
export function stepYear(s: BuurtStock, f: YearFlows): YearResult {
  const v = s.corp > 0 ? s.corpTarget / s.corp : 0;
  const demolished = clamp(f.demolitionRate, 0, 1) * s.corp;
  const corp1 = s.corp - demolished;
  const target1 = Math.max(0, s.corpTarget - demolished * v);
  const vacancies = clamp(f.turnover, 0, 1) * corp1;
  const leavers = targetLeavers(corp1, target1, vacancies, f.moveOutRatio);
  const sold = Math.min(clamp(f.salesRate, 0, 1) * corp1, vacancies);
  const addCorp = Math.max(0, f.addCorp);
  const addOther = Math.max(0, f.addOther);
  const lettings = vacancies - sold + addCorp;
  const targetLettings = clamp(f.lettingShare, 0, 1) * lettings;
  const corp = corp1 - sold + addCorp;
  const otherIn = sold + addOther;
  const other = s.other + otherIn;
  return {
    stock: {
      corp,
      corpTarget: clamp(target1 - leavers + targetLettings, 0, corp),
      other,
      otherTarget: clamp(s.otherTarget + clamp(f.otherTargetShare, 0, 1) * otherIn, 0, other),
    },
    vacancies,
    lettings,
    targetLettings,
    targetLeavers: leavers,
    sold,
    demolished,
  };
}

/** The share of target-group households among all dwellings (the buurt's concentration), null without dwellings. */
export function concentration(s: BuurtStock): number | null {
  const total = s.corp + s.other;
  return total > 0 ? (s.corpTarget + s.otherTarget) / total : null;
}

/** The letting share that keeps the corporation mix v as it is: r·v / (r·v + 1 − v). */
export function steadyLettingShare(v: number, moveOutRatio: number): number {
  const d = moveOutRatio * v + 1 - v;
  return d > 0 ? clamp((moveOutRatio * v) / d, 0, 1) : 0;
}

/**
 * Splits a buurt's concentration V over its corporation and other stock, given the corporation
 * share c and how many times more often a corporation household belongs to the target group (ρ):
 * V = c·v + (1 − c)·n with v = ρ·n, so v = ρ·V / (c·ρ + 1 − c); when v would pass 1, v = 1 and
 * n = (V − c) / (1 − c).
 */
export function splitConcentration(V: number, c: number, ratio: number): { corp: number; other: number } {
  const share = clamp(V, 0, 1);
  const cs = clamp(c, 0, 1);
  if (cs <= 0) return { corp: clamp(share * ratio, 0, 1), other: share };
  if (cs >= 1) return { corp: share, other: clamp(share / ratio, 0, 1) };
  const v = (ratio * share) / (cs * ratio + 1 - cs);
  if (v <= 1) return { corp: v, other: clamp(v / ratio, 0, 1) };
  return { corp: 1, other: clamp((share - cs) / (1 - cs), 0, 1) };
}

/** The starting stock of a buurt: D dwellings, corporation share c, concentration V (fractions). */
export function startStock(dwellings: number, c: number, V: number, ratio: number): BuurtStock {
  const corp = Math.max(0, dwellings) * clamp(c, 0, 1);
  const other = Math.max(0, dwellings) - corp;
  const split = splitConcentration(V, c, ratio);
  return { corp, corpTarget: corp * split.corp, other, otherTarget: other * split.other };
}
