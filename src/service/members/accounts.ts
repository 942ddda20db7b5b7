/**
 * Organisations and users: the operator (admin) manages organisations and every user; an
 * org-admin manages the users of their organisation (never admins); members manage nobody.
 * New users get an invitation link (no mail server needed: the link is shown to whoever invited
 * them); `veerkracht users add --password-stdin` sets a password at once. Invitation and reset
 * links are 256-bit tokens, stored hashed, used once, and expire (7 days, 24 hours).
 */
import {
  CreateOrganisationRequestSchema,
  CreateUserRequestSchema,
  PasswordSchema,
  UpdateUserRequestSchema,
  type Organisation,
  type OrganisationsResponse,
  type User,
  type UsersResponse,
} from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import type { AccountTokenPurpose, OrganisationRow, Role, UserRow } from '../../storage/members-store.js';
import { nameKey } from '../regions.js';
import { audit } from './audit.js';
import { minutesFrom, type MembersContext } from './members-context.js';
import { hashPassword } from './passwords.js';
import { looksLikeToken, randomToken, tokenHash } from './secrets.js';
import { hasRole, type UserViewer } from './viewer.js';

/** Who changes accounts: a user through the API, or the operator through the CLI. */
export type AccountActor = UserViewer | 'cli';

function usage(e: { issues: { path: PropertyKey[]; message: string }[] }, what: string): AppError {
  const issue = e.issues[0]!;
  return new AppError('USAGE', `${what}: ${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

function isAdmin(actor: AccountActor): boolean {
  return actor === 'cli' || hasRole(actor, 'admin');
}

/** Password rules: 12–256 characters, not the e-mail address or its name part. */
export function checkPassword(password: string, email: string): void {
  const r = PasswordSchema.safeParse(password);
  if (!r.success) throw new AppError('USAGE', r.error.issues[0]!.message);
  const lower = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (lower === email || (local.length >= 4 && lower.includes(local)))
    throw new AppError('USAGE', 'a password must not contain the e-mail address');
}

export function userView(user: UserRow, organisation: string): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisation: { id: user.organisationId, name: organisation },
    status: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'invited',
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
  };
}

/** The organisation named `name`, created when it does not exist yet. */
export async function ensureOrganisation(
  ctx: MembersContext,
  name: string,
): Promise<{ organisation: OrganisationRow; created: boolean }> {
  const members = ctx.read.store.members;
  const found = await members.findOrganisation({ nameKey: nameKey(name) });
  if (found) return { organisation: found, created: false };
  const organisation = await members.createOrganisation(name, nameKey(name), ctx.now().toISOString());
  await audit(ctx, 'organisation.created', { actor: 'cli', organisationId: organisation.id });
  return { organisation, created: true };
}

/** POST /api/organisations (admins). */
export async function createOrganisation(
  ctx: MembersContext,
  viewer: UserViewer,
  raw: unknown,
  address: string,
): Promise<Organisation> {
  if (!hasRole(viewer, 'admin')) throw new AppError('FORBIDDEN', 'only administrators add organisations');
  const parsed = CreateOrganisationRequestSchema.safeParse(raw);
  if (!parsed.success) throw usage(parsed.error, 'organisation');
  const members = ctx.read.store.members;
  if (await members.findOrganisation({ nameKey: nameKey(parsed.data.name) }))
    throw new AppError('ALREADY_EXISTS', `an organisation named '${parsed.data.name}' exists already`);
  const row = await members.createOrganisation(
    parsed.data.name,
    nameKey(parsed.data.name),
    ctx.now().toISOString(),
  );
  await audit(ctx, 'organisation.created', { actor: viewer, organisationId: row.id, address });
  return { id: row.id, name: row.name, users: 0, createdAt: row.createdAt };
}

/** GET /api/organisations: every organisation for admins, one's own for everybody else. */
export async function listOrganisations(
  ctx: MembersContext,
  viewer: UserViewer,
): Promise<OrganisationsResponse> {
  const members = ctx.read.store.members;
  const all = await members.listOrganisations();
  const users = await members.listUsers({});
  const visible = hasRole(viewer, 'admin') ? all : all.filter((o) => o.id === viewer.organisationId);
  return {
    organisations: visible.map((o) => ({
      id: o.id,
      name: o.name,
      users: users.filter((u) => u.organisationId === o.id).length,
      createdAt: o.createdAt,
    })),
  };
}

export interface NewUser {
  email: string;
  name?: string | undefined;
  role: Role;
  organisationId: number;
  /** Set at once (the CLI); without it the user gets an invitation link. */
  password?: string | undefined;
}

export interface AccountLinkToken {
  /** The raw token: shown once, in the link `/wachtwoord#<token>`. */
  token: string;
  purpose: AccountTokenPurpose;
  expiresAt: string;
}

/** Adds a user; without a password also an invitation link. */
export async function addUser(
  ctx: MembersContext,
  actor: AccountActor,
  input: NewUser,
  address: string | null = null,
): Promise<{ user: UserRow; invitation: AccountLinkToken | null }> {
  if (actor !== 'cli' && !hasRole(actor, 'admin')) {
    if (!hasRole(actor, 'org-admin') || actor.organisationId !== input.organisationId)
      throw new AppError('FORBIDDEN', "only administrators and your organisation's administrators add users");
    if (input.role === 'admin') throw new AppError('FORBIDDEN', 'only administrators make administrators');
  }
  const members = ctx.read.store.members;
  const email = input.email.trim().toLowerCase();
  if (!(await members.findOrganisation({ id: input.organisationId })))
    throw new AppError('NOT_FOUND', `no organisation ${input.organisationId}`);
  if (await members.findUser({ email }))
    throw new AppError('ALREADY_EXISTS', `a user ${email} exists already`);
  if (input.password !== undefined) checkPassword(input.password, email);
  const now = ctx.now().toISOString();
  const user = await members.createUser({
    email,
    name: input.name ?? null,
    organisationId: input.organisationId,
    role: input.role,
    passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
    disabled: false,
    createdAt: now,
    passwordChangedAt: input.password !== undefined ? now : null,
  });
  await audit(ctx, 'user.created', {
    actor,
    organisationId: user.organisationId,
    address,
    detail: { userId: user.id, role: user.role },
  });
  const invitation = input.password === undefined ? await issueAccountLink(ctx, user, 'invitation') : null;
  return { user, invitation };
}

/** POST /api/users: `{ email, name?, role, organisationId? }` → the user and their invitation link token. */
export async function addUserFromRequest(
  ctx: MembersContext,
  viewer: UserViewer,
  raw: unknown,
  address: string,
): Promise<{ user: User; invitation: AccountLinkToken }> {
  const parsed = CreateUserRequestSchema.safeParse(raw);
  if (!parsed.success) throw usage(parsed.error, 'user');
  const organisationId = parsed.data.organisationId ?? viewer.organisationId;
  const { user, invitation } = await addUser(
    ctx,
    viewer,
    { email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, organisationId },
    address,
  );
  const org = await ctx.read.store.members.findOrganisation({ id: user.organisationId });
  return { user: userView(user, org?.name ?? ''), invitation: invitation! };
}

/** GET /api/users: admins see everybody (or one organisation), org-admins their organisation. */
export async function listUsers(
  ctx: MembersContext,
  viewer: UserViewer,
  organisationId?: number,
): Promise<UsersResponse> {
  if (!hasRole(viewer, 'org-admin'))
    throw new AppError('FORBIDDEN', "the user list is for your organisation's administrators");
  const members = ctx.read.store.members;
  const scope = hasRole(viewer, 'admin') ? organisationId : viewer.organisationId;
  const users = await members.listUsers(scope === undefined ? {} : { organisationId: scope });
  const orgs = new Map((await members.listOrganisations()).map((o) => [o.id, o.name]));
  return { users: users.map((u) => userView(u, orgs.get(u.organisationId) ?? '')) };
}

/** The user an actor may manage; members manage nobody, org-admins do not see other organisations' users. */
async function manageable(ctx: MembersContext, actor: AccountActor, id: number): Promise<UserRow> {
  const user = await ctx.read.store.members.findUser({ id });
  if (!user) throw new AppError('NOT_FOUND', `no user ${id}`);
  if (actor === 'cli' || hasRole(actor, 'admin')) return user;
  if (!hasRole(actor, 'org-admin'))
    throw new AppError('FORBIDDEN', "users are managed by your organisation's administrators");
  if (actor.organisationId !== user.organisationId) throw new AppError('NOT_FOUND', `no user ${id}`);
  if (user.role === 'admin') throw new AppError('FORBIDDEN', 'only administrators change administrators');
  return user;
}

/** PATCH /api/users/:id and `veerkracht users disable`: role, disabled, name. Disabling ends their sessions. */
export async function updateUser(
  ctx: MembersContext,
  actor: AccountActor,
  id: number,
  raw: unknown,
  address: string | null = null,
): Promise<User> {
  const parsed = UpdateUserRequestSchema.safeParse(raw);
  if (!parsed.success) throw usage(parsed.error, 'user');
  const patch = parsed.data;
  const user = await manageable(ctx, actor, id);
  if (patch.role === 'admin' && !isAdmin(actor))
    throw new AppError('FORBIDDEN', 'only administrators make administrators');
  const members = ctx.read.store.members;
  const losesAdmin =
    user.role === 'admin' && (patch.disabled === true || (patch.role && patch.role !== 'admin'));
  if (losesAdmin) {
    const admins = (await members.listUsers({})).filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length <= 1)
      throw new AppError('USAGE', 'the last administrator cannot be disabled or demoted');
  }
  await members.updateUser(id, {
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
  });
  if (patch.disabled === true || (patch.role !== undefined && patch.role !== user.role))
    await members.deleteUserSessions(id);
  await audit(ctx, 'user.updated', {
    actor,
    organisationId: user.organisationId,
    address,
    detail: { userId: id, ...patch, ...(patch.name !== undefined ? { name: true } : {}) },
  });
  const updated = (await members.findUser({ id }))!;
  const org = await members.findOrganisation({ id: updated.organisationId });
  return userView(updated, org?.name ?? '');
}

async function issueAccountLink(
  ctx: MembersContext,
  user: UserRow,
  purpose: AccountTokenPurpose,
): Promise<AccountLinkToken> {
  const members = ctx.read.store.members;
  await members.deleteAccountTokens(user.id);
  const now = ctx.now();
  const token = randomToken();
  const minutes =
    purpose === 'invitation' ? ctx.settings.invitationDays * 24 * 60 : ctx.settings.resetHours * 60;
  const expiresAt = minutesFrom(now, minutes);
  await members.createAccountToken({
    tokenHash: tokenHash(token),
    userId: user.id,
    purpose,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
  });
  return { token, purpose, expiresAt };
}

/**
 * POST /api/users/:id/reset-link and `veerkracht users reset-link`: a link to set a new password
 * (an invitation again for a user who never set one). Earlier unused links of the user stop working.
 */
export async function createAccountLink(
  ctx: MembersContext,
  actor: AccountActor,
  id: number,
  address: string | null = null,
): Promise<AccountLinkToken> {
  const user = await manageable(ctx, actor, id);
  const link = await issueAccountLink(ctx, user, user.passwordHash ? 'reset' : 'invitation');
  await audit(ctx, 'user.link-created', {
    actor,
    organisationId: user.organisationId,
    address,
    detail: { userId: id, purpose: link.purpose, expiresAt: link.expiresAt },
  });
  return link;
}

/** POST /api/password: sets the password of an invitation or reset link (once); ends the user's sessions. */
export async function setPasswordWithToken(
  ctx: MembersContext,
  token: string,
  password: string,
  address: string,
): Promise<void> {
  const invalid = new AppError(
    'ACCOUNT_LINK_INVALID',
    'this link is unknown, used or expired: ask for a new one',
  );
  if (!looksLikeToken(token)) throw invalid;
  const members = ctx.read.store.members;
  const hash = tokenHash(token);
  const row = await members.findAccountToken(hash);
  const now = ctx.now();
  if (!row || row.usedAt !== null || Date.parse(row.expiresAt) <= now.getTime()) throw invalid;
  const user = await members.findUser({ id: row.userId });
  if (!user || user.disabled) throw invalid;
  checkPassword(password, user.email);
  const passwordHash = await hashPassword(password);
  if (!(await members.useAccountToken(hash, now.toISOString()))) throw invalid;
  await members.updateUser(user.id, { passwordHash, passwordChangedAt: now.toISOString() });
  await members.deleteUserSessions(user.id);
  await audit(ctx, 'user.password-set', {
    actor: user.email,
    organisationId: user.organisationId,
    address,
    detail: { userId: user.id, via: row.purpose },
  });
}
