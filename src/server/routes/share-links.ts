/**
 * POST /api/share-links `{ area, label, expiresInDays?, map?, period?, includeOwnStock?, includeNotes? }`
 * → `{ id, token, url, expiresAt }`; GET /api/share-links (the organisation's; an admin: all);
 * DELETE /api/share-links/:id (revoke: takes effect on the link's next request).
 */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { createShareLink, listShareLinks, revokeShareLink } from '../../service/members/share-links.js';
import { parseQuery } from '../cached-route.js';
import { clientAddress, ownOrigin, readJson, requireUser, type AuthDeps } from '../auth/request-context.js';

const PRIVATE = { 'Cache-Control': 'no-store' };

export function shareLinkRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await listShareLinks(deps.members, requireUser(c)), 200, PRIVATE);
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const body = await readJson(c, '{ area, label, expiresInDays?, map?, period? }');
    const created = await createShareLink(
      deps.members,
      viewer,
      body,
      ownOrigin(c, deps.options),
      clientAddress(c, deps.options),
    );
    return c.json(created, 201, PRIVATE);
  });
  app.delete('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    await revokeShareLink(deps.members, requireUser(c), c.req.param('id'), clientAddress(c, deps.options));
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
