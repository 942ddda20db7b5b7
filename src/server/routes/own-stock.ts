/**
 * GET /api/own-stock?area=&year= (the organisation's stock per buurt and its uploads),
 * GET /api/own-stock/map?area=&year= (the layer `eigen-bezit` as a map), POST /api/own-stock
 * (a CSV upload, Content-Type text/csv, `?file=` names it in messages; org-admins),
 * DELETE /api/own-stock (org-admins). Users of the organisation, and share links that include
 * own stock, read it; nobody else.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { OwnStockMapQuerySchema, OwnStockQuerySchema } from '../../api/members.js';
import { NoQuerySchema } from '../../api/schemas.js';
import { clearOwnStock, ownStockFor, uploadOwnStock } from '../../service/members/own-stock.js';
import { ownStockMap } from '../../service/members/own-stock-map.js';
import { cachedJson, parseQuery } from '../cached-route.js';
import { accessOf, clientAddress, requireUser, viewerOf, type AuthDeps } from '../auth/request-context.js';
import type { ServerDeps } from '../server-deps.js';
import { AppError } from '../../core/app-error.js';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
const UploadQuerySchema = z.strictObject({
  file: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[\w .()-]+$/, 'a file name of letters, digits, spaces and . _ - ( )')
    .optional(),
});

export function ownStockRoutes(deps: AuthDeps, server: ServerDeps): Hono {
  const app = new Hono();
  const read = deps.members.read;
  app.get('/', async (c) => {
    const q = parseQuery(OwnStockQuerySchema, c.req.query());
    return c.json(await ownStockFor(read, viewerOf(c), accessOf(c), q), 200, PRIVATE);
  });
  app.get(
    '/map',
    cachedJson(
      server,
      { name: 'own-stock-map', query: OwnStockMapQuerySchema, perViewer: true },
      (q, _p, c) => ownStockMap(read, viewerOf(c), accessOf(c), q),
    ),
  );
  app.post('/', async (c) => {
    const q = parseQuery(UploadQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      throw new AppError('FILE_ENCODING', `${q.file ?? 'upload'}: not UTF-8 text; save the CSV as UTF-8`, {
        cause: e,
      });
    }
    const report = await uploadOwnStock(
      deps.members,
      viewer,
      text,
      q.file ?? 'upload.csv',
      clientAddress(c, deps.options),
    );
    return c.json(report, 201, PRIVATE);
  });
  app.delete('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    await clearOwnStock(deps.members, requireUser(c), clientAddress(c, deps.options));
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
