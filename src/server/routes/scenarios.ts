/**
 * The scenario planner (issue 14):
 * - POST /api/scenarios/run `{ area, scenarios? }` → the projection (JSON); POST
 *   /api/scenarios/run.csv → the same as CSV. Computing is a read: anyone who may read the area
 *   may run it (no session needed; the write guard still checks Origin, content type and size).
 * - GET /api/scenarios (the organisation's saved ones), POST /api/scenarios `{ title, area,
 *   scenarios }` (a member saves), GET /api/scenarios/:id (inputs + results on the current data),
 *   GET /api/scenarios/:id.csv, GET /api/scenarios/:id.pdf (the app's scenario page printed by
 *   Chromium, server/scenario-pdf.ts), DELETE /api/scenarios/:id (author or org-admin).
 */
import { Hono, type Context } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { scenarioCsv } from '../../service/scenario-csv.js';
import { runScenarios } from '../../service/scenario-run.js';
import {
  deleteSavedScenario,
  findSavedScenario,
  listSavedScenarios,
  openSavedScenario,
  saveScenario,
} from '../../service/scenario-saved.js';
import { z } from 'zod';
import { parseQuery } from '../cached-route.js';
import { accessOf, readJson, requireUser, viewerOf, type AuthDeps } from '../auth/request-context.js';
import { printCredentials } from '../print-browser.js';
import type { ScenarioPdfRenderer } from '../scenario-pdf.js';

const PdfQuerySchema = z.strictObject({ lang: z.enum(['nl', 'en']).optional() });

const PRIVATE = { 'Cache-Control': 'private, no-store' };

function csvResponse(c: Context, body: string, name: string): Response {
  return c.body(body, 200, {
    ...PRIVATE,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}

/** `12`, `12.csv` or `12.pdf` → the id and the format; NOT_FOUND for anything else. */
function savedId(raw: string): { id: number; format: 'json' | 'csv' | 'pdf' } {
  const m = /^(\d{1,12})(?:\.(csv|pdf))?$/.exec(raw);
  if (!m) throw new AppError('NOT_FOUND', `no scenario '${raw}'`);
  return { id: Number(m[1]), format: (m[2] as 'csv' | 'pdf' | undefined) ?? 'json' };
}

export function scenarioRoutes(deps: AuthDeps, pdf?: ScenarioPdfRenderer): Hono {
  const app = new Hono();
  const read = deps.members.read;
  const body = (c: Context) => readJson(c, '{ area, scenarios? }');

  app.post('/run', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await runScenarios(read, viewerOf(c), accessOf(c), await body(c)), 200, PRIVATE);
  });
  app.post('/run.csv', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const res = await runScenarios(read, viewerOf(c), accessOf(c), await body(c), { years: true });
    return csvResponse(c, scenarioCsv(res), `scenario-${res.area.id}.csv`);
  });
  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await listSavedScenarios(read, requireUser(c)), 200, PRIVATE);
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const saved = await saveScenario(
      read,
      viewer,
      accessOf(c),
      await readJson(c, '{ title, area, scenarios }'),
    );
    return c.json(saved, 201, PRIVATE);
  });
  app.get('/:id', async (c) => {
    const { id, format } = savedId(c.req.param('id'));
    const viewer = requireUser(c);
    if (format === 'pdf') {
      const q = parseQuery(PdfQuerySchema, c.req.query());
      await findSavedScenario(read, viewer, id); // NOT_FOUND before Chromium starts
      if (!pdf) throw new AppError('NOT_FOUND', 'this server prints no PDFs');
      const body = await pdf.render(
        id,
        q.lang ?? 'nl',
        printCredentials((h) => c.req.header(h)),
      );
      return c.body(new Uint8Array(body), 200, {
        ...PRIVATE,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="scenario-${id}.pdf"`,
      });
    }
    parseQuery(NoQuerySchema, c.req.query());
    const opened = await openSavedScenario(read, viewer, accessOf(c), id, { years: format === 'csv' });
    if (format === 'csv')
      return csvResponse(c, scenarioCsv(opened.result), `scenario-${id}-${opened.result.area.id}.csv`);
    return c.json(opened, 200, PRIVATE);
  });
  app.delete('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const { id, format } = savedId(c.req.param('id'));
    if (format !== 'json') throw new AppError('NOT_FOUND', `no scenario '${c.req.param('id')}'`);
    await deleteSavedScenario(read, viewer, id);
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
