/**
 * Matching areas by name, for KWB exports that carry names but no codes (StatLine exports
 * such as the Heerlen files). The first data row names the gemeente; every other row is
 * matched by name within that gemeente against the names the store knows (from any source
 * imported earlier with codes and names: KWB with codes, Leefbaarometer CSV, ...).
 *
 * Wijk rows "Wijk 10 Maria Gewanden en Terschuren": the full name, then the name without
 * "Wijk NN", then the number (WKgggg10, if that wijk exists). Other rows: the normalised name;
 * when two buurten share a name, the one in the wijk of the preceding wijk row.
 * Rows that do not match are reported as counted AREA_UNMATCHED warnings and skipped.
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import { normaliseAreaName } from '../../../core/area-name.js';
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

  constructor(
    readonly gemeente: string,
    names: readonly KnownAreaName[],
  ) {
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

/**
 * Matches named rows to codes. The first row must name a gemeente the store knows (else
 * AREA_UNMATCHED, saying which source to import first). Returns the match per row index and
 * AREA_UNMATCHED warnings for rows that did not match (they are skipped).
 */
export async function matchRowsByName(
  rows: readonly RowName[],
  ctx: ParseContext,
  file: string,
): Promise<{ matches: Map<number, NameMatch>; warnings: ImportWarning[] }> {
  const first = rows[0];
  if (!first) return { matches: new Map(), warnings: [] };
  const gemeente = await findGemeente(first, ctx, file);
  const index = new AreaNameIndex(gemeente, await ctx.listAreaNames(gemeente));
  if (index.subareaCount === 0) throw noNamesKnown(first, file, gemeente);
  const matches = new Map<number, NameMatch>([[first.index, { code: gemeente, level: 'gemeente' }]]);
  const warnings: ImportWarning[] = [];
  let wijk: string | undefined;
  for (const row of rows.slice(1)) {
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

const IMPORT_FIRST =
  'import first a source that carries codes and names of the gemeente and its areas: the KWB 2024 subset (kwb2024_subset_nl_gwb__woonikveilig.csv.gz) or another KWB file with codes (OData JSON, XLSX, CSV); a Leefbaarometer 3.0 buurt CSV adds buurt names but not the gemeente name';

async function findGemeente(first: RowName, ctx: ParseContext, file: string): Promise<string> {
  const gms = await ctx.findGemeenteByName(first.name.trim());
  if (gms.length === 1) return gms[0]!;
  const location = {
    file,
    line: first.line,
    row: first.index + 1,
    column: 'name',
    expected: 'the name of a gemeente the store knows',
    found: first.name,
  };
  if (gms.length > 1) {
    throw new AppError(
      'AREA_UNMATCHED',
      `the gemeente name '${first.name}' is ambiguous (${gms.join(', ')})`,
      { location },
    );
  }
  throw new AppError(
    'AREA_UNMATCHED',
    `this file identifies areas by name only and no gemeente named '${first.name.trim()}' is known: ${IMPORT_FIRST}`,
    {
      location,
    },
  );
}

function noNamesKnown(first: RowName, file: string, gemeente: string): AppError {
  return new AppError(
    'AREA_UNMATCHED',
    `no wijk or buurt names are known for ${gemeente} (${first.name.trim()}): ${IMPORT_FIRST}`,
    {
      location: { file, line: first.line, row: first.index + 1 },
    },
  );
}
