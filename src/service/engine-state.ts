/**
 * What the read services compute from the store, loaded once and rebuilt when the store
 * changes: the reference division (the latest division year with buurt geometry), the buurten
 * with names, gemeente names, the engine over every value on that division, and a cache of
 * display geometry per gemeente. Reading never writes to the store.
 *
 * Data editions (storage/data-editions.ts): the live state is the newest edition; `at(id)` gives a
 * view of an older one, rebuilt from what the edition froze (its values, buurten, names, source
 * editions and engine configuration) and kept for the last few editions asked for.
 */
import { AppError } from '../core/app-error.js';
import type { EngineConfig, EngineConfigInput } from '../domain/engine/engine-config.js';
import type { PolygonGeometry } from '../core/records.js';
import type { DataEditionRow } from '../storage/data-editions.js';
import { loadDivisionBuurten } from '../storage/capture-data-edition.js';
import { findReferenceDivision } from '../storage/reference-division.js';
import type { Store } from '../storage/store.js';
import { pinnedEditionState } from './edition-state.js';
import { buildState, type EngineStateView, type LoadedState } from './loaded-state.js';
import { findUncarriedSources } from './uncarried-sources.js';

export type { DataEditionInfo, EngineStateView, LoadedState } from './loaded-state.js';

/** How many older editions stay loaded (each is an engine of the whole country). */
const PINNED_KEPT = 3;

export interface EngineStateOptions {
  /** Draw maps on this division instead of the latest one with buurt geometry. */
  divisionYear?: number;
  engineConfig?: EngineConfigInput | EngineConfig;
  /** How often (ms) to check whether the store changed; 0 = every request. */
  checkIntervalMs?: number;
}

export class EngineState implements EngineStateView {
  private loaded: Promise<LoadedState> | undefined;
  private readonly pinned = new Map<number, EngineStateView>();
  private loadedVersion = '';
  private lastCheck = 0;
  private readonly geometryCache = new Map<string, Map<string, PolygonGeometry | null>>();
  /** The store's data editions as of a data version: only an import changes them. */
  private editionList: { version: string; rows: Promise<DataEditionRow[]> } | undefined;

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

  async at(id: number | undefined): Promise<EngineStateView> {
    if (id === undefined) return this;
    const editions = await this.dataEditions();
    const row = editions.find((e) => e.id === id);
    if (!row) {
      const known = editions.length
        ? `; editions ${editions[0]!.id}–${editions.at(-1)!.id} exist (GET /api/editions)`
        : '; the store has recorded no editions yet';
      throw new AppError('EDITION_NOT_FOUND', `data edition ${id} does not exist${known}`);
    }
    if (row.id === editions.at(-1)!.id) return this;
    if (!row.available) {
      throw new AppError(
        'EDITION_GONE',
        `data edition ${id} (${row.label}, ${row.createdAt.slice(0, 10)}) is no longer kept: the store keeps the newest editions only (editions.retain); the newest is ${editions.at(-1)!.label} (edition=${editions.at(-1)!.id})`,
      );
    }
    return this.pinnedView(row);
  }

  /** The data editions, listed once per data version (not on every `edition=` request). */
  private async dataEditions(): Promise<DataEditionRow[]> {
    const version = await this.version();
    if (this.editionList?.version !== version) {
      const rows = this.store.listDataEditions();
      this.editionList = { version, rows };
      rows.catch(() => {
        if (this.editionList?.rows === rows) this.editionList = undefined;
      });
    }
    return this.editionList.rows;
  }

  private pinnedView(row: DataEditionRow): EngineStateView {
    let view = this.pinned.get(row.id);
    if (view) {
      this.pinned.delete(row.id); // most recently used last
    } else {
      view = pinnedEditionState(this.store, row, this.options.engineConfig ?? {}, this);
      const failed = view;
      view.get().catch(() => {
        if (this.pinned.get(row.id) === failed) this.pinned.delete(row.id);
      });
    }
    this.pinned.set(row.id, view);
    while (this.pinned.size > PINNED_KEPT) this.pinned.delete(this.pinned.keys().next().value!);
    return view;
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
    const { buurten, gemeenteNames } = await loadDivisionBuurten(this.store, divisionYear);
    const values = await this.store.getBulkValues({ divisionYear, level: 'buurt' });
    const editions = await this.store.listEditions();
    const newest = (await this.store.listDataEditions()).at(-1);
    // read once per data version, not per map (getMap's harmonisation metadata), and once for both
    const harmonisation = await this.store.listHarmonisation();
    const uncarried = await findUncarriedSources(this.store, divisionYear, { harmonisation });
    return buildState({
      uncarried,
      harmonisation,
      divisionYear,
      buurten,
      gemeenteNames,
      values,
      editions,
      engineConfig: this.options.engineConfig ?? {},
      version,
      dataEdition: newest
        ? { id: newest.id, label: newest.label, createdAt: newest.createdAt, current: true }
        : null,
    });
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

/** The reference division: the one harmonisation writes onto (latest division year with buurt geometry), or null. */
async function referenceDivision(store: Store): Promise<number | null> {
  return (await findReferenceDivision(store)) ?? null;
}
