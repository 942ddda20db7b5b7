/**
 * Harmonisation: carries every value stored on another division (indeling) onto one reference
 * division, so the engine can read a whole time series with divisionYear = reference.
 *   1. reference   — `to`, else the latest division year with (near-)national buurt geometry
 *   2. crosswalk   — per source division: by code, by area-weighted overlay, unmatched
 *   3. carry       — per indicator: values written to the reference division, flagged
 *                    harmonised (+ overlay + estimated), with a method text
 *   4. log         — per gemeente: buurten by code, by overlay, unmatched (`veerkracht status`)
 * One transaction per run. Original values in the reference division are never overwritten.
 * Re-carrying a division first deletes what it carried before (stale rows), and never replaces
 * what a division nearer to the reference carried. A division without geometry for codes the
 * reference lacks borrows it from the nearest division that has it (borrowed-geometry.ts).
 */
import { findAreaLevel } from '../../core/area-code.js';
import { VALUE_FLAGS } from '../../core/records.js';
import { captureDataEdition } from '../../storage/capture-data-edition.js';
import { findReferenceDivision } from '../../storage/reference-division.js';
import type { GeometryRow, HarmonisationLogRow, Store } from '../../storage/store.js';
import { borrowGeometry, donorOrder } from './borrowed-geometry.js';
import { carryIndicator } from './carry-values.js';
import { buildCrosswalk, gemeenteOfCode, type Crosswalk, type DivisionData } from './division-crosswalk.js';
import { carryRuleOf } from './rate-denominators.js';

export interface HarmoniseOptions {
  /** Reference division year; default: findReferenceDivision. */
  to?: number;
  /** Only these source division years (default: every division that holds values). */
  from?: readonly number[];
  /** The data edition frozen at the end (storage/capture-data-edition.ts): retention and configuration. */
  edition?: { retain?: number; engineConfig?: unknown };
}

export interface HarmoniseSummary {
  reference: number | null;
  /** Why nothing was done, when nothing was. */
  skipped?: string;
  divisions: {
    from: number;
    byCode: number;
    byOverlay: number;
    unmatched: number;
    values: number;
    notes: string[];
  }[];
  /** The data edition this run added (none when the maps' input did not change). */
  dataEdition?: { id: number; label: string };
}

async function loadDivision(store: Store, year: number, withGeometry: boolean): Promise<DivisionData> {
  const codes = (await store.listAreas({ divisionYear: year })).map((a) => a.code);
  const geometries = new Map<string, GeometryRow>();
  if (withGeometry)
    for (const g of await store.getGeometries({ divisionYear: year })) geometries.set(g.code, g);
  return { year, codes, geometries };
}

/**
 * A source division with its own geometry (if any) plus geometry borrowed from `donors` for its
 * codes that have none and that the reference does not have.
 */
async function loadSourceDivision(
  store: Store,
  year: number,
  own: boolean,
  reference: DivisionData,
  donors: readonly number[],
): Promise<DivisionData> {
  const division = await loadDivision(store, year, own);
  if (donors.length === 0) return division;
  const inReference = new Set(reference.codes);
  const lacking = division.codes.filter((c) => !division.geometries.has(c) && !inReference.has(c));
  if (lacking.length === 0) return division;
  const { geometries, donorOf } = await borrowGeometry(store, lacking, donors);
  if (donorOf.size === 0) return division;
  return {
    ...division,
    geometries: new Map([...division.geometries, ...geometries]),
    borrowed: donorOf,
  };
}

/** A report line per donor: how many areas were drawn with its boundaries. */
function borrowedNotes(cw: Crosswalk): string[] {
  const perDonor = new Map<number, number>();
  for (const donor of cw.borrowed.values()) perDonor.set(donor, (perDonor.get(donor) ?? 0) + 1);
  return [...perDonor].map(
    ([donor, n]) =>
      `${n} area${n === 1 ? '' : 's'} without boundaries of indeling ${cw.from} overlaid via the boundaries of indeling ${donor} (same codes)`,
  );
}

function logRows(cw: Crosswalk): HarmonisationLogRow[] {
  const rows = new Map<string, HarmonisationLogRow>();
  const row = (code: string): HarmonisationLogRow => {
    const gm = gemeenteOfCode(code);
    return (
      rows.get(gm) ??
      rows
        .set(gm, {
          fromDivision: cw.from,
          toDivision: cw.to,
          gemeenteCode: gm,
          byCode: 0,
          byOverlay: 0,
          unmatched: 0,
        })
        .get(gm)!
    );
  };
  for (const [code, e] of cw.targets) {
    if (findAreaLevel(code) !== 'buurt') continue;
    if (e.method === 'code') row(code).byCode++;
    else row(code).byOverlay++;
  }
  for (const code of cw.unmatched) if (findAreaLevel(code) === 'buurt') row(code).unmatched++;
  return [...rows.values()].sort((a, b) => a.gemeenteCode.localeCompare(b.gemeenteCode));
}

/** Areas carried by code: one SQL copy for all indicators. */
async function copyByCode(store: Store, cw: Crosswalk, keepFrom: readonly number[]): Promise<number> {
  const codes = [...cw.targets].filter(([, e]) => e.method === 'code').map(([code]) => code);
  if (codes.length === 0) return 0;
  return store.copyValuesByCode({
    fromDivision: cw.from,
    toDivision: cw.to,
    codes,
    method: `code (indeling ${cw.from})`,
    keepFrom,
  });
}

/** Areas carried by overlay: per indicator, only the source and target areas involved. */
async function carryByOverlay(
  store: Store,
  cw: Crosswalk,
  indicators: readonly string[],
  editionIds: Map<string, number>,
  keepFrom: readonly number[],
): Promise<number> {
  const overlay: Crosswalk = {
    ...cw,
    targets: new Map([...cw.targets].filter(([, e]) => e.method === 'overlay')),
  };
  if (overlay.targets.size === 0) return 0;
  const sources = [
    ...new Set(
      [...overlay.targets.values()].flatMap((e) =>
        e.method === 'overlay' ? e.parts.map((p) => p.source) : [],
      ),
    ),
  ];
  const targets = [...overlay.targets.keys()];
  let written = 0;
  for (const indicator of indicators) {
    const values = await store.getValues({ divisionYear: cw.from, indicators: [indicator], codes: sources });
    if (values.length === 0) continue;
    const rule = carryRuleOf(indicator);
    const denominators =
      rule.kind === 'rate'
        ? await store.getValues({ divisionYear: cw.from, indicators: [rule.denominator], codes: sources })
        : undefined;
    const existing = await store.getValues({ divisionYear: cw.to, indicators: [indicator], codes: targets });
    // Originals, and values a division nearer to the reference carried, are never replaced.
    const keep = new Set(
      existing
        .filter(
          (v) =>
            (v.flags & VALUE_FLAGS.harmonised) === 0 ||
            (v.fromDivision != null && keepFrom.includes(v.fromDivision)),
        )
        .map((v) => `${v.areaCode}|${v.year}`),
    );
    const rows = carryIndicator(overlay, indicator, values, denominators, keep);
    if (rows.length)
      written += await store.writeHarmonisedValues(rows, (r) =>
        editionIds.get((r as (typeof rows)[number]).edition)!,
      );
  }
  return written;
}

/**
 * Carries values of every other division onto the reference division (see the module comment).
 * Skips (and says why) when there is no reference division. Then stores the engine's bulk read
 * of the reference division as a snapshot (Store.refreshBulkSnapshot), so that the server and
 * `veerkracht maps` load the engine without reading every value row.
 */
export async function harmoniseStore(
  store: Store,
  options: HarmoniseOptions = {},
): Promise<HarmoniseSummary> {
  const summary = await carryOntoReference(store, options);
  if (summary.reference !== null) {
    await store.refreshBulkSnapshot?.({ divisionYear: summary.reference, level: 'buurt' });
    const edition = await captureDataEdition(store, summary.reference, options.edition);
    if (edition) summary.dataEdition = { id: edition.id, label: edition.label };
  }
  return summary;
}

async function carryOntoReference(store: Store, options: HarmoniseOptions): Promise<HarmoniseSummary> {
  const reference = options.to ?? (await findReferenceDivision(store));
  if (reference === undefined)
    return { reference: null, skipped: 'no division year has buurt geometry', divisions: [] };
  const indicatorsOf = new Map<number, Set<string>>();
  const valueDivisions = new Set<number>();
  for (const c of await store.coverage()) {
    if (c.divisionYear === reference) continue;
    valueDivisions.add(c.divisionYear);
    if (options.from && !options.from.includes(c.divisionYear)) continue;
    (
      indicatorsOf.get(c.divisionYear) ?? indicatorsOf.set(c.divisionYear, new Set()).get(c.divisionYear)!
    ).add(c.indicator);
  }
  // Farthest division first, so the nearest division's values win where two give the same year.
  const distance = (y: number): number => Math.abs(y - reference);
  const nearer = (y: number, than: number): boolean =>
    distance(y) < distance(than) || (distance(y) === distance(than) && y > than);
  const divisions = [...indicatorsOf.keys()].sort((a, b) => distance(b) - distance(a) || a - b);
  const withGeometry = new Set(
    (await store.areaCounts()).filter((a) => a.withGeometry > 0).map((a) => a.divisionYear),
  );
  const editionIds = new Map((await store.listEditions()).map((e) => [e.edition, e.id]));
  const summary: HarmoniseSummary = { reference, divisions: [] };
  if (divisions.length === 0) return summary;
  const needGeometry = withGeometry.has(reference) && [...withGeometry].some((d) => d !== reference);
  const targetCodes = await loadDivision(store, reference, false);
  let targetShapes: DivisionData | undefined; // the reference's geometry, read once when first needed
  await store.transaction(async (tx) => {
    for (const from of divisions) {
      const donors = needGeometry ? donorOrder(from, withGeometry, [from, reference]) : [];
      const own = needGeometry && withGeometry.has(from);
      const source = await loadSourceDivision(tx, from, own, targetCodes, donors);
      const target =
        source.geometries.size > 0 ? (targetShapes ??= await loadDivision(tx, reference, true)) : targetCodes;
      const cw = buildCrosswalk(source, target);
      const keepFrom = [...valueDivisions].filter((y) => y !== from && nearer(y, from));
      await tx.clearHarmonisation({ fromDivision: from, toDivision: reference });
      const values =
        (await copyByCode(tx, cw, keepFrom)) +
        (await carryByOverlay(tx, cw, [...indicatorsOf.get(from)!].sort(), editionIds, keepFrom));
      const log = logRows(cw);
      await tx.logHarmonisation(log);
      summary.divisions.push({
        from,
        byCode: log.reduce((s, r) => s + r.byCode, 0),
        byOverlay: log.reduce((s, r) => s + r.byOverlay, 0),
        unmatched: log.reduce((s, r) => s + r.unmatched, 0),
        values,
        notes: [...cw.notes, ...borrowedNotes(cw)],
      });
    }
  });
  return summary;
}
