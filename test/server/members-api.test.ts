/**
 * The security properties of issue 11 one by one, in process (app.request), with a clock the
 * test moves: CSRF (token, Origin, content types), body limits, login throttling per account and
 * per address, session rotation, idle and absolute expiry, disabling, share links (token size,
 * hashed storage, default and maximum expiry, revocation and expiry on the next request, uses),
 * the per-viewer response cache, invitations, own-stock validation, notes, security headers on
 * every response and error bodies without server details, and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditResponseSchema,
  CreatedShareLinkSchema,
  CreatedUserSchema,
  SessionResponseSchema,
  ShareLinksResponseSchema,
} from '../../src/api/members.js';
import { ErrorBodySchema, GemeentenResponseSchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { EMAILS, membersFixture, ORIGIN, PASSWORD, type MembersFixture } from './members-fixture.js';

const clock = { now: Date.parse('2026-03-01T09:00:00Z') };
const advance = (minutes: number) => {
  clock.now += minutes * 60_000;
};

async function errorCode(res: Response): Promise<string> {
  return ErrorBodySchema.parse(await res.json()).error.code;
}

interface ProfileWithMembers {
  code: string;
  members?: { notes: { text: string }[]; ownStock: { dwellings: number } | null };
}

describe('members API (members mode)', () => {
  let f: MembersFixture;
  /** New sessions for the users after the clock moved past their idle time. */
  const refresh = async () => {
    for (const who of ['member', 'org-admin', 'admin', 'other-org'] as const)
      f.viewers[who] = await f.login(EMAILS[who]);
  };
  beforeAll(async () => {
    f = await membersFixture('members', { now: () => new Date(clock.now) });
  }, 120_000);
  afterAll(() => f?.close());

  describe('writes are CSRF-safe', () => {
    const region = (n: number) => JSON.stringify({ name: `Regio csrf ${n}`, gemeenten: ['GM0917'] });

    it('refuses a write without the CSRF token, with a wrong one, and from another Origin', async () => {
      const member = f.viewers.member;
      const base = { ...member.headers, 'Content-Type': 'application/json' };
      const without = await f.app.request('/api/regions', { method: 'POST', headers: base, body: region(1) });
      expect(without.status).toBe(403);
      expect(await errorCode(without)).toBe('CSRF_REJECTED');
      const wrong = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { ...base, 'X-CSRF-Token': `${member.csrf!.slice(0, -1)}x` },
        body: region(2),
      });
      expect(await errorCode(wrong)).toBe('CSRF_REJECTED');
      const foreign = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { ...base, 'X-CSRF-Token': member.csrf!, Origin: 'https://evil.example' },
        body: region(3),
      });
      expect(await errorCode(foreign)).toBe('CSRF_REJECTED');
      const crossSite = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { ...base, 'X-CSRF-Token': member.csrf!, 'Sec-Fetch-Site': 'cross-site' },
        body: region(4),
      });
      expect(await errorCode(crossSite)).toBe('CSRF_REJECTED');
      const ok = await f.write(member, 'POST', '/api/regions', {
        name: 'Regio csrf 5',
        gemeenten: ['GM0917'],
      });
      expect(ok.status).toBe(201);
    });

    it('refuses form posts and text/plain (what another site can send without a preflight) with 415', async () => {
      const member = f.viewers.member;
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'name=x&gemeenten=GM0917'],
        [
          'multipart/form-data; boundary=b',
          '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--',
        ],
        ['text/plain', region(6)],
      ]) {
        const res = await f.app.request('/api/regions', {
          method: 'POST',
          headers: { ...member.headers, 'X-CSRF-Token': member.csrf!, Origin: ORIGIN, 'Content-Type': type! },
          body: body!,
        });
        expect(res.status, type).toBe(415);
        expect(await errorCode(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('refuses anonymous writes and writes with a share link', async () => {
      const anon = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: region(7),
      });
      expect(anon.status).toBe(401);
      const link = await f.app.request('/api/notes', {
        method: 'POST',
        headers: { ...f.viewers['link-this-area'].headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ buurt: f.ids.buurtA, text: 'via link' }),
      });
      expect(link.status).toBe(403);
    });

    it('refuses bodies over 16 KiB, also when streamed without a length, before reading them whole', async () => {
      const member = f.viewers.member;
      const headers = { ...member.headers, 'X-CSRF-Token': member.csrf!, 'Content-Type': 'application/json' };
      const big = JSON.stringify({ name: 'x'.repeat(20_000), gemeenten: ['GM0917'] });
      const sized = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(big.length) },
        body: big,
      });
      expect(sized.status).toBe(413);
      expect(await errorCode(sized)).toBe('REQUEST_TOO_LARGE');
      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 4096;
          controller.enqueue(new Uint8Array(4096).fill(32));
          if (sent > 10_000_000) controller.close();
        },
      });
      const streamed = await f.app.request('/api/regions', {
        method: 'POST',
        headers: { ...headers, 'Transfer-Encoding': 'chunked' },
        body: endless,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(sent).toBeLessThan(64 * 1024);
    });

    it('stores region names as plain text: markup is refused, a second Parkstad Limburg too', async () => {
      const html = await f.write(f.viewers.member, 'POST', '/api/regions', {
        name: '<img src=x onerror=alert(1)>',
        gemeenten: ['GM0917'],
      });
      expect(html.status).toBe(400);
      expect(await errorCode(html)).toBe('USAGE');
      const twin = await f.write(f.viewers.member, 'POST', '/api/regions', {
        name: 'parkstad-limburg',
        gemeenten: ['GM0917'],
      });
      expect(twin.status).toBe(409);
      expect(await errorCode(twin)).toBe('ALREADY_EXISTS');
    });
  });

  describe('logins', () => {
    it('throttles per account: the 6th attempt within 15 minutes is refused, even with the right password', async () => {
      const email = EMAILS['org-admin'];
      const attempt = (password: string, ip: string) =>
        f.app.request('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
          body: JSON.stringify({ email, password }),
        });
      for (let i = 0; i < 5; i++) expect((await attempt('wrong password!', `10.1.0.${i}`)).status).toBe(401);
      const locked = await attempt(PASSWORD, '10.1.0.99');
      expect(locked.status).toBe(429);
      expect(await errorCode(locked)).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
      advance(16);
      expect((await attempt(PASSWORD, '10.1.0.99')).status).toBe(200);
      await refresh();
    });

    it('throttles per address: 50 attempts from one address over many accounts, then 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 51; i++) {
        const res = await f.app.request('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.2.0.1' },
          body: JSON.stringify({ email: `nobody${i}@x.example`, password: 'guess guess guess' }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
      expect(statuses[50]).toBe(429);
      advance(16);
      await refresh();
    }, 60_000);

    it('says the same for an unknown account and a wrong password', async () => {
      const ask = async (email: string) =>
        (
          await f.app.request('/api/session', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.3.0.1' },
            body: JSON.stringify({ email, password: 'not the password' }),
          })
        ).json();
      expect(await ask('nobody@x.example')).toEqual(await ask(EMAILS.member));
    });

    it('rotates the session at login: the cookie brought to a login no longer opens a session', async () => {
      const first = await f.login(EMAILS.member);
      const res = await f.app.request('/api/session', {
        method: 'POST',
        headers: { ...first.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: EMAILS.member, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0]!;
      expect(cookie).toMatch(/^vk_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie.split(';')[0]).not.toBe(first.headers['Cookie']);
      const old = await f.app.request('/api/session', { headers: first.headers });
      expect(SessionResponseSchema.parse(await old.json()).kind).toBe('anonymous');
      expect(old.headers.getSetCookie()[0]).toMatch(/^vk_session=;/); // cleared
    });

    it('ends a session after 2 hours without requests, and 12 hours after login whatever happens', async () => {
      const idle = await f.login(EMAILS.member);
      const busy = await f.login(EMAILS.member);
      const kind = async (who: typeof idle) =>
        SessionResponseSchema.parse(
          await (await f.app.request('/api/session', { headers: who.headers })).json(),
        ).kind;
      advance(119);
      expect(await kind(busy)).toBe('user');
      advance(2);
      expect(await kind(idle)).toBe('anonymous');
      for (let h = 0; h < 12; h++) {
        advance(59);
        expect(await kind(busy), `hour ${h}`).toBe(h < 10 ? 'user' : 'anonymous');
      }
      await refresh();
    });

    it('ends the sessions of a disabled user at once', async () => {
      const session = await f.login(EMAILS['other-org']);
      const disable = await f.write(f.viewers.admin, 'PATCH', `/api/users/${f.ids.users['other-org']}`, {
        disabled: true,
      });
      expect(disable.status).toBe(200);
      const after = await f.app.request('/api/session', { headers: session.headers });
      expect(SessionResponseSchema.parse(await after.json()).kind).toBe('anonymous');
      const login = await f.app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.4.0.1' },
        body: JSON.stringify({ email: EMAILS['other-org'], password: PASSWORD }),
      });
      expect(login.status).toBe(401);
      await f.write(f.viewers.admin, 'PATCH', `/api/users/${f.ids.users['other-org']}`, { disabled: false });
      f.viewers['other-org'] = await f.login(EMAILS['other-org']);
    });
  });

  describe('share links', () => {
    it('have a 256-bit token, stored only as a hash, a default expiry of 90 days and at most 365', async () => {
      const res = await f.write(f.viewers.member, 'POST', '/api/share-links', {
        area: 'GM0917',
        label: 'Wijkteam',
      });
      expect(res.status).toBe(201);
      const link = CreatedShareLinkSchema.parse(await res.json());
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.url).toBe(`${ORIGIN}/s/${link.token}`);
      expect(Date.parse(link.expiresAt) - clock.now).toBe(90 * 86_400_000);
      const stored = f.store.db.prepare('SELECT * FROM share_links WHERE id = ?').get(link.id);
      expect(JSON.stringify(stored)).not.toContain(link.token);
      const tooLong = await f.write(f.viewers.member, 'POST', '/api/share-links', {
        area: 'GM0917',
        label: 'Te lang',
        expiresInDays: 366,
      });
      expect(tooLong.status).toBe(400);
    });

    it('are refused on the next request after revocation and after expiry; opening counts a use', async () => {
      const make = async (days?: number) =>
        CreatedShareLinkSchema.parse(
          await (
            await f.write(f.viewers.member, 'POST', '/api/share-links', {
              area: 'GM0917',
              label: 'Tijdelijk',
              ...(days ? { expiresInDays: days } : {}),
            })
          ).json(),
        );
      const revoked = await make();
      const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });
      const map = '/api/maps?area=GM0917&map=corporatiebezit';
      expect((await f.app.request(map, bearer(revoked.token))).status).toBe(200);
      expect((await f.app.request('/api/session', bearer(revoked.token))).status).toBe(200);
      expect((await f.app.request('/api/session', bearer(revoked.token))).status).toBe(200);
      const list = ShareLinksResponseSchema.parse(
        await (await f.app.request('/api/share-links', { headers: f.viewers.member.headers })).json(),
      );
      expect(list.shareLinks.find((l) => l.id === revoked.id)?.uses).toBe(2);
      expect((await f.write(f.viewers['org-admin'], 'DELETE', `/api/share-links/${revoked.id}`)).status).toBe(
        204,
      );
      const after = await f.app.request(map, bearer(revoked.token));
      expect(after.status).toBe(410);
      expect(await errorCode(after)).toBe('SHARE_LINK_REVOKED');

      const expiring = await make(1);
      expect((await f.app.request(map, bearer(expiring.token))).status).toBe(200);
      advance(24 * 60 + 1);
      const expired = await f.app.request(map, bearer(expiring.token));
      expect(expired.status).toBe(410);
      expect(await errorCode(expired)).toBe('SHARE_LINK_EXPIRED');
      const unknown = await f.app.request(map, bearer('A'.repeat(43)));
      expect(unknown.status).toBe(401);
      expect(await errorCode(unknown)).toBe('SHARE_LINK_INVALID');
      await refresh();
    });

    it('say what was shared, by whom and until when; in members mode they see only their gemeente', async () => {
      const link = f.viewers['link-this-area'];
      const session = SessionResponseSchema.parse(
        await (await f.app.request('/api/session', { headers: link.headers })).json(),
      );
      if (session.kind !== 'share-link') throw new Error('not a share link');
      expect(session.shareLink).toMatchObject({
        area: 'GM0917',
        label: 'Overleg prestatieafspraken',
        includes: { ownStock: true, notes: true },
        sharedBy: { organisation: 'Woonstichting A' },
      });
      const gemeenten = GemeentenResponseSchema.parse(
        await (await f.app.request('/api/gemeenten', { headers: link.headers })).json(),
      );
      expect(gemeenten.gemeenten.map((g) => g.code)).toEqual(['GM0917']);
      const search = (await (
        await f.app.request('/api/buurten?q=buurt&limit=50', { headers: link.headers })
      ).json()) as {
        buurten: { gemeente: string }[];
      };
      expect(search.buurten.length).toBeGreaterThan(0);
      expect(new Set(search.buurten.map((b) => b.gemeente))).toEqual(new Set(['GM0917']));
    });
  });

  describe('the response cache follows the viewer', () => {
    it("serves each organisation its own notes and stock in a buurt's profile, private; never another's", async () => {
      const path = `/api/buurten/${f.ids.buurtA}`;
      const ask = async (who: keyof typeof f.viewers) => {
        const res = await f.app.request(path, { headers: f.viewers[who].headers });
        return { res, body: (await res.json()) as ProfileWithMembers };
      };
      const b = await ask('other-org'); // B first: its answer must not be served to A after it
      const a = await ask('member');
      const link = await ask('link-this-area');
      const other = await ask('link-other-area');
      expect(b.body.members?.ownStock?.dwellings).toBe(4321);
      expect(a.body.members?.ownStock?.dwellings).toBe(100);
      expect(link.body.members?.ownStock?.dwellings).toBe(100);
      expect(a.body.members?.notes.map((n) => n.text).some((t) => t.startsWith('ORGA-PRIVATE-NOTE'))).toBe(
        true,
      );
      expect(b.body.members?.notes.some((n) => n.text.startsWith('ORGA-PRIVATE-NOTE'))).toBe(false);
      expect(b.body.members?.notes.some((n) => n.text === f.orgASharedNote)).toBe(true);
      expect(other.res.status).toBe(403);
      for (const r of [a, b, link]) {
        expect(r.res.headers.get('Cache-Control')).toBe('private, no-cache');
        expect(r.res.headers.get('Vary')).toContain('Cookie');
      }
      expect(a.res.headers.get('ETag')).not.toBe(b.res.headers.get('ETag'));
    });

    it('shows a new note at once (the private-data version is in the key)', async () => {
      const path = `/api/buurten/${f.ids.buurtA}`;
      const texts = async () =>
        (
          (await (
            await f.app.request(path, { headers: f.viewers.member.headers })
          ).json()) as ProfileWithMembers
        ).members!.notes.map((n) => n.text);
      expect(await texts()).not.toContain('Nieuw inzicht');
      expect(
        (
          await f.write(f.viewers['org-admin'], 'POST', '/api/notes', {
            buurt: f.ids.buurtA,
            text: 'Nieuw inzicht',
          })
        ).status,
      ).toBe(201);
      expect(await texts()).toContain('Nieuw inzicht');
    });

    it('finds notes by text', async () => {
      const res = await f.app.request('/api/notes?q=INZICHT', { headers: f.viewers.member.headers });
      const body = (await res.json()) as { notes: { text: string; author: string }[] };
      expect(body.notes.map((n) => n.text)).toEqual(['Nieuw inzicht']);
      expect(body.notes[0]!.author).toBe(EMAILS['org-admin']);
    });
  });

  describe('own stock', () => {
    const upload = (text: string) =>
      f.app.request('/api/own-stock?file=bezit.csv', {
        method: 'POST',
        headers: {
          ...f.viewers['org-admin'].headers,
          'X-CSRF-Token': f.viewers['org-admin'].csrf!,
          'Content-Type': 'text/csv',
        },
        body: text,
      });
    const stock = async () =>
      (
        (await (await f.app.request('/api/own-stock', { headers: f.viewers.member.headers })).json()) as {
          buurten: { code: string; dwellings: number; share: number | null }[];
        }
      ).buurten;

    it('refuses a bad file with the line and column, and keeps the stock as it was', async () => {
      const before = await stock();
      const res = await upload(
        `buurt_code;woningen;jaar\n${f.ids.buurtA};12;2024\n${f.ids.buurtA.slice(0, 8)}99;zes;2024\n`,
      );
      expect(res.status).toBe(400);
      const body = ErrorBodySchema.parse(await res.json());
      expect(body.error.code).toBe('VALUE_NOT_A_NUMBER');
      expect(body.error.message).toContain("bezit.csv, line 3 (row 2), column 'woningen'");
      expect(body.error.message).toContain("found 'zes'");
      const unknown = await upload(`buurt_code,dwellings\nBU99999999,12\n`);
      expect(await errorCode(unknown)).toBe('AREA_UNMATCHED');
      expect(await stock()).toEqual(before);
    });

    it('sums complexes per buurt and computes the share of the corporation stock', async () => {
      const res = await upload(
        `complex,buurt_code,dwellings,year\nC1,${f.ids.buurtA},60,2024\nC2,${f.ids.buurtA},40,2024\n`,
      );
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ layout: 'complex', rows: 2, buurten: 1, dwellings: 100 });
      const rows = await stock();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.dwellings).toBe(100);
    });
  });

  describe('accounts', () => {
    it('invites a user by link: set a password once, then log in', async () => {
      const res = await f.write(f.viewers['org-admin'], 'POST', '/api/users', {
        email: 'nieuw@woonstichting-a.example',
        role: 'member',
      });
      expect(res.status).toBe(201);
      const { user, invitation } = CreatedUserSchema.parse(await res.json());
      expect(user.status).toBe('invited');
      expect(invitation.url).toMatch(/^http:\/\/localhost\/wachtwoord#[A-Za-z0-9_-]{43}$/);
      const token = invitation.url.split('#')[1]!;
      const set = (password: string) =>
        f.app.request('/api/password', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token, password }),
        });
      expect((await set('short')).status).toBe(400);
      expect((await set('zomer aan de maas 2026')).status).toBe(204);
      expect((await set('nog een ander wachtwoord')).status).toBe(400);
      const login = await f.app.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.5.0.1' },
        body: JSON.stringify({
          email: 'nieuw@woonstichting-a.example',
          password: 'zomer aan de maas 2026',
        }),
      });
      expect(login.status).toBe(200);
    });

    it('keeps an audit log for admins, without passwords or tokens', async () => {
      const res = await f.app.request('/api/audit?limit=500', { headers: f.viewers.admin.headers });
      const { events } = AuditResponseSchema.parse(await res.json());
      const kinds = new Set(events.map((e) => e.event));
      for (const k of [
        'login.succeeded',
        'login.failed',
        'login.throttled',
        'share-link.created',
        'share-link.revoked',
        'user.created',
        'user.updated',
        'user.password-set',
        'own-stock.uploaded',
      ])
        expect(kinds, k).toContain(k);
      const text = JSON.stringify(events);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('zomer aan de maas 2026');
      expect(text).not.toMatch(/[A-Za-z0-9_-]{43}/);
    });
  });
});

describe('the API contract', () => {
  it('is in the OpenAPI document under the names of issue 11', async () => {
    const f = await membersFixture('public');
    try {
      const doc = (await (await f.app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(doc.paths['/api/session']!).sort()).toEqual(['delete', 'get', 'post']);
      expect(Object.keys(doc.paths['/api/share-links']!).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths['/api/share-links/{id}']!)).toEqual(['delete']);
      for (const p of [
        '/api/users',
        '/api/organisations',
        '/api/notes',
        '/api/own-stock',
        '/api/audit',
        '/api/password',
      ])
        expect(doc.paths, p).toHaveProperty([p]);
    } finally {
      await f.close();
    }
  });
});

describe('every response carries the security headers; errors say nothing of the server', () => {
  it('on the API, on errors and on the web app', async () => {
    const f = await membersFixture('public', { logger: { error: () => undefined } });
    const webApp = createApp(f.store, { webRoot: 'web/dist', checkIntervalMs: 0 });
    try {
      const responses = [
        await f.app.request('/api/gemeenten'),
        await f.app.request('/api/nothing'),
        await f.app.request('/api/maps?area=GM0917'),
        await f.app.request('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: 'x',
        }),
        await webApp.request('/'),
        await webApp.request('/s/abc'),
      ];
      for (const [i, res] of responses.entries()) {
        const csp = res.headers.get('Content-Security-Policy') ?? '';
        // pages run only the app's own scripts; API answers may run and load nothing at all
        expect(csp).toContain(i >= 4 ? "script-src 'self'" : "default-src 'none'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
        expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      }
      await f.store.close(); // every read now fails inside the server
      const broken = await f.app.request('/api/gemeenten', { headers: f.viewers.member.headers });
      expect(broken.status).toBe(500);
      const text = await broken.text();
      expect(text).not.toMatch(/\/work\/|node_modules|\.ts:\d|at [A-Z]\w+\./);
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    } finally {
      await f.store.close().catch(() => undefined);
    }
  });
});
