/**
 * Data editions: what the store held after an import run or a harmonisation, frozen so that a
 * deep link, a share link, a PDF or an export made from it shows the same numbers after later
 * imports. An edition is the engine's bulk read of the reference division (the buurt values, see
 * `BulkValues`), the buurten with their names, the gemeente names, the source editions and the
 * engine configuration of the run — everything `EngineState` needs to draw its maps again.
 *
 * `captureDataEdition` (capture-data-edition.ts) is called on the write path (the end of `harmoniseStore`, inside the import
 * run's transaction), so an edition exists exactly when its values were committed. It adds a new
 * edition only when the engine's input changed (content hash). Older editions beyond the
 * retention setting keep their row (id, label, date) but lose their content: asking for one is
 * `EDITION_GONE` (410), an id that never existed `EDITION_NOT_FOUND` (404).
 *
 * The store side is the small `DataEditionStore` interface (sqlite/data-editions.ts,
 * postgres/pg-data-editions.ts; the SQL they share in data-edition-sql.ts).
 */
import type { BuurtInfo } from '../domain/engine/buurt-table.js';
import type { BulkValues, EditionRow } from './store.js';

/** How many editions keep their content when no setting says otherwise. */
export const DEFAULT_EDITIONS_RETAIN = 5;

/** An edition as listed: identity, label and where it came from (no content). */
export interface DataEditionRow {
  id: number;
  /** "editie 2025-1": the year it was made and its number within that year. */
  label: string;
  createdAt: string;
  /** The reference division its values are on. */
  divisionYear: number;
  /** Ids of the import_log rows up to this edition (the last import run's files last). */
  importIds: number[];
  /** The store's data version when it was made (`Store.dataVersion`). */
  dataVersion: string;
  /** SHA-256 of the frozen content: equal hashes mean the engine's input did not change. */
  contentHash: string;
  /** False once retention dropped its content. */
  available: boolean;
}

/** What an edition froze: enough to rebuild the engine and label its answers. */
export interface DataEditionContent {
  buurten: BuurtInfo[];
  /** Gemeente code → name, for the gemeenten of the buurten. */
  gemeenteNames: [string, string][];
  /** The source editions the store held (as `Store.listEditions`). */
  sourceEditions: EditionRow[];
  /** The engine configuration of the run (the validated input), or null when none was given. */
  engineConfig: unknown;
  values: BulkValues;
}

export interface NewDataEdition extends Omit<DataEditionRow, 'id' | 'label' | 'createdAt' | 'available'> {
  content: DataEditionContent;
}

/** The store methods of data editions (SQLite and PostgreSQL implement them; store.contract.ts tests them). */
export interface DataEditionStore {
  /**
   * Adds an edition (labelled "editie <year>-<n>", n counting the editions of that year) and
   * drops the content of all but the newest `retain` editions. Runs inside the caller's
   * transaction when there is one.
   */
  addDataEdition(edition: NewDataEdition, options: { retain: number; now?: Date }): Promise<DataEditionRow>;
  /** Every edition, oldest first, also those whose content was dropped. */
  listDataEditions(): Promise<DataEditionRow[]>;
  /** The frozen content of an edition; undefined when there is no such edition or retention dropped it. */
  readDataEdition(id: number): Promise<DataEditionContent | undefined>;
}
