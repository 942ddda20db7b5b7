/**
 * A synthetic store with members for the API tests: three gemeenten (GM0917, GM0928, GM0882),
 * an operator organisation with an admin, organisation A (an org-admin and a member) and
 * organisation B (a member), each with private data marked by unique strings (region name,
 * notes, own-stock file name and dwellings, share-link label), logged-in sessions and share
 * links of A (one for GM0917 including notes and own stock, one for GM0928 without). Every
 * viewer of the authorisation matrix is an entry of `viewers`: the headers its requests carry.
 */
import { createApp, type AppOptions } from '../../src/server/app.js';
import { addUser, ensureOrganisation } from '../../src/service/members/accounts.js';
import { createMembersContext } from '../../src/service/members/members-context.js';
import { createReadContext } from '../../src/service/read-context.js';
import type { AccessMode } from '../../src/api/members.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from './synthetic-store.js';

export const VIEWERS = [
  'anonymous',
  'link-this-area',
  'link-other-area',
  'member',
  'org-admin',
  'admin',
  'other-org',
] as const;
export type ViewerName = (typeof VIEWERS)[number];

export const PASSWORD = 'correct horse battery staple';
export const EMAILS = {
  admin: 'beheer@operator.example',
  'org-admin': 'beheer@woonstichting-a.example',
  member: 'adviseur@woonstichting-a.example',
  'other-org': 'adviseur@woonstichting-b.example',
} as const;

export interface Credentials {
  headers: Record<string, string>;
  /** For users: the CSRF token of their session. */
  csrf?: string;
}

export interface MembersFixture {
  app: ReturnType<typeof createApp>;
  store: SqliteStore;
  access: AccessMode;
  viewers: Record<ViewerName, Credentials>;
  /** Strings that occur only in organisation B's private data. */
  orgBSecrets: string[];
  /** Strings that occur only in organisation A's private data (notes private, own stock, region). */
  orgASecrets: string[];
  /** Organisation A's note shared with all members (not a secret from members). */
  orgASharedNote: string;
  ids: {
    orgA: number;
    orgB: number;
    operator: number;
    regionA: string;
    regionB: string;
    linkThis: string;
    linkOther: string;
    linkB: string;
    buurtA: string;
    users: Record<keyof typeof EMAILS, number>;
  };
  /** A fresh session for a user (its own cookie and CSRF token). */
  login(email: string, address?: string): Promise<Credentials>;
  /** A JSON write as a user (cookie, CSRF token, Origin of the app). */
  write(who: Credentials, method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export const ORIGIN = 'http://localhost';

export async function membersFixture(
  access: AccessMode,
  options: Partial<AppOptions> = {},
): Promise<MembersFixture> {
  const store = await syntheticStore({
    gemeenten: 3,
    buurtenPerGemeente: 12,
    gemeenteCodes: ['GM0917', 'GM0928', 'GM0882'],
  });
  const app = createApp(store, {
    webRoot: '/nonexistent',
    checkIntervalMs: 0,
    access,
    members: { trustProxy: true },
    ...options,
  });
  const members = createMembersContext(createReadContext(store, { checkIntervalMs: 0 }), { access });
  const operator = (await ensureOrganisation(members, 'Operator')).organisation;
  const orgA = (await ensureOrganisation(members, 'Woonstichting A')).organisation;
  const orgB = (await ensureOrganisation(members, 'Woonstichting B')).organisation;
  const add = async (email: string, role: 'admin' | 'org-admin' | 'member', organisationId: number) =>
    (await addUser(members, 'cli', { email, role, organisationId, password: PASSWORD })).user.id;
  const users = {
    admin: await add(EMAILS.admin, 'admin', operator.id),
    'org-admin': await add(EMAILS['org-admin'], 'org-admin', orgA.id),
    member: await add(EMAILS.member, 'member', orgA.id),
    'other-org': await add(EMAILS['other-org'], 'member', orgB.id),
  };

  let addressCounter = 0;
  const login = async (email: string, address = `10.0.0.${++addressCounter}`): Promise<Credentials> => {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'X-Forwarded-For': address },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .find((h) => h.startsWith('vk_session='))!
      .split(';')[0]!;
    const body = (await res.json()) as { csrfToken: string };
    return { headers: { Cookie: cookie }, csrf: body.csrfToken };
  };
  const write = async (who: Credentials, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...who.headers,
        Origin: ORIGIN,
        ...(who.csrf ? { 'X-CSRF-Token': who.csrf } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const json = async <T>(res: Response, what: string): Promise<T> => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const sessions = {
    admin: await login(EMAILS.admin),
    'org-admin': await login(EMAILS['org-admin']),
    member: await login(EMAILS.member),
    'other-org': await login(EMAILS['other-org']),
  };
  const buurten = (
    await json<{ features: { id: string }[] }>(
      await app.request('/api/maps?area=GM0917&map=corporatiebezit', { headers: sessions.member.headers }),
      'map',
    )
  ).features.map((f) => f.id);
  const buurtA = buurten[0]!;

  const secret = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  const orgBSecrets = {
    region: secret('ORGB Werkgebied'),
    note: secret('ORGB-PRIVATE-NOTE'),
    link: secret('ORGB-LINK-LABEL'),
    file: `${secret('orgb-stock')}.csv`,
  };
  const orgASecrets = {
    region: secret('ORGA Werkgebied'),
    note: secret('ORGA-PRIVATE-NOTE'),
    file: `${secret('orga-stock')}.csv`,
  };
  const orgASharedNote = secret('ORGA-SHARED-NOTE');

  // Organisation A: region, notes (private and shared), own stock, two share links
  const regionA = (
    await json<{ id: string }>(
      await write(sessions.member, 'POST', '/api/regions', {
        name: orgASecrets.region,
        gemeenten: ['GM0917', 'GM0928'],
      }),
      'region A',
    )
  ).id;
  await json(
    await write(sessions.member, 'POST', '/api/notes', { buurt: buurtA, text: orgASecrets.note }),
    'note A',
  );
  await json(
    await write(sessions.member, 'POST', '/api/notes', {
      buurt: buurtA,
      text: orgASharedNote,
      visibility: 'members',
      kind: 'practice',
    }),
    'shared note A',
  );
  const uploadA = await app.request(`/api/own-stock?file=${orgASecrets.file}`, {
    method: 'POST',
    headers: {
      ...sessions['org-admin'].headers,
      'X-CSRF-Token': sessions['org-admin'].csrf!,
      Origin: ORIGIN,
      'Content-Type': 'text/csv',
    },
    body: `buurt_code,dwellings,year\n${buurten
      .slice(0, 6)
      .map((b, i) => `${b},${100 + i},2024`)
      .join('\n')}\n`,
  });
  await json(uploadA, 'own stock A');
  const linkThis = await json<{ id: string; token: string }>(
    await write(sessions.member, 'POST', '/api/share-links', {
      area: 'GM0917',
      label: 'Overleg prestatieafspraken',
      includeNotes: true,
      includeOwnStock: true,
    }),
    'link this area',
  );
  const linkOther = await json<{ id: string; token: string }>(
    await write(sessions.member, 'POST', '/api/share-links', { area: 'GM0928', label: 'Overleg buren' }),
    'link other area',
  );

  // Organisation B: the same kinds of private data, on the same gemeente
  const regionB = (
    await json<{ id: string }>(
      await write(sessions['other-org'], 'POST', '/api/regions', {
        name: orgBSecrets.region,
        gemeenten: ['GM0917', 'GM0882'],
      }),
      'region B',
    )
  ).id;
  await json(
    await write(sessions['other-org'], 'POST', '/api/notes', { buurt: buurtA, text: orgBSecrets.note }),
    'note B',
  );
  // B's stock is uploaded directly (B has no org-admin): 4321 dwellings in the first buurt
  await store.members.replaceOwnStock(
    orgB.id,
    [{ buurtCode: buurtA, year: 2024, dwellings: 4321, complexes: null }],
    {
      organisationId: orgB.id,
      file: orgBSecrets.file,
      checksum: 'b',
      rows: 1,
      buurten: 1,
      dwellings: 4321,
      years: [2024],
      uploadedBy: users['other-org'],
      uploadedAt: new Date().toISOString(),
    },
  );
  const linkB = await json<{ id: string; token: string }>(
    await write(sessions['other-org'], 'POST', '/api/share-links', {
      area: regionB,
      label: orgBSecrets.link,
      includeNotes: true,
      includeOwnStock: true,
    }),
    'link B',
  );

  const viewers: Record<ViewerName, Credentials> = {
    anonymous: { headers: {} },
    'link-this-area': { headers: { Authorization: `Bearer ${linkThis.token}` } },
    'link-other-area': { headers: { Authorization: `Bearer ${linkOther.token}` } },
    ...sessions,
  };
  return {
    app,
    store,
    access,
    viewers,
    orgBSecrets: [...Object.values(orgBSecrets), regionB, linkB.id, linkB.token, '4321'],
    orgASecrets: [...Object.values(orgASecrets), regionA],
    orgASharedNote,
    ids: {
      orgA: orgA.id,
      orgB: orgB.id,
      operator: operator.id,
      regionA,
      regionB,
      linkThis: linkThis.id,
      linkOther: linkOther.id,
      linkB: linkB.id,
      buurtA,
      users,
    },
    login,
    write,
    close: () => store.close(),
  };
}
