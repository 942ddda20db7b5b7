/**
 * The behaviour of Store.members (members-store.ts, store migration 6) every store must show —
 * what the services rely on: unique names and addresses, sessions found with their user, one-use
 * tokens, throttle windows counted in one statement, share links, own stock replaced per year,
 * notes by visibility with LIKE wildcards escaped, notes updated field by field, the audit log
 * newest first, the private-data version. SQLite runs it in sqlite/members-store.test.ts,
 * PostgreSQL in test/storage/pg-store.test.ts. Every MembersStore method is called here.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from './store.js';

const T = '2026-03-01T09:00:00.000Z';

export function runMembersStoreContract(open: () => Store | Promise<Store>): void {
  let store: Store;
  let org: number;
  let other: number;
  let user: number;
  beforeEach(async () => {
    store = await open();
    const m = store.members;
    org = (await m.createOrganisation('Woonstichting A', 'woonstichting-a', T)).id;
    other = (await m.createOrganisation('Woonstichting B', 'woonstichting-b', T)).id;
    user = (
      await m.createUser({
        email: 'a@x.example',
        name: 'An',
        organisationId: org,
        role: 'member',
        passwordHash: '$argon2id$…',
        disabled: false,
        createdAt: T,
      })
    ).id;
  });
  afterEach(() => store.close());

  it('keeps organisation names and e-mail addresses unique', async () => {
    await expect(store.members.createOrganisation('WOONSTICHTING A', 'woonstichting-a', T)).rejects.toThrow(
      /unique/i,
    );
    await expect(
      store.members.createUser({
        email: 'a@x.example',
        name: null,
        organisationId: other,
        role: 'member',
        passwordHash: null,
        disabled: false,
        createdAt: T,
      }),
    ).rejects.toThrow(/unique/i);
    expect((await store.members.findOrganisation({ nameKey: 'woonstichting-b' }))?.id).toBe(other);
  });

  it('finds a session with its user, touches, ends it and the expired ones', async () => {
    const m = store.members;
    const s = {
      userId: user,
      csrfToken: 'c',
      createdAt: T,
      lastSeenAt: T,
      expiresAt: '2026-03-01T21:00:00.000Z',
    };
    await m.createSession({ idHash: 'h1', ...s });
    await m.createSession({ idHash: 'h2', ...s, lastSeenAt: '2026-03-01T06:00:00.000Z' });
    expect(await m.findSession('h1')).toEqual({
      session: { idHash: 'h1', ...s },
      user: {
        id: user,
        email: 'a@x.example',
        name: 'An',
        organisationId: org,
        role: 'member',
        disabled: false,
      },
    });
    await m.touchSession('h1', '2026-03-01T10:00:00.000Z');
    expect((await m.findSession('h1'))?.session.lastSeenAt).toBe('2026-03-01T10:00:00.000Z');
    expect(await m.deleteExpiredSessions('2026-03-01T10:30:00.000Z', '2026-03-01T08:00:00.000Z')).toBe(1);
    expect(await m.findSession('h2')).toBeUndefined();
    expect(await m.deleteUserSessions(user)).toBe(1);
  });

  it('uses an account token once', async () => {
    const m = store.members;
    await m.createAccountToken({
      tokenHash: 't',
      userId: user,
      purpose: 'reset',
      createdAt: T,
      expiresAt: T,
      usedAt: null,
    });
    expect(await m.useAccountToken('t', T)).toBe(true);
    expect(await m.useAccountToken('t', T)).toBe(false);
    expect((await m.findAccountToken('t'))?.usedAt).toBe(T);
  });

  it('counts attempts in a window that starts again when it has passed', async () => {
    const m = store.members;
    expect(await m.countAttempt('account:a', T, '2026-03-01T08:45:00.000Z')).toEqual({
      failures: 1,
      windowStart: T,
    });
    expect((await m.countAttempt('account:a', T, '2026-03-01T08:45:00.000Z')).failures).toBe(2);
    await m.forgiveAttempt('account:a');
    expect((await m.countAttempt('account:a', T, '2026-03-01T08:45:00.000Z')).failures).toBe(2);
    const later = '2026-03-01T09:20:00.000Z';
    expect(await m.countAttempt('account:a', later, '2026-03-01T09:05:00.000Z')).toEqual({
      failures: 1,
      windowStart: later,
    });
    await m.clearThrottle('account:a');
    expect((await m.countAttempt('account:a', later, '2026-03-01T09:05:00.000Z')).failures).toBe(1);
  });

  it('keeps share links by token hash, revokes once and counts uses', async () => {
    const m = store.members;
    const link = {
      id: 'sl_1',
      tokenHash: 'th',
      organisationId: org,
      createdBy: user,
      label: 'Overleg',
      area: 'GM0917',
      map: null,
      period: null,
      edition: 'v1',
      includeOwnStock: true,
      includeNotes: false,
      createdAt: T,
      expiresAt: T,
      revokedAt: null,
      revokedBy: null,
      uses: 0,
      lastUsedAt: null,
    };
    await m.createShareLink(link);
    expect(await m.findShareLink({ tokenHash: 'th' })).toEqual(link);
    await m.recordShareLinkUse('sl_1', T, true);
    await m.recordShareLinkUse('sl_1', T, false);
    expect((await m.findShareLink({ id: 'sl_1' }))?.uses).toBe(1);
    expect(await m.revokeShareLink('sl_1', T, user)).toBe(true);
    expect(await m.revokeShareLink('sl_1', T, user)).toBe(false);
    expect(await m.listShareLinks({ organisationId: other })).toEqual([]);
  });

  it("replaces an organisation's stock of the years uploaded, and raises the private-data version", async () => {
    const m = store.members;
    const upload = (years: number[]) => ({
      organisationId: org,
      file: 'f.csv',
      checksum: 'x',
      rows: 1,
      buurten: 1,
      dwellings: 1,
      years,
      uploadedBy: user,
      uploadedAt: T,
    });
    const v0 = await m.privateDataVersion();
    await m.replaceOwnStock(
      org,
      [
        { buurtCode: 'BU09170001', year: 2023, dwellings: 10, complexes: null },
        { buurtCode: 'BU09170001', year: 2024, dwellings: 11, complexes: 2 },
      ],
      upload([2023, 2024]),
    );
    await m.replaceOwnStock(
      org,
      [{ buurtCode: 'BU09170002', year: 2024, dwellings: 5, complexes: null }],
      upload([2024]),
    );
    expect(await m.getOwnStock(org, {})).toEqual([
      { buurtCode: 'BU09170001', year: 2023, dwellings: 10, complexes: null },
      { buurtCode: 'BU09170002', year: 2024, dwellings: 5, complexes: null },
    ]);
    expect(await m.getOwnStock(other, {})).toEqual([]);
    expect(await m.privateDataVersion()).toBe(v0 + 2);
  });

  it("writes members' data inside the store's transaction: rolled back with it, committed with it", async () => {
    const stock = [{ buurtCode: 'BU09170001', year: 2024, dwellings: 7, complexes: null }];
    const upload = {
      organisationId: org,
      file: 'f.csv',
      checksum: 'x',
      rows: 1,
      buurten: 1,
      dwellings: 7,
      years: [2024],
      uploadedBy: user,
      uploadedAt: T,
    };
    const note = {
      organisationId: org,
      authorId: user,
      buurtCode: 'BU09170001',
      gemeenteCode: 'GM0917',
      kind: 'practice' as const,
      visibility: 'members' as const,
      text: 'in een transactie',
      createdAt: T,
      updatedAt: T,
    };
    const v0 = await store.members.privateDataVersion();
    await expect(
      store.transaction(async (tx) => {
        await tx.members.replaceOwnStock(org, stock, upload);
        await tx.members.createNote(note);
        throw new Error('refused after the writes');
      }),
    ).rejects.toThrow('refused after the writes');
    expect(await store.members.getOwnStock(org, {})).toEqual([]);
    expect(await store.members.listNotes({ organisationId: org, membersShared: false, limit: 5 })).toEqual(
      [],
    );
    expect(await store.members.privateDataVersion()).toBe(v0);
    await store.transaction(async (tx) => {
      await tx.members.replaceOwnStock(org, stock, upload);
      await tx.members.createNote(note);
    });
    expect(await store.members.getOwnStock(org, {})).toEqual(stock);
    expect(
      (await store.members.listNotes({ organisationId: org, membersShared: false, limit: 5 })).map(
        (n) => n.text,
      ),
    ).toEqual(['in een transactie']);
  });

  it('lists notes by visibility and finds text with % and _ taken literally', async () => {
    const m = store.members;
    const note = (organisationId: number, text: string, visibility: 'organisation' | 'members') =>
      m.createNote({
        organisationId,
        authorId: user,
        buurtCode: 'BU09170001',
        gemeenteCode: 'GM0917',
        kind: 'note',
        visibility,
        text,
        createdAt: T,
        updatedAt: T,
      });
    await note(org, 'eigen 50% meer', 'organisation');
    await note(other, 'van B, privé', 'organisation');
    await note(other, 'van B, gedeeld', 'members');
    const texts = async (q: Partial<Parameters<typeof m.listNotes>[0]>) =>
      (await m.listNotes({ organisationId: org, membersShared: true, limit: 50, ...q }))
        .map((n) => n.text)
        .sort();
    expect(await texts({})).toEqual(['eigen 50% meer', 'van B, gedeeld']);
    expect(await texts({ membersShared: false })).toEqual(['eigen 50% meer']);
    expect(await texts({ text: '50%' })).toEqual(['eigen 50% meer']);
    expect(await texts({ text: '%' })).toEqual(['eigen 50% meer']);
    expect(await texts({ text: 'b_ ' })).toEqual([]);
    expect(await texts({ gemeenten: ['GM0363'] })).toEqual([]);
    const [first] = await m.listNotes({ organisationId: org, membersShared: false, limit: 1 });
    expect(first).toMatchObject({ organisationName: 'Woonstichting A', authorName: 'An' });
  });

  it('updates the fields of a note it is given, sets updatedAt and raises the private-data version', async () => {
    const m = store.members;
    const note = await m.createNote({
      organisationId: org,
      authorId: user,
      buurtCode: 'BU09170001',
      gemeenteCode: 'GM0917',
      kind: 'note',
      visibility: 'organisation',
      text: 'eerst',
      createdAt: T,
      updatedAt: T,
    });
    const version = await m.privateDataVersion();
    const later = '2026-03-02T10:00:00.000Z';
    const updated = await m.updateNote(note.id, { text: 'daarna', updatedAt: later });
    expect(updated).toMatchObject({
      text: 'daarna',
      kind: 'note',
      visibility: 'organisation',
      createdAt: T,
      updatedAt: later,
    });
    expect(await m.privateDataVersion()).toBe(version + 1);
    expect(
      await m.updateNote(note.id, { visibility: 'members', kind: 'practice', updatedAt: later }),
    ).toMatchObject({
      text: 'daarna',
      kind: 'practice',
      visibility: 'members',
    });
    expect(await m.updateNote(note.id + 100, { text: 'x', updatedAt: later })).toBeUndefined();
  });

  it('lists the audit log newest first, by page and by event', async () => {
    const m = store.members;
    for (const event of ['login.succeeded', 'login.failed', 'logout'])
      await m.appendAudit({
        at: T,
        event,
        actorUserId: user,
        actor: 'a@x.example',
        organisationId: org,
        address: null,
        detail: { n: 1 },
      });
    const all = await m.listAudit({ limit: 10 });
    expect(all.map((e) => e.event)).toEqual(['logout', 'login.failed', 'login.succeeded']);
    expect((await m.listAudit({ limit: 10, beforeId: all[0]!.id })).map((e) => e.event)).toEqual([
      'login.failed',
      'login.succeeded',
    ]);
    expect((await m.listAudit({ limit: 10, event: 'logout' }))[0]?.detail).toEqual({ n: 1 });
  });

  it('finds and lists organisations and users, updates a user field by field, counts users', async () => {
    const m = store.members;
    expect(await m.findOrganisation({ id: org })).toEqual({ id: org, name: 'Woonstichting A', createdAt: T });
    expect(await m.findOrganisation({ nameKey: 'nope' })).toBeUndefined();
    expect((await m.listOrganisations()).map((o) => o.name)).toEqual(['Woonstichting A', 'Woonstichting B']);
    const b = await m.createUser({
      email: 'b@x.example',
      name: null,
      organisationId: other,
      role: 'org-admin',
      passwordHash: null,
      disabled: false,
      createdAt: T,
      passwordChangedAt: T,
    });
    expect(b).toMatchObject({ email: 'b@x.example', passwordChangedAt: T, lastLoginAt: null });
    expect(await m.countUsers()).toBe(2);
    expect((await m.listUsers({})).map((u) => u.email)).toEqual(['a@x.example', 'b@x.example']);
    expect((await m.listUsers({ organisationId: other })).map((u) => u.id)).toEqual([b.id]);
    await m.updateUser(b.id, { role: 'member', disabled: true, lastLoginAt: '2026-03-02T00:00:00.000Z' });
    await m.updateUser(b.id, {});
    expect(await m.findUser({ email: 'b@x.example' })).toEqual({
      ...b,
      role: 'member',
      disabled: true,
      lastLoginAt: '2026-03-02T00:00:00.000Z',
    });
    expect(await m.findUser({ id: b.id + 100 })).toBeUndefined();
  });

  it('deletes one session, and the unused account tokens of a user', async () => {
    const m = store.members;
    await m.createSession({
      idHash: 'h',
      userId: user,
      csrfToken: 'c',
      createdAt: T,
      lastSeenAt: T,
      expiresAt: T,
    });
    await m.deleteSession('h');
    expect(await m.findSession('h')).toBeUndefined();
    const token = { userId: user, purpose: 'invitation' as const, createdAt: T, expiresAt: T, usedAt: null };
    await m.createAccountToken({ tokenHash: 'used', ...token });
    await m.createAccountToken({ tokenHash: 'open', ...token });
    await m.useAccountToken('used', T);
    await m.deleteAccountTokens(user);
    expect(await m.findAccountToken('open')).toBeUndefined();
    expect(await m.findAccountToken('used')).toMatchObject({
      tokenHash: 'used',
      purpose: 'invitation',
      usedAt: T,
    });
  });

  it('lists share links of every organisation newest first', async () => {
    const m = store.members;
    const link = (id: string, organisationId: number, createdAt: string) => ({
      id,
      tokenHash: `t${id}`,
      organisationId,
      createdBy: user,
      label: id,
      area: 'GM0917',
      map: 'corporatiebezit',
      period: '2016-2020',
      edition: null,
      includeOwnStock: false,
      includeNotes: true,
      createdAt,
      expiresAt: '2027-01-01T00:00:00.000Z',
      revokedAt: null,
      revokedBy: null,
      uses: 0,
      lastUsedAt: null,
    });
    await m.createShareLink(link('a', org, '2026-03-01T00:00:00.000Z'));
    await m.createShareLink(link('b', other, '2026-03-02T00:00:00.000Z'));
    expect((await m.listShareLinks({})).map((l) => l.id)).toEqual(['b', 'a']);
    expect(await m.listShareLinks({ organisationId: org })).toEqual([
      link('a', org, '2026-03-01T00:00:00.000Z'),
    ]);
    expect(await m.findShareLink({ id: 'nope' })).toBeUndefined();
  });

  it('filters own stock by codes, lists uploads newest first and clears the stock', async () => {
    const m = store.members;
    const upload = { organisationId: org, file: 'f.csv', checksum: 'x', rows: 2, buurten: 2, dwellings: 3 };
    await m.replaceOwnStock(
      org,
      [
        { buurtCode: 'BU09170001', year: 2024, dwellings: 1, complexes: null },
        { buurtCode: 'BU09170002', year: 2024, dwellings: 2, complexes: null },
      ],
      { ...upload, years: [2024], uploadedBy: user, uploadedAt: T },
    );
    await m.replaceOwnStock(org, [], { ...upload, years: [2023], uploadedBy: null, uploadedAt: T });
    expect(await m.getOwnStock(org, { codes: ['BU09170002'] })).toEqual([
      { buurtCode: 'BU09170002', year: 2024, dwellings: 2, complexes: null },
    ]);
    const uploads = await m.listOwnStockUploads(org);
    expect(uploads.map((u) => [u.years, u.uploadedBy])).toEqual([
      [[2023], null],
      [[2024], user],
    ]);
    expect(await m.listOwnStockUploads(other)).toEqual([]);
    const version = await m.privateDataVersion();
    expect(await m.clearOwnStock(org)).toBe(2);
    expect(await m.getOwnStock(org, {})).toEqual([]);
    expect(await m.privateDataVersion()).toBe(version + 1);
  });

  it('finds and deletes a note, deletes a region, and bumps the private-data version on each', async () => {
    const m = store.members;
    const note = await m.createNote({
      organisationId: org,
      authorId: user,
      buurtCode: 'BU09170001',
      gemeenteCode: 'GM0917',
      kind: 'practice',
      visibility: 'members',
      text: 'goed voorbeeld',
      createdAt: T,
      updatedAt: T,
    });
    expect(await m.findNote(note.id)).toEqual(note);
    expect(
      await m.listNotes({ organisationId: other, membersShared: true, buurtCode: 'BU09170001', limit: 5 }),
    ).toEqual([note]);
    const v0 = await m.privateDataVersion();
    await m.deleteNote(note.id);
    expect(await m.findNote(note.id)).toBeUndefined();
    await store.upsertRegion({
      id: 'r1',
      name: 'Werkgebied',
      gemeenten: ['GM0917'],
      predefined: false,
      organisationId: org,
    });
    await m.deleteRegion('r1');
    expect(await store.listRegions()).toEqual([]);
    await m.bumpPrivateDataVersion();
    expect(await m.privateDataVersion()).toBe(v0 + 4);
  });
}
