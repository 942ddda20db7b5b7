/**
 * Saved scenarios (store migration 8): the inputs of up to three scenarios on an area, kept per
 * organisation. The results are not stored: they are recomputed on the current data when opened.
 * `Store.members` implements it for both stores (scenarios-sql.ts).
 */

export interface ScenarioRow {
  id: number;
  organisationId: number;
  authorId: number;
  authorName: string;
  title: string;
  /** A gemeente code or a region id. */
  area: string;
  /** The request's scenarios as JSON text (validated by the service before it is stored). */
  specJson: string;
  createdAt: string;
}

export type NewScenarioRow = Omit<ScenarioRow, 'id' | 'authorName'>;

export interface ScenarioStore {
  createScenario(row: NewScenarioRow): Promise<ScenarioRow>;
  findScenario(id: number): Promise<ScenarioRow | undefined>;
  /** Newest first. */
  listScenarios(organisationId: number, limit: number): Promise<ScenarioRow[]>;
  deleteScenario(id: number): Promise<void>;
}
