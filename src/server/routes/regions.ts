/** GET /api/regions and POST /api/regions (a named list of gemeenten; codes must exist). */
import { Hono } from 'hono';
import { CreateRegionRequestSchema, type Region, type RegionsResponse } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import type { ServerDeps } from '../server-deps.js';

export function regionsRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const regions = await deps.store.listRegions();
    const body: RegionsResponse = { regions };
    return c.json(body);
  });
  app.post('/', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch (e) {
      throw new AppError('USAGE', 'POST /api/regions expects a JSON body { name, gemeenten }', { cause: e });
    }
    const parsed = CreateRegionRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('USAGE', `region: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const state = await deps.state.get();
    const gemeenten = [...new Set(parsed.data.gemeenten.map((g) => g.toUpperCase()))];
    const unknown = gemeenten.filter((g) => !state.gemeenteNames.has(g));
    if (unknown.length) {
      throw new AppError(
        'AREA_NOT_FOUND',
        `unknown gemeente code(s) ${unknown.join(', ')}; GET /api/gemeenten lists the gemeenten`,
      );
    }
    const existing = await deps.store.listRegions();
    const id = uniqueId(slug(parsed.data.name), new Set(existing.map((r) => r.id)));
    const region: Region = { id, name: parsed.data.name, gemeenten, predefined: false };
    await deps.store.upsertRegion(region);
    return c.json(region, 201);
  });
  return app;
}

function slug(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'regio';
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base) && !/^gm\d{4}$/.test(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
