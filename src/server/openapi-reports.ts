/** OpenAPI paths of the area reports (GET /api/reports/<area>.pdf, routes/reports.ts). */

export function reportPaths(): Record<string, unknown> {
  return {
    '/api/reports/{area}.pdf': {
      get: {
        summary:
          'The report of a gemeente or region as PDF (A4 landscape): cover with the deep link and its QR code, key figures, the nine maps one per page (legend with counts, how to read, sources), the buurten whose class changed since the previous period, the buurt table, the method in brief and the sources. Made by the app’s own print view; kept per data version',
        parameters: [
          {
            name: 'area',
            in: 'path',
            required: true,
            description: 'Gemeente code (GMgggg) or region id',
            schema: { type: 'string', example: 'GM0917' },
          },
          {
            name: 'lang',
            in: 'query',
            required: false,
            description: 'nl (default) or en',
            schema: { type: 'string', enum: ['nl', 'en'] },
          },
          {
            name: 'edition',
            in: 'query',
            required: false,
            description: 'A data edition id (GET /api/editions); absent = the newest',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          '200': {
            description: 'The report, as an attachment',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          '400': { description: 'USAGE: unknown or malformed parameter' },
          '401': { description: 'UNAUTHENTICATED (members mode)' },
          '403': { description: 'FORBIDDEN: a share link of another area' },
          '404': { description: 'AREA_NOT_FOUND, EDITION_NOT_FOUND' },
          '410': { description: 'EDITION_GONE: the edition is past the retention' },
        },
      },
    },
  };
}
