/** GET /api/audit?limit=&before=&event=: the audit log, newest first (admins). */
import { Hono } from 'hono';
import { AuditQuerySchema } from '../../api/members.js';
import { listAudit } from '../../service/members/audit.js';
import { parseQuery } from '../cached-route.js';
import { requireUser, type AuthDeps } from '../auth/request-context.js';

export function auditRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parseQuery(AuditQuerySchema, c.req.query());
    return c.json(await listAudit(deps.members, requireUser(c), q), 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
