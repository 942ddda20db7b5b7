/**
 * The engine's in-memory data: one row per buurt of the reference division, and per
 * (indicator, year) a column of values (Float64Array, NaN = missing) with flags (Uint8Array,
 * the VALUE_FLAGS bits plus the engine's own). Columnar so that the whole country × every
 * year fits in a few MB and each step is a tight loop.
 */
import { VALUE_FLAGS } from '../../core/records.js';

/** Flag bits the engine adds on top of VALUE_FLAGS (which use 1–8). */
export const ENGINE_FLAGS = {
  /** The buurt has fewer inhabitants than the indicator's minimum for a reliable value. */
  tooFewResidents: 16,
  /** Computed by the engine from other indicators (a rate, a sum). */
  derived: 32,
} as const;

const FLAG_NAMES: readonly [number, string][] = [
  [VALUE_FLAGS.suppressed, 'suppressed'],
  [VALUE_FLAGS.harmonised, 'harmonised'],
  [VALUE_FLAGS.estimated, 'estimated'],
  [VALUE_FLAGS.overlay, 'overlay'],
  [ENGINE_FLAGS.tooFewResidents, 'too-few-residents'],
  [ENGINE_FLAGS.derived, 'derived'],
];

/** Flag bits → names, e.g. 3 → ['suppressed', 'harmonised']. */
export function flagNames(flags: number): string[] {
  const out: string[] = [];
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) out.push(name);
  return out;
}

export interface BuurtInfo {
  code: string;
  name: string;
  gemeente: string;
}

export interface Column {
  values: Float64Array;
  flags: Uint8Array;
  /**
   * Per row, the sources of the column (`BuurtTable.sources(indicator, year)`) its value came
   * from, as a bit mask: bit j = source j (bit 31 = source 31 or later). 0 = none recorded.
   */
  mask: Uint32Array;
}

/** The mask bit of source index j (sources 31 and later share bit 31). */
export function sourceBit(j: number): number {
  return (j < 31 ? 1 << j : 1 << 31) >>> 0;
}

/**
 * A list of sources built from other columns' lists: `remap(list)` gives, per index of `list`,
 * its index here; `remapMask` then translates a row's mask. Derived columns use it to cite
 * exactly the sources of the inputs each row used.
 */
export class SourceList {
  readonly list: ColumnSource[] = [];
  private readonly index = new Map<string, number>();

  add(s: ColumnSource): number {
    const key = `${s.indicator}|${s.edition}|${s.column}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      this.index.set(key, i);
    }
    return i;
  }

  remap(from: readonly ColumnSource[]): Int32Array {
    return Int32Array.from(from, (s) => this.add(s));
  }
}

/** A row mask over one source list translated to another (`remap` from SourceList.remap). */
export function remapMask(mask: number, remap: Int32Array): number {
  if (mask === 0) return 0;
  let out = 0;
  for (let j = 0; j < 31 && j < remap.length; j++) if (mask & (1 << j)) out |= sourceBit(remap[j]!);
  if (mask & (1 << 31)) for (let j = 31; j < remap.length; j++) out |= sourceBit(remap[j]!);
  return out >>> 0;
}

/** Where the values of one column came from (distinct per column). */
export interface ColumnSource {
  indicator: string;
  edition: string;
  table: string | null;
  column: string;
}

/** One stored value, as the store returns it (structurally the storage ValueRow). */
export interface EngineValueInput {
  areaCode: string;
  indicator: string;
  year: number;
  value: number | null;
  flags: number;
  edition: string;
  table: string | null;
  sourceColumn: string;
}

/**
 * Values in bulk, columnar and dictionary-encoded (structurally the storage BulkValues):
 * value i is area `areaCodes[area[i]]`, series `series[seriesOf[i]]`, `value[i]` (NaN = missing).
 */
export interface EngineBulkInput {
  count: number;
  areaCodes: readonly string[];
  series: readonly {
    indicator: string;
    year: number;
    sources: readonly { edition: string; table: string | null; sourceColumn: string }[];
  }[];
  area: Uint32Array;
  seriesOf: Uint32Array;
  value: Float64Array;
  flags: Uint16Array;
  /** Per value, the index of its source in its series' `sources`; absent = all of them. */
  source?: Uint8Array;
}

/**
 * A loaded source that has values of `family` in `year` (of the stored `indicators`) for
 * `buurten` buurten of `gemeente` on its own division (`fromDivision`), none of which
 * harmonisation could carry onto the table's division (`toDivision`): not by code (the codes do
 * not occur there) and not by overlay.
 */
export interface UncarriedSource {
  gemeente: string;
  family: string;
  year: number;
  indicators: readonly string[];
  fromDivision: number;
  toDivision: number;
  buurten: number;
  /**
   * Set on the entry of a gemeente of `toDivision` that a herindeling merged into `gemeente`-of-
   * the-source before `fromDivision`: the code whose buurten the source holds (e.g. GM1979
   * Eemsdelta for GM0003 Appingedam); `gemeente` is then the gemeente of the table.
   */
  mergedInto?: string;
  /**
   * Set on the entry of a gemeente of `toDivision` formed or enlarged by a herindeling after
   * `fromDivision`: the gemeenten of `fromDivision` it covers, all of whose buurten the source
   * holds (e.g. GM0003, GM0010, GM0024 for GM1979 Eemsdelta on division 2024).
   */
  mergedFrom?: readonly string[];
}

export class BuurtTable {
  readonly buurten: readonly BuurtInfo[];
  readonly size: number;
  private readonly rowOf = new Map<string, number>();
  private readonly columns = new Map<string, Map<number, Column>>();
  private readonly sourceMap = new Map<string, Map<number, ColumnSource[]>>();
  private readonly yearCache = new Map<string, number[]>();
  private gemeenteRows: Map<string, number[]> | undefined;
  private uncarried: readonly UncarriedSource[] = [];
  private editionDivisions: ReadonlyMap<string, number> = new Map();

  constructor(buurten: readonly BuurtInfo[]) {
    this.buurten = buurten;
    this.size = buurten.length;
    buurten.forEach((b, i) => this.rowOf.set(b.code, i));
  }

  /** A table from buurten and stored values; values of areas that are not buurten of the table are ignored. */
  static fromValues(buurten: readonly BuurtInfo[], values: Iterable<EngineValueInput>): BuurtTable {
    const t = new BuurtTable(buurten);
    for (const v of values) {
      const row = t.rowOf.get(v.areaCode);
      if (row === undefined) continue;
      const col = t.ensure(v.indicator, v.year);
      col.values[row] = v.value === null ? NaN : v.value;
      col.flags[row] = v.flags & 0xff;
      const j = t.addSource(v.indicator, v.year, {
        indicator: v.indicator,
        edition: v.edition,
        table: v.table,
        column: v.sourceColumn,
      });
      col.mask[row] = sourceBit(j);
    }
    return t;
  }

  /** The same table as `fromValues`, from a bulk read: one tight loop over typed arrays. */
  static fromBulk(buurten: readonly BuurtInfo[], bulk: EngineBulkInput): BuurtTable {
    const t = new BuurtTable(buurten);
    const rowOfArea = Int32Array.from(bulk.areaCodes, (code) => t.rowOf.get(code) ?? -1);
    const seriesMasks: Uint32Array[] = [];
    const columns = bulk.series.map((s) => {
      const col = t.ensure(s.indicator, s.year);
      // per source of the series, its mask bit in the table's list for (indicator, year)
      const bits = Uint32Array.from(s.sources, (src) =>
        sourceBit(
          t.addSource(s.indicator, s.year, {
            indicator: s.indicator,
            edition: src.edition,
            table: src.table,
            column: src.sourceColumn,
          }),
        ),
      );
      seriesMasks.push(bits);
      return col;
    });
    const all = seriesMasks.map((bits) => bits.reduce((m, b) => (m | b) >>> 0, 0));
    for (let i = 0; i < bulk.count; i++) {
      const row = rowOfArea[bulk.area[i]!]!;
      if (row < 0) continue;
      const s = bulk.seriesOf[i]!;
      const col = columns[s]!;
      col.values[row] = bulk.value[i]!;
      col.flags[row] = bulk.flags[i]! & 0xff;
      col.mask[row] = bulk.source ? (seriesMasks[s]![bulk.source[i]!] ?? all[s]!) : all[s]!;
    }
    return t;
  }

  row(code: string): number | undefined {
    return this.rowOf.get(code);
  }

  /** Row numbers of the buurten of each gemeente. */
  byGemeente(): Map<string, number[]> {
    if (!this.gemeenteRows) {
      const m = new Map<string, number[]>();
      this.buurten.forEach((b, i) => {
        const list = m.get(b.gemeente);
        if (list) list.push(i);
        else m.set(b.gemeente, [i]);
      });
      this.gemeenteRows = m;
    }
    return this.gemeenteRows;
  }

  get(indicator: string, year: number): Column | undefined {
    return this.columns.get(indicator)?.get(year);
  }

  /** The column for (indicator, year), created empty (all NaN) when absent. */
  ensure(indicator: string, year: number): Column {
    let byYear = this.columns.get(indicator);
    if (!byYear) {
      byYear = new Map();
      this.columns.set(indicator, byYear);
    }
    let col = byYear.get(year);
    if (!col) {
      col = {
        values: new Float64Array(this.size).fill(NaN),
        flags: new Uint8Array(this.size),
        mask: new Uint32Array(this.size),
      };
      byYear.set(year, col);
      this.yearCache.delete(indicator);
    }
    return col;
  }

  /**
   * Notes the loaded sources that cover gemeenten on another division but none of whose buurten
   * harmonisation could carry onto this one (missing-kinds.ts tells them from sources not loaded).
   */
  setUncarriedSources(sources: readonly UncarriedSource[]): void {
    this.uncarried = sources;
  }

  /** The sources noted by `setUncarriedSources` (none by default). */
  uncarriedSources(): readonly UncarriedSource[] {
    return this.uncarried;
  }

  /**
   * Notes the division (indelingsjaar) of each source edition's area codes, where known: a file on
   * a division of a year a gemeente still existed in covers that gemeente only with its own buurten
   * (missing-kinds.ts), not through the gemeente it went into later.
   */
  setEditionDivisions(divisions: ReadonlyMap<string, number>): void {
    this.editionDivisions = divisions;
  }

  /** The division of `edition`'s area codes (undefined: not known). */
  editionDivision(edition: string): number | undefined {
    return this.editionDivisions.get(edition);
  }

  /** Sets a (derived) column; `sources` replaces the column's source list (the masks index it). */
  set(indicator: string, year: number, column: Column, sources: readonly ColumnSource[]): void {
    this.ensure(indicator, year);
    this.columns.get(indicator)!.set(year, column);
    this.sourceMap.get(indicator)?.delete(year);
    for (const s of sources) this.addSource(indicator, year, s);
    this.yearCache.delete(indicator);
  }

  /** Years in which at least one buurt has a value for the indicator, ascending. */
  years(indicator: string): number[] {
    let ys = this.yearCache.get(indicator);
    if (!ys) {
      ys = [];
      for (const [year, col] of this.columns.get(indicator) ?? []) {
        if (col.values.some((v) => !Number.isNaN(v))) ys.push(year);
      }
      ys.sort((a, b) => a - b);
      this.yearCache.set(indicator, ys);
    }
    return ys;
  }

  indicators(): string[] {
    return [...this.columns.keys()].sort();
  }

  /** Every source of the column (indicator, year), over all buurten. */
  sources(indicator: string, year: number): ColumnSource[] {
    return this.sourceMap.get(indicator)?.get(year) ?? [];
  }

  /**
   * The sources of the values (present, not missing) of (indicator, year) at `rows`: only the
   * editions that supplied those buurten, in the column's order. With `suppressed`, also of the
   * cells a source published as secret (a null value with the suppressed flag): the files that
   * cover those buurten (missing-kinds.ts).
   */
  sourcesAt(
    indicator: string,
    year: number,
    rows: Iterable<number>,
    { suppressed = false }: { suppressed?: boolean } = {},
  ): ColumnSource[] {
    const col = this.get(indicator, year);
    if (!col) return [];
    const counted = suppressed ? VALUE_FLAGS.suppressed : 0;
    let mask = 0;
    for (const i of rows)
      if (!Number.isNaN(col.values[i]!) || (col.flags[i]! & counted) !== 0) mask |= col.mask[i]!;
    mask >>>= 0;
    if (mask === 0) return [];
    return this.sources(indicator, year).filter((_, j) => (mask & sourceBit(j)) !== 0);
  }

  /** Adds a source to the list of (indicator, year) once; returns its index there. */
  private addSource(indicator: string, year: number, s: ColumnSource): number {
    let byYear = this.sourceMap.get(indicator);
    if (!byYear) {
      byYear = new Map();
      this.sourceMap.set(indicator, byYear);
    }
    let list = byYear.get(year);
    if (!list) {
      list = [];
      byYear.set(year, list);
    }
    const found = list.findIndex(
      (x) => x.indicator === s.indicator && x.edition === s.edition && x.column === s.column,
    );
    if (found >= 0) return found;
    return list.push(s) - 1;
  }
}
