/**
 * What an engine state holds once loaded (the live store, or a data edition as it was frozen),
 * and the view of it the read services use.
 */
import type { BuurtInfo, UncarriedSource } from '../domain/engine/buurt-table.js';
import type { EngineConfig, EngineConfigInput } from '../domain/engine/engine-config.js';
import { createEngineFromBulk, type VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import type { PolygonGeometry } from '../core/records.js';
import type { BulkValues, EditionRow, HarmonisationLogRow, ValueRow } from '../storage/store.js';

export interface LoadedState {
  divisionYear: number;
  engine: VeerkrachtEngine;
  gemeenteNames: Map<string, string>;
  /** Years with values per gemeente. */
  gemeenteYears: Map<string, number[]>;
  editions: EditionRow[];
  demo: boolean;
  version: string;
  /** The data edition this state shows; null when the store recorded none (an older store). */
  dataEdition: DataEditionInfo | null;
  /**
   * An older edition's stored values of one buurt, as it froze them (no harmonisation method:
   * editions do not keep it); absent for the live state, whose values the store has.
   */
  storedValues?: (code: string) => ValueRow[];
  /**
   * The store's harmonisation log as it was when the state was loaded (the data version changes
   * with it); absent for an older edition's view, whose maps read the store's log.
   */
  harmonisation?: readonly HarmonisationLogRow[];
}

/** Which data edition an answer comes from, and whether it is the newest. */
export interface DataEditionInfo {
  id: number;
  label: string;
  createdAt: string;
  /** True for the newest edition (what the app shows without `edition=`). */
  current: boolean;
}

/** What the read services use of an engine state: the live one or a view of an older edition. */
export interface EngineStateView {
  get(): Promise<LoadedState>;
  version(): Promise<string>;
  geometries(gemeente: string, divisionYear: number): Promise<Map<string, PolygonGeometry | null>>;
  readonly engineConfig: EngineConfigInput | EngineConfig;
  /**
   * The state of data edition `id` (undefined, or the newest edition's id: the live state).
   * EDITION_NOT_FOUND for an id that never existed, EDITION_GONE when retention dropped it.
   */
  at(id: number | undefined): Promise<EngineStateView>;
}

/** A loaded state from the buurten and values of one division (live, or as an edition froze them). */
export function buildState(input: {
  divisionYear: number;
  buurten: BuurtInfo[];
  gemeenteNames: Map<string, string>;
  values: BulkValues;
  editions: EditionRow[];
  engineConfig: EngineConfigInput | EngineConfig;
  version: string;
  dataEdition: DataEditionInfo | null;
  /** Loaded sources whose buurten of a gemeente could not be carried onto the division (none: unknown). */
  uncarried?: readonly UncarriedSource[];
  harmonisation?: readonly HarmonisationLogRow[];
}): LoadedState {
  const { editions } = input;
  const engine = createEngineFromBulk(input.buurten, input.values, input.engineConfig);
  engine.table.setUncarriedSources(input.uncarried ?? []);
  engine.table.setEditionDivisions(editionDivisions(editions));
  return {
    divisionYear: input.divisionYear,
    engine,
    gemeenteNames: input.gemeenteNames,
    gemeenteYears: yearsPerGemeente(input.buurten, input.values),
    editions,
    demo:
      editions.length > 0 &&
      editions.every((e) => e.source === ('demo' as string) || /demo/i.test(e.edition)),
    version: input.version,
    dataEdition: input.dataEdition,
    ...(input.harmonisation ? { harmonisation: input.harmonisation } : {}),
  };
}

/** Years with at least one buurt value, per gemeente, ascending (one pass over the bulk values). */
function yearsPerGemeente(buurten: readonly BuurtInfo[], bulk: BulkValues): Map<string, number[]> {
  if (bulk.count === 0) return new Map();
  const years = bulk.series.map((s) => s.year);
  const first = Math.min(...years);
  const span = Math.max(...years) - first + 1;
  const present = new Uint8Array(bulk.areaCodes.length * Math.max(span, 0));
  for (let i = 0; i < bulk.count; i++) {
    if (!Number.isNaN(bulk.value[i]!)) present[bulk.area[i]! * span + years[bulk.seriesOf[i]!]! - first] = 1;
  }
  const gemeenteOf = new Map(buurten.map((b) => [b.code, b.gemeente]));
  const seen = new Map<string, Set<number>>();
  bulk.areaCodes.forEach((code, area) => {
    const gm = gemeenteOf.get(code);
    if (gm === undefined) return;
    for (let y = 0; y < span; y++) {
      if (!present[area * span + y]) continue;
      let s = seen.get(gm);
      if (!s) seen.set(gm, (s = new Set()));
      s.add(first + y);
    }
  });
  return new Map([...seen].map(([gm, s]) => [gm, [...s].sort((a, b) => a - b)]));
}

/** The division of each edition's area codes, where the store knows it (BuurtTable.setEditionDivisions). */
export function editionDivisions(editions: readonly EditionRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of editions) if (e.divisionYear !== null) out.set(e.edition, e.divisionYear);
  return out;
}
