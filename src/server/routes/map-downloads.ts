/**
 * GET /api/maps.csv, /api/maps.geojson, /api/maps.gpkg with the query of GET /api/maps: one
 * map of a gemeente or region as a file (service/map-downloads.ts), sent as an attachment. Not
 * kept in the response cache (files, not JSON); the map's rows are kept by the service.
 */
import { Hono, type Context } from 'hono';
import { MapQuerySchema } from '../../api/schemas.js';
import { mapCsv, mapGeoJson, mapGeoPackage, type MapDownload } from '../../service/map-downloads.js';
import type { ReadContext } from '../../service/read-context.js';
import { cacheControl, parseQuery } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

type Writer = (ctx: ReadContext, q: ReturnType<typeof MapQuerySchema.parse>) => Promise<MapDownload>;

export function mapDownloadRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  const route = (write: Writer) => async (c: Context) => {
    const file = await write(deps.read, parseQuery(MapQuerySchema, c.req.query()));
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
  return app;
}
