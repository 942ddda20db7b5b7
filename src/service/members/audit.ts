/**
 * The audit log of security-relevant events: logins and failed logins, logouts, share links
 * created and revoked, users, organisations and passwords changed, own stock uploaded, notes
 * edited and deleted. Readable by admins (GET /api/audit). Details hold ids and counts, never
 * passwords, tokens or note text.
 */
import type { AuditResponse } from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import { actorName, hasRole, type Viewer } from './viewer.js';
import type { MembersContext } from './members-context.js';

export type AuditEvent =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'share-link.created'
  | 'share-link.revoked'
  | 'organisation.created'
  | 'user.created'
  | 'user.updated'
  | 'user.link-created'
  | 'user.link-mailed'
  | 'user.password-set'
  | 'own-stock.uploaded'
  | 'own-stock.cleared'
  | 'note.updated'
  | 'note.deleted';

export interface AuditEntry {
  /** A viewer, or a name for the CLI ('cli') and failed logins (the address tried). */
  actor: Viewer | string;
  organisationId?: number | null;
  address?: string | null;
  detail?: Record<string, unknown>;
}

export async function audit(ctx: MembersContext, event: AuditEvent, entry: AuditEntry): Promise<void> {
  const actor = typeof entry.actor === 'string' ? entry.actor : actorName(entry.actor);
  const actorUserId =
    typeof entry.actor !== 'string' && entry.actor.kind === 'user' ? entry.actor.userId : null;
  await ctx.read.store.members.appendAudit({
    at: ctx.now().toISOString(),
    event,
    actorUserId,
    actor,
    organisationId: entry.organisationId ?? null,
    address: entry.address ?? null,
    detail: entry.detail ?? {},
  });
}

/** GET /api/audit: admins only. */
export async function listAudit(
  ctx: MembersContext,
  viewer: Viewer,
  q: { limit?: number | undefined; before?: number | undefined; event?: string | undefined },
): Promise<AuditResponse> {
  if (!hasRole(viewer, 'admin')) throw new AppError('FORBIDDEN', 'the audit log is for administrators');
  const rows = await ctx.read.store.members.listAudit({
    limit: q.limit ?? 100,
    ...(q.before !== undefined ? { beforeId: q.before } : {}),
    ...(q.event !== undefined ? { event: q.event } : {}),
  });
  return {
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      event: r.event,
      actor: r.actor,
      organisationId: r.organisationId,
      address: r.address,
      detail: r.detail,
    })),
  };
}
