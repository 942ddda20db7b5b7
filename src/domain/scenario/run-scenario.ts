/**
 * Runs a scenario (scenario-spec.ts) over the buurten of an area, year by year, all buurten
 * together (spreiden moves target-group lettings between buurten of one gemeente), and sums per
 * gemeente. The projected class of a buurt is the change of its concentration over the run.
 * Pure.
 */
import type { ScenarioSpec } from './scenario-spec.js';
import {
  concentration,
  startStock,
  steadyLettingShare,
  stepYear,
  type BuurtStock,
  type YearFlows,
} from './stock-flow.js';

/** A buurt's starting point (fractions; `concentration` = share of target-group households). */
export interface ScenarioBuurt {
  code: string;
  name: string;
  gemeente: string;
  dwellings: number;
  corpShare: number;
  concentration: number;
}

export interface YearRow {
  /** 0 = the start. */
  year: number;
  dwellings: number;
  corp: number;
  corpShare: number | null;
  /** Share of target-group households among all households (0–1). */
  concentration: number | null;
  /** Share of target-group households in the corporation stock (0–1). */
  corpConcentration: number | null;
  lettings: number;
  targetLettings: number;
}

export const PROJECTED_CLASSES = ['daalt-sterk', 'daalt', 'stabiel', 'stijgt', 'stijgt-sterk'] as const;
export type ProjectedClass = (typeof PROJECTED_CLASSES)[number];

/** Change in percentage points at which a buurt "rises" (0.5) or "rises strongly" (2); the same below zero. */
export const CLASS_STEPS = [0.5, 2] as const;

export function projectedClass(changePoints: number): ProjectedClass {
  const [small, large] = CLASS_STEPS;
  if (changePoints <= -large) return 'daalt-sterk';
  if (changePoints <= -small) return 'daalt';
  if (changePoints < small) return 'stabiel';
  if (changePoints < large) return 'stijgt';
  return 'stijgt-sterk';
}

export interface BuurtProjection {
  code: string;
  name: string;
  gemeente: string;
  /** Which policies applied to the buurt. */
  policies: ('spread-from' | 'spread-to' | 'add-social' | 'add-middle')[];
  /** The letting share before spreading (0–1). */
  lettingShare: number;
  years: YearRow[];
  /** Concentration change start → end, in percentage points. */
  changePoints: number;
  projectedClass: ProjectedClass;
}

export interface TotalRow extends YearRow {
  /** Target-group lettings spreiden could not place below the threshold (all buurten there full). */
  unplaced: number;
}

export interface ScenarioRun {
  spec: ScenarioSpec;
  buurten: BuurtProjection[];
  /** Per gemeente, per year. */
  gemeenten: { gemeente: string; years: TotalRow[] }[];
  /** The whole area, per year. */
  total: TotalRow[];
}

interface Track {
  b: ScenarioBuurt;
  stock: BuurtStock;
  share: number;
  policies: BuurtProjection['policies'];
  addCorp: number;
  addOther: number;
  otherShare: number;
  rows: YearRow[];
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function row(year: number, s: BuurtStock, lettings: number, targetLettings: number): YearRow {
  const dwellings = s.corp + s.other;
  return {
    year,
    dwellings,
    corp: s.corp,
    corpShare: dwellings > 0 ? s.corp / dwellings : null,
    concentration: concentration(s),
    corpConcentration: s.corp > 0 ? s.corpTarget / s.corp : null,
    lettings,
    targetLettings,
  };
}

function track(b: ScenarioBuurt, spec: ScenarioSpec): Track {
  const stock = startStock(b.dwellings, b.corpShare, b.concentration, spec.targetRatio);
  const v = stock.corp > 0 ? stock.corpTarget / stock.corp : 0;
  const base = spec.lettingShare ?? steadyLettingShare(v, spec.moveOutRatio);
  const policies: BuurtProjection['policies'] = [];
  let addCorp = 0;
  let addOther = 0;
  let otherShare = stock.other > 0 ? stock.otherTarget / stock.other : clamp01(b.concentration);
  if (spec.spread) policies.push(b.concentration >= spec.spread.threshold ? 'spread-from' : 'spread-to');
  if (spec.addSocial && b.corpShare < spec.addSocial.maxCorpShare) {
    policies.push('add-social');
    addCorp = spec.addSocial.ratePerYear * b.dwellings;
  }
  if (spec.addMiddle && b.corpShare >= spec.addMiddle.minCorpShare) {
    policies.push('add-middle');
    addOther = spec.addMiddle.ratePerYear * b.dwellings;
    otherShare = spec.addMiddle.targetShare;
  }
  return {
    b,
    stock,
    share: clamp01(base + spec.lettingShift),
    policies,
    addCorp,
    addOther,
    otherShare,
    rows: [row(0, stock, 0, 0)],
  };
}

/** Lettings a buurt will make this year (before the step), to divide spreiden's lettings by. */
function plannedLettings(t: Track, spec: ScenarioSpec): number {
  const corp1 = t.stock.corp * (1 - spec.demolitionRate);
  const vacancies = spec.turnover * corp1;
  return vacancies - Math.min(spec.salesRate * corp1, vacancies) + t.addCorp;
}

/**
 * This year's letting share per buurt of one gemeente: the base share, and with spreiden a part
 * of the target-group lettings of the buurten above the threshold moved to those below, in
 * proportion to their lettings not yet to the target group (so none passes 1). Returns what
 * could not be placed.
 */
function yearShares(tracks: Track[], spec: ScenarioSpec, shares: Map<Track, number>): number {
  for (const t of tracks) shares.set(t, t.share);
  if (!spec.spread) return 0;
  let pool = 0;
  let room = 0;
  const planned = new Map<Track, number>();
  for (const t of tracks) {
    const l = plannedLettings(t, spec);
    planned.set(t, l);
    if (t.policies.includes('spread-from')) {
      pool += spec.spread.reduction * t.share * l;
      shares.set(t, t.share * (1 - spec.spread.reduction));
    } else room += (1 - t.share) * l;
  }
  if (pool <= 0 || room <= 0) return pool;
  const placed = Math.min(pool, room);
  for (const t of tracks) {
    const l = planned.get(t)!;
    if (t.policies.includes('spread-from') || l <= 0) continue;
    const extra = (placed * (1 - t.share) * l) / room;
    shares.set(t, clamp01(t.share + extra / l));
  }
  return pool - placed;
}

function flows(t: Track, spec: ScenarioSpec, share: number): YearFlows {
  return {
    turnover: spec.turnover,
    moveOutRatio: spec.moveOutRatio,
    lettingShare: share,
    salesRate: spec.salesRate,
    demolitionRate: spec.demolitionRate,
    addCorp: t.addCorp,
    addOther: t.addOther,
    otherTargetShare: t.otherShare,
  };
}

function sumRows(year: number, rows: YearRow[], unplaced: number): TotalRow {
  let dwellings = 0;
  let corp = 0;
  let target = 0;
  let corpTarget = 0;
  let lettings = 0;
  let targetLettings = 0;
  for (const r of rows) {
    dwellings += r.dwellings;
    corp += r.corp;
    target += (r.concentration ?? 0) * r.dwellings;
    corpTarget += (r.corpConcentration ?? 0) * r.corp;
    lettings += r.lettings;
    targetLettings += r.targetLettings;
  }
  return {
    year,
    dwellings,
    corp,
    corpShare: dwellings > 0 ? corp / dwellings : null,
    concentration: dwellings > 0 ? target / dwellings : null,
    corpConcentration: corp > 0 ? corpTarget / corp : null,
    lettings,
    targetLettings,
    unplaced,
  };
}

/** Runs the scenario over the buurten (each with a starting point) for `spec.years` years. */
export function runScenario(buurten: readonly ScenarioBuurt[], spec: ScenarioSpec): ScenarioRun {
  const tracks = buurten.map((b) => track(b, spec));
  const byGemeente = new Map<string, Track[]>();
  for (const t of tracks) {
    const list = byGemeente.get(t.b.gemeente) ?? [];
    list.push(t);
    byGemeente.set(t.b.gemeente, list);
  }
  const unplaced = new Map<string, number[]>([...byGemeente.keys()].map((g) => [g, [0]]));
  const shares = new Map<Track, number>();
  for (let year = 1; year <= spec.years; year++) {
    for (const [gemeente, list] of byGemeente) {
      unplaced.get(gemeente)!.push(yearShares(list, spec, shares));
      for (const t of list) {
        const r = stepYear(t.stock, flows(t, spec, shares.get(t)!));
        t.stock = r.stock;
        t.rows.push(row(year, r.stock, r.lettings, r.targetLettings));
      }
    }
  }
  const gemeenten = [...byGemeente].map(([gemeente, list]) => ({
    gemeente,
    years: Array.from({ length: spec.years + 1 }, (_, y) =>
      sumRows(
        y,
        list.map((t) => t.rows[y]!),
        unplaced.get(gemeente)![y]!,
      ),
    ),
  }));
  const total = Array.from({ length: spec.years + 1 }, (_, y) =>
    sumRows(
      y,
      tracks.map((t) => t.rows[y]!),
      gemeenten.reduce((s, g) => s + g.years[y]!.unplaced, 0),
    ),
  );
  return {
    spec,
    buurten: tracks.map((t) => {
      const first = t.rows[0]!.concentration ?? 0;
      const last = t.rows[t.rows.length - 1]!.concentration ?? 0;
      const changePoints = (last - first) * 100;
      return {
        code: t.b.code,
        name: t.b.name,
        gemeente: t.b.gemeente,
        policies: t.policies,
        lettingShare: t.share,
        years: t.rows,
        changePoints,
        projectedClass: projectedClass(changePoints),
      };
    }),
    gemeenten,
    total,
  };
}

/** The p-th percentile (0–1) of the buurten's starting concentration, rounded to half a point; 0 without buurten. */
export function concentrationPercentile(buurten: readonly ScenarioBuurt[], p: number): number {
  const xs = buurten.map((b) => b.concentration).sort((a, b) => a - b);
  if (xs.length === 0) return 0;
  const pos = (xs.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
  return Math.round(v * 200) / 200;
}
