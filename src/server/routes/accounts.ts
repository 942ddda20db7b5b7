/**
 * Organisations, users and passwords:
 * GET/POST /api/organisations (POST: admins); GET/POST /api/users, PATCH /api/users/:id,
 * POST /api/users/:id/reset-link (admins, and org-admins for their organisation);
 * POST /api/password `{ token, password }` sets a password with an invitation or reset link.
 * Invitation and reset links are `/wachtwoord#<token>`: the token travels in the fragment,
 * which browsers never send to a server or put in a Referer. With an SMTP server configured the
 * link is also mailed to the user (`mail` in the answer says whether that worked).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SetPasswordRequestSchema } from '../../api/members.js';
import { NoQuerySchema } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import {
  addUserFromRequest,
  createAccountLink,
  createOrganisation,
  listOrganisations,
  listUsers,
  setPasswordWithToken,
  updateUser,
} from '../../service/members/accounts.js';
import { mailAccountLink, type MailOutcome } from '../../service/members/account-mail.js';
import type { UserViewer } from '../../service/members/viewer.js';
import { parseQuery } from '../cached-route.js';
import { clientAddress, ownOrigin, readJson, requireUser, type AuthDeps } from '../auth/request-context.js';

const PRIVATE = { 'Cache-Control': 'no-store' };
const UsersQuerySchema = z.strictObject({ organisation: z.coerce.number().int().min(1).optional() });

function idParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new AppError('NOT_FOUND', `no user '${raw ?? ''}'`);
  return Number(raw);
}

export function organisationRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await listOrganisations(deps.members, requireUser(c)), 200, PRIVATE);
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const body = await readJson(c, '{ name }');
    return c.json(
      await createOrganisation(deps.members, viewer, body, clientAddress(c, deps.options)),
      201,
      PRIVATE,
    );
  });
  return app;
}

export function userRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  const link = (c: Context, token: string) => `${ownOrigin(c, deps.options)}/wachtwoord#${token}`;
  /** Mails the link when a mailer is configured; a failure is logged here (no details to the client). */
  const mail = async (
    c: Context,
    viewer: UserViewer,
    userId: number,
    made: { url: string; purpose: 'invitation' | 'reset'; expiresAt: string },
  ): Promise<MailOutcome> => {
    if (!deps.members.mailer) return 'not-configured';
    const user = await deps.members.read.store.members.findUser({ id: userId });
    const org = user && (await deps.members.read.store.members.findOrganisation({ id: user.organisationId }));
    if (!user || !org) return 'failed';
    const { outcome, error } = await mailAccountLink(
      deps.members,
      viewer,
      { ...made, email: user.email, name: user.name, organisation: org.name, userId, organisationId: org.id },
      clientAddress(c, deps.options),
    );
    if (error)
      console.error('%s', `mail of a ${made.purpose} link to user ${userId} failed: ${error.message}`);
    return outcome;
  };
  app.get('/', async (c) => {
    const q = parseQuery(UsersQuerySchema, c.req.query());
    return c.json(await listUsers(deps.members, requireUser(c), q.organisation), 200, PRIVATE);
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const body = await readJson(c, '{ email, name?, role, organisationId? }');
    const { user, invitation } = await addUserFromRequest(
      deps.members,
      viewer,
      body,
      clientAddress(c, deps.options),
    );
    const made = {
      url: link(c, invitation.token),
      purpose: invitation.purpose,
      expiresAt: invitation.expiresAt,
    };
    const outcome = await mail(c, viewer, user.id, made);
    return c.json(
      { user, invitation: { url: made.url, expiresAt: made.expiresAt, mail: outcome } },
      201,
      PRIVATE,
    );
  });
  app.patch('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const body = await readJson(c, '{ role?, disabled?, name? }');
    return c.json(
      await updateUser(
        deps.members,
        viewer,
        idParam(c.req.param('id')),
        body,
        clientAddress(c, deps.options),
      ),
      200,
      PRIVATE,
    );
  });
  app.post('/:id/reset-link', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const id = idParam(c.req.param('id'));
    const token = await createAccountLink(deps.members, viewer, id, clientAddress(c, deps.options));
    const made = { url: link(c, token.token), purpose: token.purpose, expiresAt: token.expiresAt };
    const outcome = await mail(c, viewer, id, made);
    return c.json({ url: made.url, expiresAt: made.expiresAt, mail: outcome }, 201, PRIVATE);
  });
  return app;
}

export function passwordRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const parsed = SetPasswordRequestSchema.safeParse(await readJson(c, '{ token, password }'));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('USAGE', `password: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    await setPasswordWithToken(
      deps.members,
      parsed.data.token,
      parsed.data.password,
      clientAddress(c, deps.options),
    );
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
