/**
 * Saved scenario comparisons (GET/POST/DELETE /api/scenarios, GET /api/scenarios/:id[.csv]):
 * the inputs, per organisation. Only a logged-in user of that organisation sees them; to anyone
 * else a saved scenario does not exist (NOT_FOUND, as an unknown id). Opening one runs it again
 * on the current data.
 */
import {
  ScenarioInputSchema,
  SaveScenarioRequestSchema,
  type RunScenariosResponse,
  type SavedScenario,
  type SavedScenariosResponse,
  type ScenarioInput,
} from '../api/scenarios.js';
import { AppError } from '../core/app-error.js';
import type { ScenarioRow } from '../storage/scenario-store.js';
import { authoriseArea } from './members/access.js';
import { hasRole, type AccessMode, type UserViewer } from './members/viewer.js';
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';
import { checkNames, parseBody, runOnArea, type RunOptions } from './scenario-run.js';

function mayDelete(row: ScenarioRow, viewer: UserViewer): boolean {
  return row.authorId === viewer.userId || hasRole(viewer, 'org-admin');
}

function inputsOf(row: ScenarioRow): ScenarioInput[] {
  const parsed = ScenarioInputSchema.array().safeParse(JSON.parse(row.specJson));
  // stored only after validation; a row that no longer parses is reported, never half-used
  if (!parsed.success) throw new AppError('NOT_FOUND', `saved scenario ${row.id} can no longer be read`);
  return parsed.data;
}

function view(row: ScenarioRow, viewer: UserViewer): SavedScenario {
  return {
    id: row.id,
    title: row.title,
    area: row.area,
    scenarios: inputsOf(row),
    author: row.authorName,
    createdAt: row.createdAt,
    mayDelete: mayDelete(row, viewer),
  };
}

export async function listSavedScenarios(
  ctx: ReadContext,
  viewer: UserViewer,
): Promise<SavedScenariosResponse> {
  const rows = await ctx.store.members.listScenarios(viewer.organisationId, 200);
  return { scenarios: rows.map((r) => view(r, viewer)) };
}

export async function saveScenario(
  ctx: ReadContext,
  viewer: UserViewer,
  access: AccessMode,
  raw: unknown,
): Promise<SavedScenario> {
  const body = parseBody(SaveScenarioRequestSchema, raw, 'scenario');
  checkNames(body.scenarios);
  await authoriseArea(ctx, viewer, access, body.area);
  const area = await resolveArea(body.area, await ctx.state.get(), ctx.store);
  const row = await ctx.store.members.createScenario({
    organisationId: viewer.organisationId,
    authorId: viewer.userId,
    title: body.title,
    area: area.id,
    specJson: JSON.stringify(body.scenarios),
    createdAt: new Date().toISOString(),
  });
  return view(row, viewer);
}

async function ownRow(ctx: ReadContext, viewer: UserViewer, id: number): Promise<ScenarioRow> {
  const row = await ctx.store.members.findScenario(id);
  if (!row || row.organisationId !== viewer.organisationId)
    throw new AppError('NOT_FOUND', `no scenario ${id}`);
  return row;
}

/** A saved scenario of the viewer's organisation (NOT_FOUND otherwise), without running it. */
export async function findSavedScenario(
  ctx: ReadContext,
  viewer: UserViewer,
  id: number,
): Promise<SavedScenario> {
  return view(await ownRow(ctx, viewer, id), viewer);
}

/** GET /api/scenarios/:id: the saved inputs and their results on the current data. */
export async function openSavedScenario(
  ctx: ReadContext,
  viewer: UserViewer,
  access: AccessMode,
  id: number,
  options: RunOptions = {},
): Promise<{ saved: SavedScenario; result: RunScenariosResponse }> {
  const row = await ownRow(ctx, viewer, id);
  const saved = view(row, viewer);
  await authoriseArea(ctx, viewer, access, row.area);
  return { saved, result: await runOnArea(ctx, row.area, saved.scenarios, options) };
}

export async function deleteSavedScenario(ctx: ReadContext, viewer: UserViewer, id: number): Promise<void> {
  const row = await ownRow(ctx, viewer, id);
  if (!mayDelete(row, viewer))
    throw new AppError(
      'FORBIDDEN',
      "only the author or their organisation's administrators delete a scenario",
    );
  await ctx.store.members.deleteScenario(id);
}
