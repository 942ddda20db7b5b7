/**
 * The authorisation matrix (issue 11, docs/security.md): every API route × every kind of viewer
 * (anonymous, a share link of this area, a share link of another area, a member, an org-admin,
 * an admin, a user of another organisation) × both access modes. Each cell asserts the status,
 * and every response body — also of refusals — is searched for the private data of
 * organisations the viewer does not belong to: 0 leaks. A route of the app that is not in the
 * matrix fails the test, so a new route cannot skip it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessMode } from '../../src/api/members.js';
import {
  EMAILS,
  membersFixture,
  ORIGIN,
  VIEWERS,
  type Credentials,
  type MembersFixture,
  type ViewerName,
} from './members-fixture.js';
import { addDwellings } from './scenario-fixture.js';

interface Request {
  method: string;
  path: string;
  body?: unknown;
  /** Raw body with its content type (uploads). */
  raw?: { type: string; text: string };
}

interface Case {
  name: string;
  /** The route as Hono lists it ("GET /api/maps"). */
  route: string;
  /** Expected status per viewer in the order of VIEWERS, in public and in members mode. */
  public: string;
  members: string;
  /** The request; may prepare fresh resources (so a write never depends on an earlier cell). */
  request(f: MembersFixture, viewer: ViewerName): Request | Promise<Request>;
  /** Credentials for the cell when not the viewer's own (e.g. a fresh session to log out). */
  credentials?(f: MembersFixture, viewer: ViewerName): Promise<Credentials>;
}

const same = (s: string) => ({ public: s, members: s });
let counter = 0;
const fresh = (prefix: string) => `${prefix} ${++counter}`;

async function created<T>(res: Response): Promise<T> {
  if (res.status !== 201) throw new Error(`setup: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const CASES: Case[] = [
  // ---------------------------------------------------------------- reads of public data
  {
    name: 'OpenAPI',
    route: 'GET /api/openapi.json',
    ...same('200 200 200 200 200 200 200'),
    request: () => get('/api/openapi.json'),
  },
  {
    name: 'config',
    route: 'GET /api/config',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/config'),
  },
  {
    name: 'gemeenten',
    route: 'GET /api/gemeenten',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/gemeenten'),
  },
  {
    name: 'regions',
    route: 'GET /api/regions',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/regions'),
  },
  {
    name: 'map definitions',
    route: 'GET /api/maps/definitions',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/maps/definitions'),
  },
  {
    name: 'map definitions of the shared gemeente',
    route: 'GET /api/maps/definitions',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/maps/definitions?area=GM0917'),
  },
  {
    name: 'map of the shared gemeente',
    route: 'GET /api/maps',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/maps?area=GM0917&map=corporatiebezit'),
  },
  {
    name: 'map of the shared gemeente as csv',
    route: 'GET /api/maps.csv',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/maps.csv?area=GM0917&map=corporatiebezit'),
  },
  {
    name: 'map of the shared gemeente as geojson',
    route: 'GET /api/maps.geojson',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/maps.geojson?area=GM0917&map=corporatiebezit'),
  },
  {
    name: 'map of the shared gemeente as gpkg',
    route: 'GET /api/maps.gpkg',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/maps.gpkg?area=GM0917&map=corporatiebezit'),
  },
  {
    // the guard answers before the route (an unknown map: no Chromium needed)
    name: 'map PDF of the shared gemeente',
    route: 'GET /api/maps.pdf',
    public: '404 404 404 404 404 404 404',
    members: '401 404 403 404 404 404 404',
    request: () => get('/api/maps.pdf?area=GM0917&map=unknown-map'),
  },
  {
    // reports: the area is in the path; a bad parameter stops an authorised request after the
    // guard (400), before Chromium
    name: 'report of the shared gemeente',
    route: 'GET /api/reports/:file',
    public: '400 400 400 400 400 400 400',
    members: '401 400 403 400 400 400 400',
    request: () => get('/api/reports/GM0917.pdf?lang=xx'),
  },
  {
    name: 'report of the other gemeente',
    route: 'GET /api/reports/:file',
    public: '400 400 400 400 400 400 400',
    members: '401 403 400 400 400 400 400',
    request: () => get('/api/reports/GM0928.pdf?lang=xx'),
  },
  {
    name: "report of organisation A's region",
    route: 'GET /api/reports/:file',
    public: '404 404 404 400 400 404 404',
    members: '401 404 404 400 400 404 404',
    request: (f) => get(`/api/reports/${f.ids.regionA}.pdf?lang=xx`),
  },
  {
    name: 'report of an unknown gemeente',
    route: 'GET /api/reports/:file',
    public: '404 404 404 404 404 404 404',
    members: '401 403 403 404 404 404 404',
    request: () => get('/api/reports/GM9999.pdf'),
  },
  {
    name: 'map of the other gemeente',
    route: 'GET /api/maps',
    public: '200 200 200 200 200 200 200',
    members: '401 403 200 200 200 200 200',
    request: () => get('/api/maps?area=GM0928&map=veerkracht-absoluut'),
  },
  {
    name: 'map of a public region',
    route: 'GET /api/maps',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/api/maps?area=parkstad-limburg&map=corporatiebezit'),
  },
  {
    name: "map of organisation A's region",
    route: 'GET /api/maps',
    public: '404 404 404 200 200 404 404',
    members: '401 404 404 200 200 404 404',
    request: (f) => get(`/api/maps?area=${f.ids.regionA}&map=corporatiebezit`),
  },
  {
    name: "map of organisation B's region",
    route: 'GET /api/maps',
    public: '404 404 404 404 404 404 200',
    members: '401 404 404 404 404 404 200',
    request: (f) => get(`/api/maps?area=${f.ids.regionB}&map=corporatiebezit`),
  },
  {
    name: 'buurt search',
    route: 'GET /api/buurten',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/buurten?q=buurt'),
  },
  {
    name: 'profile of a buurt in the shared gemeente',
    route: 'GET /api/buurten/:code',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: (f) => get(`/api/buurten/${f.ids.buurtA}`),
  },
  {
    name: 'profile of a buurt in the other gemeente (code in lower case, percent-encoded)',
    route: 'GET /api/buurten/:code',
    public: '200 200 200 200 200 200 200',
    members: '401 403 200 200 200 200 200',
    request: (f) => get(`/api/buurten/%62u0928${f.ids.buurtA.slice(6)}`),
  },
  {
    name: 'early warning of the shared gemeente',
    route: 'GET /api/early-warning',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: () => get('/api/early-warning?area=GM0917'),
  },
  {
    name: "early warning of organisation A's werkgebied",
    route: 'GET /api/early-warning',
    public: '404 404 404 200 200 404 404',
    members: '401 404 404 200 200 404 404',
    request: (f) => get(`/api/early-warning?area=${f.ids.regionA}`),
  },
  {
    name: 'buurten like a buurt in the shared gemeente',
    route: 'GET /api/buurten/:code/similar',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: (f) => get(`/api/buurten/${f.ids.buurtA}/similar`),
  },
  {
    name: 'buurten like a buurt in the other gemeente',
    route: 'GET /api/buurten/:code/similar',
    public: '200 200 200 200 200 200 200',
    members: '401 403 200 200 200 200 200',
    request: (f) => get(`/api/buurten/BU0928${f.ids.buurtA.slice(6)}/similar?limit=3`),
  },
  {
    name: 'compare two gemeenten',
    route: 'GET /api/compare',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/api/compare?areas=GM0917,GM0928'),
  },
  {
    name: "compare with organisation B's region",
    route: 'GET /api/compare',
    public: '404 404 404 404 404 404 200',
    members: '401 404 403 404 404 404 200',
    request: (f) => get(`/api/compare?areas=GM0917,${f.ids.regionB}`),
  },
  {
    name: 'data editions',
    route: 'GET /api/editions',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/editions'),
  },
  {
    // the fixture store recorded no editions: an authorised request ends in 404 EDITION_NOT_FOUND
    name: 'edition changes of the shared gemeente',
    route: 'GET /api/editions/changes',
    public: '404 404 404 404 404 404 404',
    members: '401 404 403 404 404 404 404',
    request: () => get('/api/editions/changes?area=GM0917'),
  },
  {
    name: 'data editions',
    route: 'GET /api/editions',
    public: '200 200 200 200 200 200 200',
    members: '401 200 200 200 200 200 200',
    request: () => get('/api/editions'),
  },
  {
    // the fixture store recorded no editions: an authorised request ends in 404 EDITION_NOT_FOUND
    name: 'edition changes of the shared gemeente',
    route: 'GET /api/editions/changes',
    public: '404 404 404 404 404 404 404',
    members: '401 404 403 404 404 404 404',
    request: () => get('/api/editions/changes?area=GM0917'),
  },
  // ---------------------------------------------------------------- session and accounts
  {
    name: 'session',
    route: 'GET /api/session',
    ...same('200 200 200 200 200 200 200'),
    request: () => get('/api/session'),
  },
  {
    name: 'share links of the organisation',
    route: 'GET /api/share-links',
    ...same('401 403 403 200 200 200 200'),
    request: () => get('/api/share-links'),
  },
  {
    name: 'organisations',
    route: 'GET /api/organisations',
    ...same('401 403 403 200 200 200 200'),
    request: () => get('/api/organisations'),
  },
  {
    name: 'users',
    route: 'GET /api/users',
    ...same('401 403 403 403 200 200 403'),
    request: () => get('/api/users'),
  },
  {
    name: "users of organisation B (an org-admin of A sees A's)",
    route: 'GET /api/users',
    ...same('401 403 403 403 200 200 403'),
    request: (f) => get(`/api/users?organisation=${f.ids.orgB}`),
  },
  {
    name: 'audit log',
    route: 'GET /api/audit',
    ...same('401 403 403 403 403 200 403'),
    request: () => get('/api/audit'),
  },
  // ---------------------------------------------------------------- private data
  {
    name: 'notes',
    route: 'GET /api/notes',
    ...same('401 200 403 200 200 200 200'),
    request: () => get('/api/notes'),
  },
  {
    name: 'notes on a buurt, searched',
    route: 'GET /api/notes',
    ...same('401 200 403 200 200 200 200'),
    request: (f) => get(`/api/notes?buurt=${f.ids.buurtA}&q=note`),
  },
  {
    name: 'notes of the other gemeente',
    route: 'GET /api/notes',
    public: '401 200 403 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/api/notes?area=GM0928'),
  },
  {
    name: 'own stock',
    route: 'GET /api/own-stock',
    ...same('401 200 403 200 200 200 200'),
    request: () => get('/api/own-stock'),
  },
  {
    name: 'own-stock layer of the shared gemeente',
    route: 'GET /api/own-stock/map',
    ...same('401 200 403 200 200 200 200'),
    request: () => get('/api/own-stock/map?area=GM0917'),
  },
  {
    name: "own-stock layer on organisation B's region",
    route: 'GET /api/own-stock/map',
    public: '404 404 404 404 404 404 200',
    members: '401 404 404 404 404 404 200',
    request: (f) => get(`/api/own-stock/map?area=${f.ids.regionB}`),
  },
  {
    name: 'an unknown route',
    route: 'ALL /api/*',
    public: '404 404 404 404 404 404 404',
    members: '401 403 403 404 404 404 404',
    request: () => get('/api/nothing-here'),
  },
  // ---------------------------------------------------------------- OGC API – Features (/ogc)
  ...['/ogc', '/ogc/api', '/ogc/conformance', '/ogc/collections'].map((path): Case => ({
    name: `OGC ${path}`,
    route: `GET ${path}`,
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get(path),
  })),
  {
    name: 'OGC collection',
    route: 'GET /ogc/collections/:id',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/ogc/collections/veerkracht-relatief'),
  },
  {
    name: 'OGC collection schema',
    route: 'GET /ogc/collections/:id/schema',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/ogc/collections/veerkracht-relatief/schema'),
  },
  {
    name: 'OGC items of the shared gemeente',
    route: 'GET /ogc/collections/:id/items',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: () => get('/ogc/collections/corporatiebezit/items?gemeente=GM0917&limit=3'),
  },
  {
    name: "OGC items of organisation B's region",
    route: 'GET /ogc/collections/:id/items',
    public: '404 404 404 404 404 404 200',
    members: '401 403 403 404 404 404 200',
    request: (f) => get(`/ogc/collections/corporatiebezit/items?gemeente=${f.ids.regionB}&limit=3`),
  },
  {
    // an unknown path under /ogc passes the guard and is ROUTE_NOT_FOUND (never the web app)
    name: 'OGC: an unknown path',
    route: 'ALL /ogc/*',
    public: '404 404 404 404 404 404 404',
    members: '401 403 403 404 404 404 404',
    request: () => get('/ogc/nothing-here'),
  },
  {
    name: 'OGC item: a buurt of the shared gemeente',
    route: 'GET /ogc/collections/:id/items/:featureId',
    public: '200 200 200 200 200 200 200',
    members: '401 403 403 200 200 200 200',
    request: (f) => get(`/ogc/collections/corporatiebezit/items/${f.ids.buurtA}`),
  },
  // ---------------------------------------------------------------- writes
  {
    name: 'log in',
    route: 'POST /api/session',
    ...same('200 200 200 200 200 200 200'),
    request: () => ({
      method: 'POST',
      path: '/api/session',
      body: { email: EMAILS.member, password: 'correct horse battery staple' },
    }),
    // logging in ends the session the request came with (rotation): use a spare one
    credentials: freshSession,
  },
  {
    name: 'log out (a fresh session)',
    route: 'DELETE /api/session',
    ...same('401 403 403 204 204 204 204'),
    request: () => ({ method: 'DELETE', path: '/api/session' }),
    credentials: (f, v) =>
      v in EMAILS ? f.login(EMAILS[v as keyof typeof EMAILS]) : Promise.resolve(f.viewers[v]),
  },
  {
    name: 'create a region',
    route: 'POST /api/regions',
    ...same('401 403 403 201 201 201 201'),
    request: () => ({
      method: 'POST',
      path: '/api/regions',
      body: { name: fresh('Werkgebied'), gemeenten: ['GM0917'] },
    }),
  },
  {
    name: 'create a public region',
    route: 'POST /api/regions',
    ...same('401 403 403 403 403 201 403'),
    request: () => ({
      method: 'POST',
      path: '/api/regions',
      body: { name: fresh('Woningmarktregio'), gemeenten: ['GM0917', 'GM0928'], visibility: 'public' },
    }),
  },
  {
    name: 'create a second Parkstad Limburg',
    route: 'POST /api/regions',
    ...same('401 403 403 409 409 409 409'),
    request: () => ({
      method: 'POST',
      path: '/api/regions',
      body: { name: 'Parkstad  limburg', gemeenten: ['GM0917'] },
    }),
  },
  {
    name: 'delete a region of organisation A',
    route: 'DELETE /api/regions/:id',
    ...same('401 403 403 403 204 404 404'),
    request: async (f) => {
      const r = await created<{ id: string }>(
        await f.write(f.viewers.member, 'POST', '/api/regions', {
          name: fresh('Tijdelijk'),
          gemeenten: ['GM0928'],
        }),
      );
      return { method: 'DELETE', path: `/api/regions/${r.id}` };
    },
  },
  {
    name: 'create a share link of the gemeente',
    route: 'POST /api/share-links',
    ...same('401 403 403 201 201 201 201'),
    request: () => ({
      method: 'POST',
      path: '/api/share-links',
      body: { area: 'GM0917', label: fresh('Overleg') },
    }),
  },
  {
    name: "create a share link of organisation B's region",
    route: 'POST /api/share-links',
    ...same('401 403 403 404 404 404 201'),
    request: (f) => ({
      method: 'POST',
      path: '/api/share-links',
      body: { area: f.ids.regionB, label: fresh('Overleg') },
    }),
  },
  {
    name: 'revoke a share link of organisation A',
    route: 'DELETE /api/share-links/:id',
    ...same('401 403 403 204 204 204 404'),
    request: async (f) => {
      const l = await created<{ id: string }>(
        await f.write(f.viewers.member, 'POST', '/api/share-links', { area: 'GM0928', label: fresh('Weg') }),
      );
      return { method: 'DELETE', path: `/api/share-links/${l.id}` };
    },
  },
  {
    name: 'create an organisation',
    route: 'POST /api/organisations',
    ...same('401 403 403 403 403 201 403'),
    request: () => ({ method: 'POST', path: '/api/organisations', body: { name: fresh('Corporatie') } }),
  },
  {
    name: 'invite a member',
    route: 'POST /api/users',
    ...same('401 403 403 403 201 201 403'),
    request: () => ({
      method: 'POST',
      path: '/api/users',
      body: { email: `${fresh('u').replace(' ', '')}@x.example`, role: 'member' },
    }),
  },
  {
    name: 'invite an admin',
    route: 'POST /api/users',
    ...same('401 403 403 403 403 201 403'),
    request: () => ({
      method: 'POST',
      path: '/api/users',
      body: { email: `${fresh('a').replace(' ', '')}@x.example`, role: 'admin' },
    }),
  },
  {
    name: "rename organisation A's member",
    route: 'PATCH /api/users/:id',
    ...same('401 403 403 403 200 200 403'),
    request: (f) => ({
      method: 'PATCH',
      path: `/api/users/${f.ids.users.member}`,
      body: { name: fresh('Adviseur') },
    }),
  },
  {
    name: "reset link for organisation B's member",
    route: 'POST /api/users/:id/reset-link',
    ...same('401 403 403 403 404 201 403'),
    request: (f) => ({ method: 'POST', path: `/api/users/${f.ids.users['other-org']}/reset-link` }),
  },
  {
    name: 'set a password with an unknown link',
    route: 'POST /api/password',
    ...same('400 400 400 400 400 400 400'),
    request: () => ({
      method: 'POST',
      path: '/api/password',
      body: { token: 'x'.repeat(43), password: 'a long new password' },
    }),
  },
  {
    name: 'write a note',
    route: 'POST /api/notes',
    ...same('401 403 403 201 201 201 201'),
    request: (f) => ({
      method: 'POST',
      path: '/api/notes',
      body: { buurt: f.ids.buurtA, text: fresh('Notitie') },
    }),
  },
  {
    name: "delete the member's note",
    route: 'DELETE /api/notes/:id',
    ...same('401 403 403 204 204 404 404'),
    request: async (f) => {
      const n = await created<{ id: number }>(
        await f.write(f.viewers.member, 'POST', '/api/notes', { buurt: f.ids.buurtA, text: fresh('Kort') }),
      );
      return { method: 'DELETE', path: `/api/notes/${n.id}` };
    },
  },
  {
    name: "edit the member's note",
    route: 'PATCH /api/notes/:id',
    ...same('401 403 403 200 200 404 404'),
    request: async (f) => {
      const n = await created<{ id: number }>(
        await f.write(f.viewers.member, 'POST', '/api/notes', { buurt: f.ids.buurtA, text: fresh('Eerst') }),
      );
      return { method: 'PATCH', path: `/api/notes/${n.id}`, body: { text: fresh('Daarna') } };
    },
  },
  {
    name: "edit the org-admin's note shared with all members",
    route: 'PATCH /api/notes/:id',
    ...same('401 403 403 403 200 403 403'),
    request: async (f) => {
      const n = await created<{ id: number }>(
        await f.write(f.viewers['org-admin'], 'POST', '/api/notes', {
          buurt: f.ids.buurtA,
          text: fresh('Gedeeld'),
          visibility: 'members',
        }),
      );
      return { method: 'PATCH', path: `/api/notes/${n.id}`, body: { visibility: 'organisation' } };
    },
  },
  {
    name: 'upload own stock',
    route: 'POST /api/own-stock',
    ...same('401 403 403 403 201 201 403'),
    request: (f) => ({
      method: 'POST',
      path: '/api/own-stock?file=stock.csv',
      raw: { type: 'text/csv', text: `buurt_code,dwellings,year\n${f.ids.buurtA},100,2024\n` },
    }),
  },
  {
    name: 'clear own stock',
    route: 'DELETE /api/own-stock',
    ...same('401 403 403 403 204 204 403'),
    request: () => ({ method: 'DELETE', path: '/api/own-stock' }),
  },
  // ---------------------------------------------------------------- scenario planner (issue 14)
  {
    // a compute is a read: no session needed, the area is checked as for a map
    name: 'run scenarios on the shared gemeente',
    route: 'POST /api/scenarios/run',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: async (f) => {
      await addDwellings(f.store);
      return { method: 'POST', path: '/api/scenarios/run', body: { area: 'GM0917' } };
    },
  },
  {
    name: "run scenarios on organisation A's region",
    route: 'POST /api/scenarios/run',
    public: '404 404 404 200 200 404 404',
    members: '401 404 404 200 200 404 404',
    request: async (f) => {
      await addDwellings(f.store);
      return {
        method: 'POST',
        path: '/api/scenarios/run',
        body: { area: f.ids.regionA, scenarios: [{ name: 'a' }] },
      };
    },
  },
  {
    name: 'run scenarios on the shared gemeente as csv',
    route: 'POST /api/scenarios/run.csv',
    public: '200 200 200 200 200 200 200',
    members: '401 200 403 200 200 200 200',
    request: async (f) => {
      await addDwellings(f.store);
      return { method: 'POST', path: '/api/scenarios/run.csv', body: { area: 'GM0917' } };
    },
  },
  {
    // organisation B has a saved scenario titled with one of its secrets: nobody else sees it
    name: 'saved scenarios',
    route: 'GET /api/scenarios',
    ...same('401 403 403 200 200 200 200'),
    request: async (f) => {
      await savedScenarioOfB(f);
      return get('/api/scenarios');
    },
  },
  {
    name: "open organisation A's saved scenario",
    route: 'GET /api/scenarios/:id',
    ...same('401 403 403 200 200 404 404'),
    request: async (f) => {
      await addDwellings(f.store);
      const s = await created<{ id: number }>(
        await f.write(f.viewers.member, 'POST', '/api/scenarios', {
          title: fresh('Scenario'),
          area: 'GM0917',
          scenarios: [{ name: 'basis' }],
        }),
      );
      return get(`/api/scenarios/${s.id}.csv`);
    },
  },
  {
    name: 'save a scenario',
    route: 'POST /api/scenarios',
    ...same('401 403 403 201 201 201 201'),
    request: () => ({
      method: 'POST',
      path: '/api/scenarios',
      body: { title: fresh('Scenario'), area: 'GM0917', scenarios: [{ name: 'basis' }] },
    }),
  },
  {
    name: "delete the member's saved scenario",
    route: 'DELETE /api/scenarios/:id',
    ...same('401 403 403 204 204 404 404'),
    request: async (f) => {
      const s = await created<{ id: number }>(
        await f.write(f.viewers.member, 'POST', '/api/scenarios', {
          title: fresh('Weg'),
          area: 'GM0917',
          scenarios: [{ name: 'basis' }],
        }),
      );
      return { method: 'DELETE', path: `/api/scenarios/${s.id}` };
    },
  },
];

const savedOfB = new WeakSet<MembersFixture>();
async function savedScenarioOfB(f: MembersFixture): Promise<void> {
  if (savedOfB.has(f)) return;
  savedOfB.add(f);
  await created(
    await f.write(f.viewers['other-org'], 'POST', '/api/scenarios', {
      title: f.orgBSecrets[0]!.slice(0, 60),
      area: 'GM0917',
      scenarios: [{ name: 'basis' }],
    }),
  );
}

/** A spare session of the same user (or the viewer's own credentials for the others). */
function freshSession(f: MembersFixture, v: ViewerName): Promise<Credentials> {
  return v in EMAILS ? f.login(EMAILS[v as keyof typeof EMAILS]) : Promise.resolve(f.viewers[v]);
}

function get(path: string): Request {
  return { method: 'GET', path };
}

/** Which organisations' private markers a viewer may see. */
function allowedSecrets(f: MembersFixture, viewer: ViewerName): Set<string> {
  const allowed = new Set<string>();
  if (viewer === 'other-org') for (const s of f.orgBSecrets) allowed.add(s);
  if (viewer === 'admin') allowed.add(f.ids.linkB); // the audit log names link ids (not labels, not regions)
  return allowed;
}

function orgASecretsFor(f: MembersFixture, viewer: ViewerName): string[] {
  if (viewer === 'member' || viewer === 'org-admin') return [];
  // a share link with notes shows A's notes on its area, but not A's region or upload files
  if (viewer === 'link-this-area') return f.orgASecrets.filter((s) => !s.startsWith('ORGA-PRIVATE-NOTE'));
  return f.orgASecrets;
}

async function send(f: MembersFixture, who: Credentials, r: Request): Promise<Response> {
  const writing = r.method !== 'GET';
  const headers: Record<string, string> = {
    ...who.headers,
    ...(writing ? { Origin: ORIGIN } : {}),
    ...(writing && who.csrf ? { 'X-CSRF-Token': who.csrf } : {}),
  };
  if (r.raw) headers['Content-Type'] = r.raw.type;
  else if (r.body !== undefined) headers['Content-Type'] = 'application/json';
  const body = r.raw ? r.raw.text : r.body !== undefined ? JSON.stringify(r.body) : undefined;
  return f.app.request(r.path, { method: r.method, headers, ...(body !== undefined ? { body } : {}) });
}

for (const access of ['public', 'members'] as AccessMode[]) {
  describe(`authorisation matrix, ${access} mode`, () => {
    let f: MembersFixture;
    const results: { cell: string; expected: number; status: number; leaks: string[] }[] = [];
    beforeAll(async () => {
      f = await membersFixture(access);
      for (const c of CASES) {
        const expected = c[access].split(/\s+/).map(Number);
        expect(expected.length, c.name).toBe(VIEWERS.length);
        for (const [i, viewer] of VIEWERS.entries()) {
          const who = c.credentials ? await c.credentials(f, viewer) : f.viewers[viewer];
          const request = await c.request(f, viewer);
          const res = await send(f, who, request);
          const text = await res.text();
          // an id the viewer sent themselves may come back in the message ("no region '…'")
          const sent = `${request.path} ${JSON.stringify(request.body ?? '')}`;
          const allowed = new Set([
            ...allowedSecrets(f, viewer),
            ...f.orgBSecrets.filter((s) => sent.includes(s)),
          ]);
          const leaks = [
            ...f.orgBSecrets.filter((s) => !allowed.has(s)),
            ...orgASecretsFor(f, viewer).filter((s) => !sent.includes(s)),
          ].filter((s) => text.includes(s));
          results.push({ cell: `${c.name} × ${viewer}`, expected: expected[i]!, status: res.status, leaks });
        }
      }
    }, 300_000);
    afterAll(() => f?.close());

    it('covers every route of the app', () => {
      // middleware (app.use) is listed as ALL too; the one catch-all route is 'ALL /api/*'
      const routes = new Set(
        f.app.routes
          .filter((r) => r.path.startsWith('/api') || r.path.startsWith('/ogc'))
          .map((r) => `${r.method} ${r.path}`),
      );
      const covered = new Set(CASES.map((c) => c.route));
      expect([...routes].filter((r) => !covered.has(r))).toEqual([]);
      expect(results.length).toBe(CASES.length * VIEWERS.length);
    });

    it('answers every cell with the expected status', () => {
      const wrong = results
        .filter((r) => r.status !== r.expected)
        .map((r) => `${r.cell}: ${r.status}, expected ${r.expected}`);
      expect(wrong).toEqual([]);
    });

    it("shows no viewer another organisation's private data (0 leaks)", () => {
      const leaks = results.filter((r) => r.leaks.length > 0).map((r) => `${r.cell}: ${r.leaks.join(', ')}`);
      expect(leaks).toEqual([]);
    });
  });
}
