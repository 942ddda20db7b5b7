/**
 * GET /api/maps.csv, /api/maps.geojson, /api/maps.gpkg with the query of GET /api/maps: one
 * map of a gemeente or region as a file (service/map-downloads.ts), sent as an attachment. Not
 * kept in the response cache (files, not JSON); the map's rows are kept by the service.
 * GET /api/maps.pdf (plus `size=a4|a3`, `lang=`): the app's print view through Chromium
 * (server/map-pdf.ts).
 */
import { Hono, type Context } from 'hono';
import { MapPdfQuerySchema } from '../../api/map-pdf.js';
import { MapQuerySchema } from '../../api/schemas.js';
import { mapCsv, mapGeoJson, mapGeoPackage, type MapDownload } from '../../service/map-downloads.js';
import { getMapRows } from '../../service/map-rows.js';
import { readContextAt, type ReadContext } from '../../service/read-context.js';
import { ownOrigin, type AuthDeps } from '../auth/request-context.js';
import type { MapPdfRenderer } from '../map-pdf.js';
import { cacheControl, parseQuery } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

type Writer = (ctx: ReadContext, q: ReturnType<typeof MapQuerySchema.parse>) => Promise<MapDownload>;

export function mapDownloadRoutes(deps: ServerDeps, auth: AuthDeps, pdf: MapPdfRenderer): Hono {
  const app = new Hono();
  const route = (write: Writer) => async (c: Context) => {
    const q = parseQuery(MapQuerySchema, c.req.query());
    const file = await write(await readContextAt(deps.read, q.edition), q);
    const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
    return c.body(body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': cacheControl(c, 300),
      Vary: 'Accept-Encoding, Cookie, Authorization',
    });
  };
  app.get('/maps.csv', route(mapCsv));
  app.get('/maps.geojson', route(mapGeoJson));
  app.get('/maps.gpkg', route(mapGeoPackage));
  app.get('/maps.pdf', async (c) => {
    const q = parseQuery(MapPdfQuerySchema, c.req.query());
    // EDITION_NOT_FOUND / EDITION_GONE, AREA_NOT_FOUND / MAP_NOT_FOUND before Chromium
    const rows = await getMapRows(await readContextAt(deps.read, q.edition), q);
    const credentials: Record<string, string> = {};
    for (const h of ['cookie', 'authorization']) {
      const v = c.req.header(h);
      if (v) credentials[h] = v;
    }
    const body = await pdf.render(q, credentials, ownOrigin(c, auth.options));
    const when = rows.built.period ?? rows.built.year ?? '';
    const name = `veerkracht-${[rows.area?.id ?? 'nl', rows.built.spec.id, when, q.size ?? 'a4'].join('-')}.pdf`;
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': cacheControl(c, 300),
      Vary: 'Accept-Encoding, Cookie, Authorization',
    });
  });
  return app;
}
