/**
 * The engine state of an older data edition: the engine rebuilt from what the edition froze
 * (storage/data-editions.ts) — its values, buurten and names, source editions, and the engine
 * configuration of its import run (the live configuration when the run recorded none). Display
 * geometry is read from the store for the edition's division, as the live state does, and so are
 * the files it held on a division harmonisation could not carry over (the harmonisation log and
 * those files' values, of its source editions only: findUncarriedSources).
 */
import { AppError } from '../core/app-error.js';
import type { EngineConfig, EngineConfigInput } from '../domain/engine/engine-config.js';
import type { PolygonGeometry } from '../core/records.js';
import type { DataEditionRow } from '../storage/data-editions.js';
import type { BulkValues, Store, ValueRow } from '../storage/store.js';
import { buildState, type EngineStateView, type LoadedState } from './loaded-state.js';
import { findUncarriedSources } from './uncarried-sources.js';

/** A view of data edition `row` (loaded on first use); `live` answers `at` for other editions. */
export function pinnedEditionState(
  store: Store,
  row: DataEditionRow,
  liveConfig: EngineConfigInput | EngineConfig,
  live: EngineStateView,
): EngineStateView {
  let loaded: Promise<LoadedState> | undefined;
  let config: EngineConfigInput | EngineConfig = liveConfig;
  const geometryCache = new Map<string, Map<string, PolygonGeometry | null>>();
  const load = async (): Promise<LoadedState> => {
    const content = await store.readDataEdition(row.id);
    if (!content)
      throw new AppError('EDITION_GONE', `data edition ${row.id} (${row.label}) is no longer kept`);
    if (content.engineConfig !== null) config = content.engineConfig as EngineConfigInput;
    const state = buildState({
      // the files it held that have gemeenten on a division harmonisation could not carry over
      uncarried: await findUncarriedSources(store, row.divisionYear, {
        editions: content.sourceEditions,
      }),
      divisionYear: row.divisionYear,
      buurten: content.buurten,
      gemeenteNames: new Map(content.gemeenteNames),
      values: content.values,
      editions: content.sourceEditions,
      engineConfig: config,
      version: `edition-${row.id}`,
      dataEdition: { id: row.id, label: row.label, createdAt: row.createdAt, current: false },
    });
    return { ...state, storedValues: frozenValues(content.values, row.divisionYear) };
  };
  return {
    get: () => (loaded ??= load()),
    version: async () => `edition-${row.id}`,
    get engineConfig() {
      return config;
    },
    at: (id) => live.at(id),
    async geometries(gemeente, divisionYear) {
      let m = geometryCache.get(gemeente);
      if (!m) {
        const rows = await store.getGeometries({ divisionYear, gemeente });
        m = new Map(rows.map((r) => [r.code, r.display]));
        geometryCache.set(gemeente, m);
      }
      return m;
    },
  };
}

/** The values of one buurt in a frozen bulk read, as `Store.getValues` gives them (indexed on first use). */
function frozenValues(bulk: BulkValues, divisionYear: number): (code: string) => ValueRow[] {
  let byArea: Map<string, number[]> | undefined;
  return (code) => {
    if (!byArea) {
      byArea = new Map();
      for (let i = 0; i < bulk.count; i++) {
        const c = bulk.areaCodes[bulk.area[i]!]!;
        let list = byArea.get(c);
        if (!list) byArea.set(c, (list = []));
        list.push(i);
      }
    }
    return (byArea.get(code) ?? []).map((i) => {
      const series = bulk.series[bulk.seriesOf[i]!]!;
      const source = series.sources[bulk.source?.[i] ?? 0] ?? series.sources[0]!;
      const v = bulk.value[i]!;
      return {
        areaCode: code,
        divisionYear,
        indicator: series.indicator,
        year: series.year,
        value: Number.isNaN(v) ? null : v,
        flags: bulk.flags[i]!,
        edition: source.edition,
        table: source.table,
        sourceColumn: source.sourceColumn,
        method: null,
      };
    });
  };
}
