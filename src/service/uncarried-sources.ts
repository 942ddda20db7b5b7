/**
 * The loaded sources that cover a gemeente on another division but none of whose buurten
 * harmonisation could carry onto the division shown (the harmonisation log: nothing by code,
 * nothing by overlay, some unmatched), per source family and year. With them a buurt without a
 * value is "buurt niet in de bron", not "bron niet geladen" (src/domain/engine/missing-kinds.ts):
 * e.g. Amsterdam, whose buurten of the 2024 files use the codes of 2022 that the 2019 division
 * does not have.
 */
import { existsIn, findRegisterGemeente, predecessorsOf, successorsOf } from '../core/gemeente-register.js';
import type { SourceEdition } from '../core/records.js';
import type { UncarriedSource } from '../domain/engine/buurt-table.js';
import { indicatorFamily } from '../domain/engine/missing-kinds.js';
import type { HarmonisationLogRow, Store } from '../storage/store.js';

/**
 * The gemeenten (of `gemeente` only, when given) that harmonisation onto `toDivision` carried
 * nothing of, per division carried from: the newest log row of each (from, to, gemeente).
 */
function uncarriedGemeenten(
  log: readonly HarmonisationLogRow[],
  toDivision: number,
  gemeente?: string,
): HarmonisationLogRow[] {
  // the gemeente itself, one it went into later (its buurten are then that one's), or one that
  // went into it after the division carried from
  const asked = gemeente === undefined ? undefined : new Set([gemeente, ...successorsOf(gemeente)]);
  const newest = new Map<string, HarmonisationLogRow>();
  for (const row of log) {
    if (row.toDivision !== toDivision || row.fromDivision === toDivision) continue;
    if (asked && !asked.has(row.gemeenteCode) && !successorsOf(row.gemeenteCode).includes(gemeente!))
      continue;
    newest.set(`${row.fromDivision}|${row.gemeenteCode}`, row);
  }
  return [...newest.values()].filter((r) => r.unmatched > 0 && r.byCode + r.byOverlay === 0);
}

/** Which uncarried sources findUncarriedSources looks for, and from what. */
export interface UncarriedSourcesQuery {
  /** Of this gemeente only. */
  gemeente?: string | undefined;
  /** Of these source editions only (a data edition's: what it held). */
  editions?: readonly SourceEdition[] | undefined;
  /** The store's harmonisation log when the caller has read it already (else it is read). */
  harmonisation?: readonly HarmonisationLogRow[] | undefined;
}

/**
 * Per gemeente that harmonisation onto `toDivision` could carry nothing of, the source families
 * and years its buurten have values of on the division they were not carried from. With
 * `editions` (a data edition's source editions, what it held): only values of those count, so an
 * older edition's maps say "Buurt niet in de bron" for the files it had, not for later ones.
 */
export async function findUncarriedSources(
  store: Store,
  toDivision: number,
  { gemeente, editions, harmonisation }: UncarriedSourcesQuery = {},
): Promise<UncarriedSource[]> {
  const held = editions && new Set(editions.map((e) => e.edition));
  const log = harmonisation ?? (await store.listHarmonisation());
  const out: UncarriedSource[] = [];
  for (const row of uncarriedGemeenten(log, toDivision, gemeente)) {
    const values = await store.getValues({ gemeente: row.gemeenteCode, divisionYear: row.fromDivision });
    // per "family|year": the buurt codes with a cell and the indicators
    const found = new Map<string, { buurten: Set<string>; indicators: Set<string> }>();
    for (const v of values) {
      if (!v.areaCode.startsWith('BU') || (held && !held.has(v.edition))) continue;
      const family = indicatorFamily(v.indicator);
      if (family === 'other') continue;
      const key = `${family}|${v.year}`;
      let hit = found.get(key);
      if (!hit) found.set(key, (hit = { buurten: new Set(), indicators: new Set() }));
      hit.buurten.add(v.areaCode);
      hit.indicators.add(v.indicator);
    }
    // a gemeente formed by a herindeling after the division shown: its predecessors there are
    // covered by the same source (Eemsdelta's 2024 buurten for Appingedam, Delfzijl, Loppersum)
    const predecessors = predecessorsOf(row.gemeenteCode, toDivision);
    for (const [key, hit] of found) {
      const [family, year] = key.split('|');
      const entry: UncarriedSource = {
        gemeente: row.gemeenteCode,
        family: family!,
        year: Number(year),
        indicators: [...hit.indicators].sort(),
        fromDivision: row.fromDivision,
        toDivision,
        buurten: hit.buurten.size,
      };
      out.push(entry);
      for (const p of predecessors) out.push({ ...entry, gemeente: p, mergedInto: row.gemeenteCode });
    }
  }
  out.push(...formedGemeenten(out, toDivision));
  return gemeente === undefined ? out : out.filter((u) => u.gemeente === gemeente);
}

/** The gemeenten of `year` that the area of gemeente `code` (of an earlier year) lies in. */
function gemeentenIn(code: string, year: number): string[] {
  const exists = (c: string): boolean => {
    const g = findRegisterGemeente(c);
    return g !== undefined && existsIn(g, year);
  };
  return exists(code) ? [code] : successorsOf(code).filter(exists);
}

/**
 * Entries for the gemeenten of `toDivision` formed by a herindeling after the division a source
 * was on (Eemsdelta, 2021, on division 2024 for a KWB file on division 2019): when the source has
 * every gemeente of that division it was formed from (Appingedam, Delfzijl and Loppersum), none
 * of them carried over, its buurten are not in the source either. When it has only some
 * (Appingedam's alone), nothing tells which of its buurten they are: none is noted. A gemeente
 * that existed on the source's division too (Groningen, enlarged with Haren in 2019) has its own
 * entry, or its buurten carried over, or the source does not cover it.
 */
function formedGemeenten(own: readonly UncarriedSource[], toDivision: number): UncarriedSource[] {
  const groups = new Map<string, UncarriedSource[]>();
  for (const u of own) {
    if (u.mergedInto) continue;
    const key = `${u.fromDivision}|${u.family}|${u.year}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(u);
  }
  const out: UncarriedSource[] = [];
  for (const group of groups.values()) {
    const { fromDivision, family, year } = group[0]!;
    const held = new Map(group.map((u) => [u.gemeente, u]));
    const formed = new Set(group.flatMap((u) => gemeentenIn(u.gemeente, toDivision)));
    for (const g of formed) {
      if (gemeentenIn(g, fromDivision).includes(g)) continue;
      const parts = predecessorsOf(g, fromDivision).filter((p) => gemeentenIn(p, toDivision).includes(g));
      if (parts.length === 0 || !parts.every((p) => held.has(p))) continue;
      const entries = parts.map((p) => held.get(p)!);
      out.push({
        gemeente: g,
        family,
        year,
        indicators: [...new Set(entries.flatMap((u) => u.indicators))].sort(),
        fromDivision,
        toDivision,
        buurten: entries.reduce((n, u) => n + u.buurten, 0),
        mergedFrom: parts,
      });
    }
  }
  return out;
}
