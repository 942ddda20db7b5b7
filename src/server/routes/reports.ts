/**
 * GET /api/reports/<area>.pdf[?lang=en][&edition=N]: the report of a gemeente or region as PDF
 * (server/report-pdf.ts). The area is resolved first (AREA_NOT_FOUND before Chromium starts);
 * the read guard has checked that the viewer may see it (a share link: its own area only).
 * Not in the JSON response cache: the renderer keeps the PDFs per data version.
 */
import { Hono } from 'hono';
import { reportAreaOf, ReportQuerySchema } from '../../api/report-pdf.js';
import { AppError } from '../../core/app-error.js';
import { readContextAt } from '../../service/read-context.js';
import { findReportArea } from '../../service/report.js';
import { ownOrigin, type AuthDeps } from '../auth/request-context.js';
import { cacheControl, parseQuery } from '../cached-route.js';
import { printCredentials } from '../print-browser.js';
import type { ReportPdfRenderer } from '../report-pdf.js';
import type { ServerDeps } from '../server-deps.js';

export function reportRoutes(deps: ServerDeps, auth: AuthDeps, reports: ReportPdfRenderer): Hono {
  const app = new Hono();
  app.get('/:file', async (c) => {
    const raw = reportAreaOf(c.req.param('file'));
    if (raw === null)
      throw new AppError(
        'ROUTE_NOT_FOUND',
        `no API route GET ${c.req.path}; a report is /api/reports/<area>.pdf`,
      );
    const q = parseQuery(ReportQuerySchema, c.req.query());
    const area = await findReportArea(await readContextAt(deps.read, q.edition), raw);
    const body = await reports.render(
      {
        area: area.id,
        lang: q.lang ?? 'nl',
        dataVersion: area.dataVersion,
        ...(q.edition !== undefined ? { edition: q.edition } : {}),
        publicOrigin: ownOrigin(c, auth.options),
      },
      printCredentials((h) => c.req.header(h)),
    );
    const name =
      `veerkracht-rapport-${area.id}-${area.name}${q.edition !== undefined ? `-editie-${q.edition}` : ''}${q.lang === 'en' ? '-en' : ''}.pdf`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9._-]+/g, '_');
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': cacheControl(c, 300),
      Vary: 'Accept-Encoding, Cookie, Authorization',
    });
  });
  return app;
}
