/**
 * GET /api/buurten?q=: buurten by name. GET /api/buurten/:code: every indicator over every
 * year, the class per period, and the explanation — plus, for a viewer with private data (a
 * user, or a share link including notes or own stock), `members`: their notes on the buurt and
 * their own stock there (service/members), cached per viewer scope. GET /api/buurten/:code/similar:
 * buurten zoals deze (service/similar-buurten.ts).
 */
import { Hono, type Context } from 'hono';
import { BuurtQuerySchema, BuurtSearchQuerySchema } from '../../api/schemas.js';
import { SimilarQuerySchema } from '../../api/similar-buurten.js';
import { getBuurtProfile } from '../../service/buurt-profile.js';
import { searchBuurten } from '../../service/buurt-search.js';
import { getSimilarBuurten } from '../../service/similar-buurten.js';
import { readContextAt } from '../../service/read-context.js';
import { authoriseCode, narrowsToLink, withinLink } from '../../service/members/access.js';
import { buurtNotes } from '../../service/members/notes.js';
import { buurtOwnStock } from '../../service/members/own-stock.js';
import type { Viewer } from '../../service/members/viewer.js';
import { accessOf, viewerOf } from '../auth/request-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

function hasPrivateData(viewer: Viewer): boolean {
  return (
    viewer.kind === 'user' ||
    (viewer.kind === 'share-link' && (viewer.includeNotes || viewer.includeOwnStock))
  );
}

export function buurtenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(
      deps,
      {
        name: 'buurt-search',
        query: BuurtSearchQuerySchema,
        perViewer: (c) => narrowsToLink(viewerOf(c), accessOf(c)),
      },
      async (q, _p, c) => {
        const found = await searchBuurten(deps.read, q);
        return { ...found, buurten: withinLink(found.buurten, viewerOf(c), accessOf(c)) };
      },
    ),
  );
  app.get(
    '/:code',
    cachedJson(
      deps,
      {
        name: 'buurt',
        query: BuurtQuerySchema,
        params: (c) => ({ code: (c.req.param('code') ?? '').trim().toUpperCase() }),
        perViewer: (c: Context) => hasPrivateData(viewerOf(c)),
      },
      async (q, p, c) => {
        const viewer = viewerOf(c);
        const access = accessOf(c);
        authoriseCode(viewer, access, p['code']!);
        const read = await readContextAt(deps.read, q.edition);
        const profile = await getBuurtProfile(read, { code: p['code']!, period: q.period });
        if (!hasPrivateData(viewer)) return profile;
        const [notes, ownStock] = await Promise.all([
          buurtNotes(deps.read, viewer, profile.code),
          buurtOwnStock(deps.read, viewer, access, profile.code),
        ]);
        return { ...profile, members: { notes, ownStock } };
      },
    ),
  );
  // buurten zoals deze: national; a share link in members mode sees those of its own area only
  app.get(
    '/:code/similar',
    cachedJson(
      deps,
      {
        name: 'buurt-similar',
        query: SimilarQuerySchema,
        params: (c) => ({ code: (c.req.param('code') ?? '').trim().toUpperCase() }),
        perViewer: (c) => narrowsToLink(viewerOf(c), accessOf(c)),
      },
      async (q, p, c) => {
        const viewer = viewerOf(c);
        const access = accessOf(c);
        authoriseCode(viewer, access, p['code']!);
        const body = await getSimilarBuurten(await readContextAt(deps.read, q.edition), {
          code: p['code']!,
          limit: q.limit,
        });
        return {
          ...body,
          similar: withinLink(body.similar, viewer, access),
          deviants: withinLink(body.deviants, viewer, access),
        };
      },
    ),
  );
  return app;
}
