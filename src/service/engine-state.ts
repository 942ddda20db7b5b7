/**
 * What the read services compute from the store, loaded once and rebuilt when the store
 * changes: the reference division (the latest division year with buurt geometry), the buurten
 * with names, gemeente names, the engine over every value on that division, and a cache of
 * display geometry per gemeente. Reading never writes to the store.
 */
import { AppError } from '../core/app-error.js';
import type { BuurtInfo } from '../domain/engine/buurt-table.js';
import type { EngineConfig, EngineConfigInput } from '../domain/engine/engine-config.js';
import { createEngineFromBulk, type VeerkrachtEngine } from '../domain/engine/veerkracht-engine.js';
import type { PolygonGeometry } from '../core/records.js';
import { findReferenceDivision } from '../storage/reference-division.js';
import type { BulkValues, EditionRow, Store } from '../storage/store.js';

export interface LoadedState {
  divisionYear: number;
  engine: VeerkrachtEngine;
  gemeenteNames: Map<string, string>;
  /** Years with values per gemeente. */
  gemeenteYears: Map<string, number[]>;
  editions: EditionRow[];
  demo: boolean;
  version: string;
}

export interface EngineStateOptions {
  /** Draw maps on this division instead of the latest one with buurt geometry. */
  divisionYear?: number;
  engineConfig?: EngineConfigInput | EngineConfig;
  /** How often (ms) to check whether the store changed; 0 = every request. */
  checkIntervalMs?: number;
}

export class EngineState {
  private loaded: Promise<LoadedState> | undefined;
  private loadedVersion = '';
  private lastCheck = 0;
  private readonly geometryCache = new Map<string, Map<string, PolygonGeometry | null>>();

  constructor(
    private readonly store: Store,
    private readonly options: EngineStateOptions = {},
  ) {}

  /** The current state, rebuilt when the store's imports or harmonisation changed. */
  async get(): Promise<LoadedState> {
    await this.version();
    return this.loaded!;
  }

  /**
   * The store's data version (checked at most every `checkIntervalMs`); starts a reload of the
   * state when it changed. Everything derived from the store can be keyed by it.
   */
  async version(): Promise<string> {
    const now = Date.now();
    if (this.loaded && now - this.lastCheck < (this.options.checkIntervalMs ?? 5000))
      return this.loadedVersion;
    this.lastCheck = now;
    const version = await this.storeVersion();
    if (!this.loaded || version !== this.loadedVersion) {
      this.loadedVersion = version;
      this.geometryCache.clear();
      const loading = this.load(version);
      this.loaded = loading;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
    }
    return version;
  }

  /** The engine configuration the state is built with. */
  get engineConfig(): EngineConfigInput | EngineConfig {
    return this.options.engineConfig ?? {};
  }

  private async storeVersion(): Promise<string> {
    if (this.store.dataVersion) return this.store.dataVersion();
    const [imports, harmonisation] = await Promise.all([
      this.store.listImports(),
      this.store.listHarmonisation(),
    ]);
    const last = imports[imports.length - 1];
    return `${imports.length}|${last?.id ?? 0}|${harmonisation.length}`;
  }

  private async load(version: string): Promise<LoadedState> {
    const divisionYear = this.options.divisionYear ?? (await referenceDivision(this.store));
    if (divisionYear === null) {
      throw new AppError(
        'NO_DATA',
        'the store holds no buurt boundaries: import a wijk- en buurtkaart (or run `veerkracht fetch`)',
      );
    }
    const [buurten, gemeenteNames] = await this.loadAreas(divisionYear);
    const values = await this.store.getBulkValues({ divisionYear, level: 'buurt' });
    const engine = createEngineFromBulk(buurten, values, this.options.engineConfig ?? {});
    const gemeenteYears = yearsPerGemeente(buurten, values);
    const editions = await this.store.listEditions();
    return {
      divisionYear,
      engine,
      gemeenteNames,
      gemeenteYears,
      editions,
      demo:
        editions.length > 0 &&
        editions.every((e) => e.source === ('demo' as string) || /demo/i.test(e.edition)),
      version,
    };
  }

  /** Buurten of the division (with geometry or an area row) and gemeente names. */
  private async loadAreas(divisionYear: number): Promise<[BuurtInfo[], Map<string, string>]> {
    const areas = await this.store.listAreas({ divisionYear });
    const geometryCodes = await this.store.listGeometryCodes(divisionYear);
    const codes = new Set<string>();
    const names = new Map<string, string>();
    for (const a of areas) if (a.level === 'buurt') codes.add(a.code);
    for (const code of geometryCodes) if (code.startsWith('BU')) codes.add(code);
    for (const a of areas) if (a.name) names.set(a.code, a.name);
    const gemeenten = new Set([...codes].map((c) => `GM${c.slice(2, 6)}`));
    const allGemeenten = await this.store.listAreas({ level: 'gemeente' });
    for (const g of allGemeenten) if (g.name && !names.has(g.code)) names.set(g.code, g.name);
    for (const gm of gemeenten) {
      for (const n of await this.store.listAreaNames(gm)) if (!names.has(n.code)) names.set(n.code, n.name);
    }
    const buurten = [...codes]
      .sort()
      .map((code) => ({ code, name: names.get(code) ?? code, gemeente: `GM${code.slice(2, 6)}` }));
    const gemeenteNames = new Map([...gemeenten].sort().map((gm) => [gm, names.get(gm) ?? gm]));
    return [buurten, gemeenteNames];
  }

  /** Display geometry (WGS84) of the buurten of a gemeente, cached. */
  async geometries(gemeente: string, divisionYear: number): Promise<Map<string, PolygonGeometry | null>> {
    let m = this.geometryCache.get(gemeente);
    if (!m) {
      const rows = await this.store.getGeometries({ divisionYear, gemeente });
      m = new Map(rows.map((r) => [r.code, r.display]));
      this.geometryCache.set(gemeente, m);
    }
    return m;
  }
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

/** The reference division: the one harmonisation writes onto (latest division year with buurt geometry), or null. */
async function referenceDivision(store: Store): Promise<number | null> {
  return (await findReferenceDivision(store)) ?? null;
}
