/**
 * OGC API – Features under /ogc (src/service/ogc-*.ts): GET /ogc (landing page), /ogc/api
 * (its OpenAPI description), /ogc/conformance, /ogc/collections, /ogc/collections/:id,
 * /ogc/collections/:id/schema (JSON Schema of the items), /ogc/collections/:id/items
 * (?bbox=&bbox-crs=&crs=&limit=&offset=&gemeente=&year=&period=) and
 * /ogc/collections/:id/items/:featureId. Links are absolute, on the public URL when one is set.
 */
import { Hono, type Context } from 'hono';
import { OgcItemQuerySchema, OgcItemsQuerySchema, OgcPlainQuerySchema } from '../../api/ogc.js';
import { ogcCollection, ogcCollectionSchema, ogcCollections } from '../../service/ogc-collections.js';
import { parseCrs } from '../../service/ogc-crs.js';
import { ogcItem, ogcItems } from '../../service/ogc-features.js';
import { ogcApiDocument, ogcConformance, ogcLanding } from '../../service/ogc-service-description.js';
import { ownOrigin, type AuthDeps } from '../auth/request-context.js';
import { readContextAt } from '../../service/read-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

const GEOJSON = 'application/geo+json; charset=utf-8';

export function ogcRoutes(deps: ServerDeps, auth: AuthDeps): Hono {
  const app = new Hono();
  const base = (c: Context) => `${ownOrigin(c, auth.options)}/ogc`;
  const contentCrs = (q: { crs?: string | undefined }) => ({ 'Content-Crs': `<${parseCrs(q.crs, 'crs')}>` });
  app.get(
    '/',
    cachedJson(
      deps,
      { name: 'ogc-landing', query: OgcPlainQuerySchema, params: (c) => ({ base: base(c) }) },
      (_q, p) => Promise.resolve(ogcLanding(p['base']!)),
    ),
  );
  app.get(
    '/api',
    cachedJson(
      deps,
      {
        name: 'ogc-api',
        query: OgcPlainQuerySchema,
        params: (c) => ({ base: base(c) }),
        contentType: 'application/vnd.oai.openapi+json;version=3.0',
      },
      (_q, p) => Promise.resolve(ogcApiDocument(p['base']!)),
    ),
  );
  app.get(
    '/conformance',
    cachedJson(deps, { name: 'ogc-conformance', query: OgcPlainQuerySchema }, () =>
      Promise.resolve(ogcConformance()),
    ),
  );
  app.get(
    '/collections',
    cachedJson(
      deps,
      { name: 'ogc-collections', query: OgcPlainQuerySchema, params: (c) => ({ base: base(c) }) },
      (_q, p) => ogcCollections(deps.read, p['base']!),
    ),
  );
  app.get(
    '/collections/:id',
    cachedJson(
      deps,
      {
        name: 'ogc-collection',
        query: OgcPlainQuerySchema,
        params: (c) => ({ base: base(c), id: c.req.param('id') ?? '' }),
      },
      (_q, p) => ogcCollection(deps.read, p['base']!, p['id']!),
    ),
  );
  app.get(
    '/collections/:id/schema',
    cachedJson(
      deps,
      {
        name: 'ogc-schema',
        query: OgcPlainQuerySchema,
        params: (c) => ({ base: base(c), id: c.req.param('id') ?? '' }),
        contentType: 'application/schema+json',
      },
      (_q, p) => ogcCollectionSchema(deps.read, p['base']!, p['id']!),
    ),
  );
  app.get(
    '/collections/:id/items',
    cachedJson(
      deps,
      {
        name: 'ogc-items',
        query: OgcItemsQuerySchema,
        params: (c) => ({ base: base(c), id: c.req.param('id') ?? '' }),
        contentType: GEOJSON,
        headers: contentCrs,
      },
      async (q, p) => ogcItems(await readContextAt(deps.read, q.edition), p['base']!, p['id']!, q),
    ),
  );
  app.get(
    '/collections/:id/items/:featureId',
    cachedJson(
      deps,
      {
        name: 'ogc-item',
        query: OgcItemQuerySchema,
        params: (c) => ({
          base: base(c),
          id: c.req.param('id') ?? '',
          featureId: (c.req.param('featureId') ?? '').trim().toUpperCase(),
        }),
        contentType: GEOJSON,
        headers: contentCrs,
      },
      async (q, p) =>
        ogcItem(await readContextAt(deps.read, q.edition), p['base']!, p['id']!, p['featureId']!, q),
    ),
  );
  return app;
}
