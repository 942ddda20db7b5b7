/**
 * The parts of the Store that each implementation writes in a module of its own, as functions
 * over its connection (postgres/pg-<part>.ts, sqlite/<part>.ts), and the Store methods both
 * stores (postgres/pg-store.ts, sqlite/sqlite-store.ts) hand to those parts. The stores keep
 * what differs in shape between them: opening, transactions, indicators, values and data editions.
 */
import type { Store } from './store.js';

/** Areas and their names. */
export type AreaMethods = Pick<
  Store,
  'listAreas' | 'listDivisionYears' | 'listAreaNames' | 'findGemeenteByName'
>;
/** Buurt geometries: RD New and the simplified display geometry. */
export type GeometryMethods = Pick<Store, 'listGeometryCodes' | 'getGeometries' | 'setDisplayGeometries'>;
/** Predefined and organisations' own regions. */
export type RegionMethods = Pick<Store, 'listRegions' | 'upsertRegion'>;
/** What import and harmonisation runs recorded: the import log, the source editions, the harmonisation log. */
export type RunLogMethods = Pick<
  Store,
  'findImport' | 'listImports' | 'listEditions' | 'editionIdOf' | 'logHarmonisation' | 'listHarmonisation'
>;
/** The data version and the counts for `veerkracht status`. */
export type StoreStatusMethods = Required<Pick<Store, 'dataVersion'>> &
  Pick<Store, 'coverage' | 'areaCounts'>;

/** A store's methods of its parts, each handed to the part on the store's own connection. */
export abstract class StoreParts {
  protected abstract readonly runLogs: RunLogMethods;
  protected abstract readonly areas: AreaMethods;
  protected abstract readonly geometries: GeometryMethods;
  protected abstract readonly regions: RegionMethods;
  protected abstract readonly status: StoreStatusMethods;

  findImport: Store['findImport'] = (checksum) => this.runLogs.findImport(checksum);
  listImports: Store['listImports'] = () => this.runLogs.listImports();
  listEditions: Store['listEditions'] = () => this.runLogs.listEditions();
  editionIdOf: Store['editionIdOf'] = (edition) => this.runLogs.editionIdOf(edition);
  logHarmonisation: Store['logHarmonisation'] = (rows) => this.runLogs.logHarmonisation(rows);
  listHarmonisation: Store['listHarmonisation'] = () => this.runLogs.listHarmonisation();

  listAreas: Store['listAreas'] = (q) => this.areas.listAreas(q);
  listDivisionYears: Store['listDivisionYears'] = (level) => this.areas.listDivisionYears(level);
  listAreaNames: Store['listAreaNames'] = (gemeente) => this.areas.listAreaNames(gemeente);
  findGemeenteByName: Store['findGemeenteByName'] = (name) => this.areas.findGemeenteByName(name);

  listGeometryCodes: Store['listGeometryCodes'] = (year) => this.geometries.listGeometryCodes(year);
  getGeometries: Store['getGeometries'] = (q) => this.geometries.getGeometries(q);
  setDisplayGeometries: Store['setDisplayGeometries'] = (year, rows) =>
    this.geometries.setDisplayGeometries(year, rows);

  listRegions: Store['listRegions'] = () => this.regions.listRegions();
  upsertRegion: Store['upsertRegion'] = (row) => this.regions.upsertRegion(row);

  dataVersion: StoreStatusMethods['dataVersion'] = () => this.status.dataVersion();
  coverage: Store['coverage'] = () => this.status.coverage();
  areaCounts: Store['areaCounts'] = () => this.status.areaCounts();
}
