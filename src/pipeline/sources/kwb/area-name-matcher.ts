/**
 * Matching areas by name, for KWB exports that carry names but no codes (StatLine exports
 * such as the Heerlen files). Codes always come first: this is only used when no column of the
 * file holds CBS codes. The first data row names the gemeente (a land row "Nederland" before it
 * is left out), found among the names the store knows or in the CBS gemeente register of the
 * file's year; every other row is matched by name within that gemeente against the names the
 * store knows (from any source imported earlier with codes and names: KWB with codes,
 * Leefbaarometer CSV, PDOK boundaries, ...) — or, when the store knows the gemeente's codes but
 * no names (boundaries only), by CBS code order (matchByOrder).
 *
 * Wijk rows "Wijk 10 Maria Gewanden en Terschuren": the full name, then the name without
 * "Wijk NN", then the number (WKgggg10, if that wijk exists). Other rows: the normalised name;
 * when two buurten share a name, the one in the wijk of the preceding wijk row.
 * Rows that do not match are reported as counted AREA_UNMATCHED warnings and skipped.
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import { normaliseAreaName } from '../../../core/area-name.js';
import { findGemeentenByName, findRegisterGemeente, mergersOf } from '../../../core/gemeente-register.js';
import type { ImportWarning } from '../../../core/records.js';
import type { ParseContext } from '../../source-parser.js';

export interface KnownAreaName {
  code: string;
  name: string;
  level: string;
}

export interface NameMatch {
  code: string;
  level: 'gemeente' | 'wijk' | 'buurt';
}

export { normaliseAreaName };

const WIJK_ROW = /^wijk\s+(\d{2})\b\s*(.*)$/i;

/** The names of one gemeente's areas, indexed for matching. */
export class AreaNameIndex {
  private readonly byName = new Map<string, KnownAreaName[]>();
  private readonly wijkByBareName = new Map<string, KnownAreaName[]>();
  readonly codes = new Set<string>();
  /** Number of wijk and buurt codes that have a name here. */
  readonly namedSubareas: number;

  constructor(
    readonly gemeente: string,
    names: readonly KnownAreaName[],
  ) {
    this.namedSubareas = names.filter((n) => n.level !== 'gemeente' && n.name.trim() !== '').length;
    for (const n of names) {
      this.codes.add(n.code);
      // a wijk exists when one of its buurten is known (sources such as Leefbaarometer name buurten only)
      if (n.code.startsWith('BU')) this.codes.add(`WK${n.code.slice(2, 8)}`);
      push(this.byName, normaliseAreaName(n.name), n);
      const wijk = WIJK_ROW.exec(n.name.trim());
      if (n.level === 'wijk') push(this.wijkByBareName, normaliseAreaName(wijk ? wijk[2]! : n.name), n);
    }
  }

  /** Number of known wijk and buurt codes. */
  get subareaCount(): number {
    return [...this.codes].filter((c) => !c.startsWith('GM')).length;
  }

  /** The code for one row name; `inWijk` is the wijk of the preceding wijk row (for buurten). */
  match(rawName: string, inWijk: string | undefined): { match?: NameMatch; note?: string } {
    const name = rawName.trim();
    const wijk = WIJK_ROW.exec(name);
    if (wijk) return this.matchWijk(name, wijk[1]!, wijk[2]!);
    const named = uniqueCodes(this.byName.get(normaliseAreaName(name)) ?? []).filter(
      (n) => n.level !== 'gemeente',
    );
    // a row without "Wijk NN" is a buurt when a buurt has that name (a wijk may be named like its buurt)
    const buurten = named.filter((n) => n.level === 'buurt');
    const found = buurten.length > 0 ? buurten : named;
    if (found.length === 1) return { match: toMatch(found[0]!.code) };
    if (found.length > 1 && inWijk) {
      const inside = found.filter((n) => n.code.slice(2, 8) === inWijk.slice(2, 8));
      if (inside.length === 1) return { match: toMatch(inside[0]!.code) };
    }
    if (found.length > 1) return { note: `'${name}' is the name of ${found.map((n) => n.code).join(', ')}` };
    return {};
  }

  private matchWijk(name: string, number: string, bare: string): { match?: NameMatch; note?: string } {
    const exact = uniqueCodes(this.byName.get(normaliseAreaName(name)) ?? []).filter(
      (n) => n.level === 'wijk',
    );
    if (exact.length === 1) return { match: toMatch(exact[0]!.code) };
    const byBare = uniqueCodes(this.wijkByBareName.get(normaliseAreaName(bare)) ?? []);
    const numbered = `WK${this.gemeente.slice(2)}${number}`;
    if (byBare.length === 1) {
      const code = byBare[0]!.code;
      const note =
        code !== numbered
          ? `'${name}': matched by name to ${code} ('${byBare[0]!.name}'), not to ${numbered} as its number says`
          : undefined;
      return { match: toMatch(code), ...(note ? { note } : {}) };
    }
    if (this.codes.has(numbered)) return { match: toMatch(numbered) };
    return {};
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function uniqueCodes(list: readonly KnownAreaName[]): KnownAreaName[] {
  const seen = new Set<string>();
  return list.filter((n) => (seen.has(n.code) ? false : (seen.add(n.code), true)));
}

function toMatch(code: string): NameMatch {
  return { code, level: findAreaLevel(code) ?? 'buurt' };
}

/** True for the footer rows StatLine exports end with ("Bron: CBS"). */
export function isFooterName(name: string): boolean {
  return /^\s*bron\s*:/i.test(name);
}

export interface RowName {
  /** Index of the data row (0-based). */
  index: number;
  name: string;
  line: number;
}

/** A row naming the country ("Nederland"): StatLine exports may start with it; it is no area Veerkracht stores. */
export function isLandName(name: string): boolean {
  return /^(nederland|the netherlands|netherlands|nl)$/i.test(name.trim());
}

/**
 * Matches named rows to codes. The first row must name a gemeente — one the store knows, or one
 * of the CBS register of that division year (src/core/gemeente-register.ts) — else
 * AREA_UNMATCHED. The other rows are matched by name against the names the store knows; when it
 * knows no wijk or buurt name of the gemeente, by their position in CBS code order against the
 * codes it knows (matchByOrder). Returns the match per row index and warnings for rows that did
 * not match (they are skipped).
 */
export async function matchRowsByName(
  rows: readonly RowName[],
  ctx: ParseContext,
  file: string,
  year?: number,
): Promise<{ matches: Map<number, NameMatch>; warnings: ImportWarning[] }> {
  const named = rows.filter((r) => !isLandName(r.name));
  const first = named[0];
  if (!first) return { matches: new Map(), warnings: [] };
  const gemeente = await findGemeente(first, ctx, file, year);
  const index = new AreaNameIndex(gemeente, await ctx.listAreaNames(gemeente));
  const matches = new Map<number, NameMatch>([[first.index, { code: gemeente, level: 'gemeente' }]]);
  const rest = named.slice(1);
  if (index.subareaCount === 0 || !hasNamedSubareas(index)) {
    const byOrder = await matchByOrder(rest, ctx, file, gemeente, year, first);
    for (const [i, m] of byOrder.matches) matches.set(i, m);
    return { matches, warnings: byOrder.warnings };
  }
  const warnings: ImportWarning[] = [];
  let wijk: string | undefined;
  for (const row of rest) {
    const { match, note } = index.match(row.name, wijk);
    if (note)
      warnings.push({
        code: match ? 'AREA_NAME_CONFLICT' : 'AREA_UNMATCHED',
        message: note,
        file,
        row: row.index + 1,
      });
    if (!match) {
      if (!note)
        warnings.push({
          code: 'AREA_UNMATCHED',
          message: `'${row.name}' (line ${row.line}) matches no known area of ${gemeente}; row skipped`,
          file,
          row: row.index + 1,
        });
      continue;
    }
    if (match.level === 'wijk') wijk = match.code;
    matches.set(row.index, match);
  }
  return { matches, warnings };
}

function hasNamedSubareas(index: AreaNameIndex): boolean {
  return index.namedSubareas > 0;
}

const IMPORT_FIRST =
  'import first a source that carries the codes (and best also the names) of its wijken and buurten: boundaries (PDOK/CBS GeoPackage, GeoJSON, TopoJSON), the KWB 2024 subset (kwb2024_subset_nl_gwb__woonikveilig.csv.gz) or another KWB file with codes, a Leefbaarometer 3.0 buurt CSV';

function describeGemeente(code: string): string {
  const g = findRegisterGemeente(code);
  return g ? `${g.name} (${code})` : code;
}

async function findGemeente(first: RowName, ctx: ParseContext, file: string, year?: number): Promise<string> {
  const name = first.name.trim();
  const location = {
    file,
    line: first.line,
    row: first.index + 1,
    column: 'name',
    expected: 'the name of a gemeente (the first row of a name-only export)',
    found: first.name,
  };
  const inStore = await ctx.findGemeenteByName(name);
  const inRegister = findGemeentenByName(name, year);
  // the store's names first (they are of the file's own sources); the register of the year decides between several
  const both = inStore.filter((c) => inRegister.includes(c));
  const candidates =
    inStore.length === 1 ? inStore : both.length > 0 ? both : inStore.length > 0 ? inStore : inRegister;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new AppError(
      'AREA_UNMATCHED',
      `the gemeente name '${name}' is ambiguous: ${candidates.map(describeGemeente).join(', ')}; write it as CBS does (e.g. 'Bergen (NH.)')`,
      { location },
    );
  }
  const elsewhere = findGemeentenByName(name);
  const ended = elsewhere.flatMap((c) => mergersOf(c).map((m) => ({ c, m })));
  if (ended.length > 0 && year !== undefined) {
    const { c, m } = ended[0]!;
    throw new AppError(
      'AREA_UNMATCHED',
      `${describeGemeente(c)} was not a gemeente in ${year}: on 1 January ${m.year} it went into ${describeGemeente(m.into)}; check the year of this file (--year)`,
      { location },
    );
  }
  throw new AppError(
    'AREA_UNMATCHED',
    `this file identifies areas by name only, and '${name}' is no CBS gemeente${year !== undefined ? ` of ${year}` : ''} nor a gemeente the store knows`,
    { location },
  );
}

/** A row classified for matching by order: a wijk row ("Wijk 10 …", its number) or a buurt row. */
interface OrderedRow extends RowName {
  wijkNumber?: string;
}

/**
 * StatLine lists the areas of a gemeente in CBS code order: each wijk, then its buurten. When the
 * store knows the codes of the gemeente's wijken and buurten but none of their names (a store
 * with boundaries only), the rows are matched to the codes by that order — but only when the
 * structure agrees exactly (as many wijken, and under each as many buurten, as a division the
 * store knows; the file's own year first, then the nearest). Every match is reported in one
 * AREA_MATCHED_BY_ORDER warning, and a wijk whose "Wijk NN" disagrees with its code in an
 * AREA_NAME_CONFLICT warning.
 */
async function matchByOrder(
  rows: readonly RowName[],
  ctx: ParseContext,
  file: string,
  gemeente: string,
  year: number | undefined,
  first: RowName,
): Promise<{ matches: Map<number, NameMatch>; warnings: ImportWarning[] }> {
  const known = ctx.listAreaCodes ? await ctx.listAreaCodes(gemeente) : [];
  const ordered: OrderedRow[] = rows.map((r) => {
    const w = WIJK_ROW.exec(r.name.trim());
    return w ? { ...r, wijkNumber: w[1]! } : r;
  });
  const fileShape = shapeOf(ordered);
  const divisions = [...new Set(known.map((k) => k.divisionYear))].sort(
    (a, b) => Math.abs(a - (year ?? a)) - Math.abs(b - (year ?? b)) || b - a,
  );
  const tried: string[] = [];
  for (const division of divisions) {
    const tree = codeTree(known.filter((k) => k.divisionYear === division));
    if (tree.length === 0) continue;
    if (!sameShape(fileShape, tree)) {
      tried.push(
        `indeling ${division}: ${tree.length} wijken, ${tree.reduce((n, w) => n + w.buurten.length, 0)} buurten`,
      );
      continue;
    }
    return assignByOrder(ordered, tree, file, gemeente, division);
  }
  const fileCounts = `${fileShape.length} wijken, ${fileShape.reduce((n, w) => n + w, 0)} buurten`;
  throw new AppError(
    'AREA_UNMATCHED',
    divisions.length === 0
      ? `no wijk or buurt of ${describeGemeente(gemeente)} is known to match these names against: ${IMPORT_FIRST}`
      : `no wijk or buurt names of ${describeGemeente(gemeente)} are known, and the rows (${fileCounts}) do not follow the codes of any division the store knows (${tried.join('; ')}): ${IMPORT_FIRST}`,
    {
      location: {
        file,
        line: first.line,
        row: first.index + 1,
        expected: 'names or codes of the wijken and buurten',
      },
    },
  );
}

/** Buurt rows per wijk row, in file order; buurt rows before the first wijk row make the shape invalid (-1). */
function shapeOf(rows: readonly OrderedRow[]): number[] {
  const shape: number[] = [];
  for (const r of rows) {
    if (r.wijkNumber !== undefined) shape.push(0);
    else if (shape.length === 0) return [-1];
    else shape[shape.length - 1]!++;
  }
  return shape;
}

interface WijkCodes {
  wijk: string;
  buurten: string[];
}

/** The wijken of one division in code order, each with its buurten in code order. */
function codeTree(codes: readonly { code: string; level: string }[]): WijkCodes[] {
  const wijken = new Map<string, string[]>();
  for (const { code, level } of codes) {
    if (level === 'wijk' && !wijken.has(code)) wijken.set(code, []);
    if (level === 'buurt') {
      const wk = `WK${code.slice(2, 8)}`;
      if (!wijken.has(wk)) wijken.set(wk, []);
      wijken.get(wk)!.push(code);
    }
  }
  return [...wijken.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([wijk, buurten]) => ({ wijk, buurten: [...new Set(buurten)].sort() }));
}

function sameShape(shape: readonly number[], tree: readonly WijkCodes[]): boolean {
  return shape.length === tree.length && shape.every((n, i) => n === tree[i]!.buurten.length);
}

function assignByOrder(
  rows: readonly OrderedRow[],
  tree: readonly WijkCodes[],
  file: string,
  gemeente: string,
  division: number,
): { matches: Map<number, NameMatch>; warnings: ImportWarning[] } {
  const matches = new Map<number, NameMatch>();
  const warnings: ImportWarning[] = [];
  let w = -1;
  let b = 0;
  for (const r of rows) {
    if (r.wijkNumber !== undefined) {
      const { wijk } = tree[++w]!;
      b = 0;
      matches.set(r.index, { code: wijk, level: 'wijk' });
      if (wijk.slice(6, 8) !== r.wijkNumber) {
        warnings.push({
          code: 'AREA_NAME_CONFLICT',
          message: `'${r.name}' (line ${r.line}) stands where CBS code order puts ${wijk}, not WK${gemeente.slice(2)}${r.wijkNumber} as its number says; the order wins`,
          file,
          row: r.index + 1,
        });
      }
    } else matches.set(r.index, { code: tree[w]!.buurten[b++]!, level: 'buurt' });
  }
  warnings.push({
    code: 'AREA_MATCHED_BY_ORDER',
    message: `the store knows no wijk or buurt names of ${describeGemeente(gemeente)}: its ${rows.length} wijk and buurt rows were matched by their place in CBS code order to the codes of indeling ${division} (same number of wijken, and of buurten in each wijk)`,
    file,
  });
  return { matches, warnings };
}
