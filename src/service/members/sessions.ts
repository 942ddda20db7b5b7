/**
 * Sessions (docs/decisions/005-sessions-and-share-links.md): a login checks the throttle, then
 * the password, and creates a new session — a fresh random id, never one the client brought
 * (rotation: a session cookie presented at login is deleted). The store keeps the id's SHA-256,
 * the user, a CSRF token, the last request and the absolute end. A session ends after
 * `sessionIdleMinutes` without requests, `sessionAbsoluteHours` after login, at logout, when its
 * user is disabled or sets a new password.
 */
import type { LoginRequest, SessionResponse } from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import type { SessionUser } from '../../storage/members-store.js';
import { audit } from './audit.js';
import { minutesFrom, type MembersContext } from './members-context.js';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './passwords.js';
import { randomToken, tokenHash } from './secrets.js';
import { shareLinkView } from './share-links.js';
import { accountKey, addressKey, countAttempt, loginSucceeded } from './throttle.js';
import type { UserViewer, Viewer } from './viewer.js';

/** The last-request time is written at most this often (idle expiry is as precise as this). */
const TOUCH_EVERY_MS = 60_000;

export interface LoginResult {
  /** The new session id: the cookie's value (only its hash is stored). */
  sessionId: string;
  viewer: UserViewer;
}

const WRONG = 'e-mail address or password is wrong';

export async function login(
  ctx: MembersContext,
  request: LoginRequest,
  address: string,
  presentedSessionId: string | undefined,
): Promise<LoginResult> {
  const members = ctx.read.store.members;
  const email = request.email.trim().toLowerCase();
  try {
    await countAttempt(ctx, [accountKey(email), addressKey(address)]);
  } catch (e) {
    await audit(ctx, 'login.throttled', { actor: email || 'anonymous', address });
    throw e;
  }
  const user = email ? await members.findUser({ email }) : undefined;
  const ok =
    user && user.passwordHash
      ? await verifyPassword(user.passwordHash, request.password)
      : await verifyNothing(request.password);
  if (!user || !ok || user.disabled) {
    const reason = !user ? 'unknown-account' : !ok ? 'wrong-password' : 'disabled';
    await audit(ctx, 'login.failed', {
      actor: email || 'anonymous',
      organisationId: user?.organisationId ?? null,
      address,
      detail: { reason },
    });
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  await loginSucceeded(ctx, accountKey(email), addressKey(address));
  const now = ctx.now();
  if (needsRehash(user.passwordHash!))
    await members.updateUser(user.id, { passwordHash: await hashPassword(request.password) });
  if (presentedSessionId) await members.deleteSession(tokenHash(presentedSessionId));
  await members.deleteExpiredSessions(now.toISOString(), minutesFrom(now, -ctx.settings.sessionIdleMinutes));
  const sessionId = randomToken();
  const session = {
    idHash: tokenHash(sessionId),
    userId: user.id,
    csrfToken: randomToken(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: minutesFrom(now, ctx.settings.sessionAbsoluteHours * 60),
  };
  await members.createSession(session);
  await members.updateUser(user.id, { lastLoginAt: now.toISOString() });
  const viewer = userViewer(user, session.idHash, session.csrfToken, session.expiresAt);
  await audit(ctx, 'login.succeeded', { actor: viewer, organisationId: user.organisationId, address });
  return { sessionId, viewer };
}

function userViewer(user: SessionUser, idHash: string, csrfToken: string, expiresAt: string): UserViewer {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    organisationId: user.organisationId,
    role: user.role,
    sessionIdHash: idHash,
    csrfToken,
    expiresAt,
  };
}

/** The viewer of a session cookie; null when the session is unknown, ended or its user disabled. */
export async function resolveSession(ctx: MembersContext, sessionId: string): Promise<UserViewer | null> {
  const members = ctx.read.store.members;
  const idHash = tokenHash(sessionId);
  const found = await members.findSession(idHash);
  if (!found) return null;
  const { session, user } = found;
  const now = ctx.now();
  const idleSince = Date.parse(session.lastSeenAt);
  const ended =
    Date.parse(session.expiresAt) <= now.getTime() ||
    idleSince + ctx.settings.sessionIdleMinutes * 60_000 <= now.getTime() ||
    user.disabled;
  if (ended) {
    await members.deleteSession(idHash);
    return null;
  }
  if (now.getTime() - idleSince >= TOUCH_EVERY_MS) await members.touchSession(idHash, now.toISOString());
  return userViewer(user, idHash, session.csrfToken, session.expiresAt);
}

export async function logout(ctx: MembersContext, viewer: UserViewer, address: string): Promise<void> {
  await ctx.read.store.members.deleteSession(viewer.sessionIdHash);
  await audit(ctx, 'logout', { actor: viewer, organisationId: viewer.organisationId, address });
}

/** The body of GET /api/session (and of a successful POST /api/session). */
export async function sessionResponse(ctx: MembersContext, viewer: Viewer): Promise<SessionResponse> {
  const access = ctx.settings.access;
  switch (viewer.kind) {
    case 'anonymous':
      return { kind: 'anonymous', access };
    case 'share-link':
      return { kind: 'share-link', access, shareLink: await shareLinkView(ctx, viewer) };
    case 'user': {
      const organisation = await ctx.read.store.members.findOrganisation({ id: viewer.organisationId });
      return {
        kind: 'user',
        access,
        user: { id: viewer.userId, email: viewer.email, name: viewer.name },
        organisation: { id: viewer.organisationId, name: organisation?.name ?? '' },
        role: viewer.role,
        csrfToken: viewer.csrfToken,
        expiresAt: viewer.expiresAt,
        idleMinutes: ctx.settings.sessionIdleMinutes,
      };
    }
  }
}
