/**
 * The scenario planner's API in process on the synthetic country (public mode): running the
 * presets and own inputs (values, defaults with sources, validation), CSV, and saved scenarios
 * per organisation. Who may do what in both access modes is in the authorisation matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  RunScenariosResponse,
  SavedScenario,
  SavedScenariosResponse,
  ScenarioNoStart,
} from '../../src/api/scenarios.js';
import { ErrorBodySchema } from '../../src/api/schemas.js';
import { membersFixture, ORIGIN, type MembersFixture } from './members-fixture.js';
import { addDwellings } from './scenario-fixture.js';
import { deleteValues } from './synthetic-store.js';

let f: MembersFixture;
beforeAll(async () => {
  f = await membersFixture('public');
  await addDwellings(f.store);
}, 120_000);
afterAll(() => f?.close());

const run = (body: unknown, path = '/api/scenarios/run', headers: Record<string, string> = {}) =>
  f.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function ok(body: unknown): Promise<RunScenariosResponse> {
  const res = await run(body);
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as RunScenariosResponse;
}

async function refused(res: Response): Promise<[number, string, string]> {
  const e = ErrorBodySchema.parse(await res.json()).error;
  return [res.status, e.code, e.message];
}

describe('POST /api/scenarios/run', () => {
  it('runs the three presets for anyone who may read the area, from the stored starting values', async () => {
    const res = await ok({ area: 'GM0917' });
    expect(res.area).toEqual({ id: 'GM0917', name: 'Gemeente 0917', gemeenten: ['GM0917'] });
    expect(res.scenarios.map((s) => s.spec.name)).toEqual(['basis', 'spreiden', 'toevoegen']);
    const counted = res.scenarios[0]!.buurten.length + res.excluded.length;
    expect(counted).toBe(12);
    // buurten under 100 inhabitants have no low-income share in the synthetic data: left out, not 0
    for (const e of res.excluded) expect(e.missing).toEqual(['concentration']);
    expect(res.startSources.map((s) => `${s.field}:${s.indicator}`).sort()).toEqual([
      'concentration:low_income_households_share',
      'corpShare:corporation_share',
      'dwellings:dwellings',
    ]);
    expect(res.defaults.turnover).toMatchObject({ value: 0.075, kind: 'source' });
    expect(res.defaults.lettingShare).toMatchObject({ value: null, kind: 'assumption' });
    expect(res.defaults.spreadThreshold!.kind).toBe('data');
    // basis: the current mix continues, nothing added → every buurt stable, the total unchanged
    const basis = res.scenarios[0]!;
    expect(basis.classCounts.stabiel).toBe(basis.buurten.length);
    expect(basis.total.at(-1)!.concentration).toBeCloseTo(basis.total[0]!.concentration!, 6);
    expect(basis.total[0]!.dwellings).toBeCloseTo(
      basis.buurten.reduce((s, b) => s + b.start.dwellings, 0),
      1,
    );
    expect(basis.total).toHaveLength(11);
    // spreiden keeps the gemeente's target-group lettings, and lowers the buurten it spreads from
    const spread = res.scenarios[1]!;
    expect(spread.spec.spread!.threshold).toBe(res.defaults.spreadThreshold!.value);
    expect(spread.total[1]!.targetLettings + spread.total[1]!.unplaced).toBeCloseTo(
      basis.total[1]!.targetLettings,
      1,
    );
    for (const b of spread.buurten.filter((x) => x.policies.includes('spread-from')))
      expect(b.changePoints).toBeLessThan(0);
    // toevoegen adds dwellings
    expect(res.scenarios[2]!.total.at(-1)!.dwellings).toBeGreaterThan(basis.total.at(-1)!.dwellings);
  });

  it('takes own inputs: more lettings to the target group gives a higher concentration', async () => {
    const res = await ok({
      area: 'GM0917',
      scenarios: [
        { name: 'laag', lettingShare: 0.1, years: 5 },
        { name: 'hoog', lettingShare: 0.6, years: 5 },
      ],
    });
    const [low, high] = res.scenarios;
    expect(low!.spec).toMatchObject({ lettingShare: 0.1, years: 5, turnover: 0.075, spread: null });
    expect(low!.total).toHaveLength(6);
    expect(high!.total[5]!.concentration!).toBeGreaterThan(low!.total[5]!.concentration!);
    for (let i = 0; i < low!.buurten.length; i++)
      expect(high!.buurten[i]!.end.concentration!).toBeGreaterThanOrEqual(
        low!.buurten[i]!.end.concentration!,
      );
  });

  it('refuses bad input with USAGE naming the field, unknown areas with AREA_NOT_FOUND', async () => {
    expect(await refused(await run({ area: 'GM0917', extra: 1 }))).toEqual([
      400,
      'USAGE',
      expect.stringMatching(/extra/),
    ]);
    expect(await refused(await run({ area: 'GM0917', scenarios: [{ name: 'x', turnover: 0.9 }] }))).toEqual([
      400,
      'USAGE',
      expect.stringMatching(/scenarios\.0\.turnover/),
    ]);
    expect(await refused(await run({ area: 'GM0917', scenarios: [{ name: 'a' }, { name: 'A' }] }))).toEqual([
      400,
      'USAGE',
      expect.stringMatching(/used twice/),
    ]);
    expect(await refused(await run({ area: 'GM0917', scenarios: [] }))).toEqual([
      400,
      'USAGE',
      expect.any(String),
    ]);
    expect(await refused(await run('{"area": '))).toEqual([400, 'USAGE', expect.stringMatching(/JSON body/)]);
    expect((await refused(await run({ area: 'GM9999' })))[1]).toBe('AREA_NOT_FOUND');
    expect((await refused(await run({ area: 'GM0917', pad: 'x'.repeat(20_000) })))[1]).toBe(
      'REQUEST_TOO_LARGE',
    );
    const plain = await f.app.request('/api/scenarios/run', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"area":"GM0917"}',
    });
    expect((await refused(plain))[1]).toBe('UNSUPPORTED_MEDIA_TYPE');
    const foreign = await run({ area: 'GM0917' }, '/api/scenarios/run', { Origin: 'https://evil.example' });
    expect((await refused(foreign))[1]).toBe('CSRF_REJECTED');
  });

  it('gives the comparison as CSV: area, gemeenten and every buurt year by year', async () => {
    const body = {
      area: 'GM0917',
      scenarios: [
        { name: 'basis', years: 3 },
        { name: 'spreiden', years: 3, spread: {} },
      ],
    };
    const json = await ok(body);
    const res = await run(body, '/api/scenarios/run.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'scenario,niveau,code,naam,gemeente,jaar,woningen,corporatiewoningen,aandeel_corporatie_pct,concentratie_pct,concentratie_corporatie_pct,verhuringen,verhuringen_doelgroep,geprojecteerde_klasse,bron',
    );
    const n = json.scenarios[0]!.buurten.length;
    expect(lines).toHaveLength(1 + 2 * (4 + 4 + 4 * n)); // area and gemeente per year, every buurt every year
    const first = json.scenarios[1]!.buurten[0]!;
    const cells = (year: number) =>
      lines
        .find((l) => l.startsWith(`spreiden,buurt,${first.code},`) && l.split(',')[5] === String(year))!
        .split(',');
    for (const year of [0, 1, 2, 3]) {
      expect(cells(year)[9]).toBe(String(Math.round(first.series[year]! * 100 * 1000) / 1000));
      expect(cells(year)[13]).toBe(first.projectedClass);
    }
    expect(cells(3)[9]).toBe(String(Math.round(first.end.concentration! * 100 * 1000) / 1000));
    expect(json.scenarios[1]!.buurten[0]!.years).toBeUndefined(); // the JSON answer stays small
  });
});

describe('POST /api/scenarios/run on an area no buurt of which can start', () => {
  let g: MembersFixture;
  beforeAll(async () => {
    g = await membersFixture('public');
    await addDwellings(g.store);
    // GM0928 without corporation shares, GM0882 without dwellings and low-income shares
    deleteValues(g.store, 'BU0928%', `indicator = 'corporation_share'`);
    deleteValues(g.store, 'BU0882%', `indicator IN ('dwellings', 'low_income_households_share')`);
  }, 120_000);
  afterAll(() => g?.close());

  const noStart = async (
    area: string,
  ): Promise<{ status: number; code: string; details: ScenarioNoStart }> => {
    const res = await g.app.request('/api/scenarios/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ area }),
    });
    const e = ErrorBodySchema.parse(await res.json()).error;
    return { status: res.status, code: e.code, details: e.details as unknown as ScenarioNoStart };
  };

  it('answers NO_DATA with how many buurten have each starting value, and why in words', async () => {
    const { status, code, details } = await noStart('GM0928');
    expect([status, code]).toEqual([404, 'NO_DATA']);
    expect(details.reason).toBe('scenario-no-start');
    expect(details.area).toEqual({ id: 'GM0928', name: 'Gemeente 0928' });
    expect(details.buurten).toBe(12);
    expect(details.inputs.map((i) => [i.field, i.buurten])).toEqual([
      ['dwellings', 12],
      ['corpShare', 0],
      ['concentration', 12],
    ]);
    expect(details.nl).toContain('Voor Gemeente 0928 kan geen scenario worden doorgerekend');
    expect(details.nl).toContain('geen van de 12 buurten heeft ze alle drie');
    expect(details.nl).toContain('woningen: 12 van 12; aandeel corporatiebezit: 0 van 12');
    expect(details.nl).toContain('`veerkracht fetch --sources kwb`');
    expect(details.en).toContain('corporation share: 0 of 12');
  });

  it('counts each missing value on its own', async () => {
    const { details } = await noStart('GM0882');
    expect(details.inputs.map((i) => [i.field, i.buurten])).toEqual([
      ['dwellings', 0],
      ['corpShare', 12],
      ['concentration', 0],
    ]);
    expect(details.nl).toContain('woningen: 0 van 12; aandeel corporatiebezit: 12 van 12');
  });

  it('still runs an area whose buurten have all three', async () => {
    const res = await g.app.request('/api/scenarios/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ area: 'GM0917' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('saved scenarios per organisation', () => {
  const body = {
    title: 'Spreiden Heerlen-Noord',
    area: 'GM0917',
    scenarios: [{ name: 'basis' }, { name: 'spreiden', spread: { reduction: 0.3 } }],
  };

  it('a member saves; the organisation lists and opens it; another organisation does not see it', async () => {
    expect((await refused(await run(body, '/api/scenarios')))[1]).toBe('UNAUTHENTICATED');
    const res = await f.write(f.viewers.member, 'POST', '/api/scenarios', body);
    expect(res.status).toBe(201);
    const saved = (await res.json()) as SavedScenario;
    expect(saved).toMatchObject({ title: 'Spreiden Heerlen-Noord', area: 'GM0917', mayDelete: true });
    expect(saved.scenarios[1]).toEqual({ name: 'spreiden', spread: { reduction: 0.3 } });

    const list = async (who: 'member' | 'org-admin' | 'other-org') =>
      (
        (await (
          await f.app.request('/api/scenarios', { headers: f.viewers[who].headers })
        ).json()) as SavedScenariosResponse
      ).scenarios.map((s) => s.id);
    expect(await list('member')).toContain(saved.id);
    expect(await list('org-admin')).toContain(saved.id);
    expect(await list('other-org')).not.toContain(saved.id);

    const opened = await f.app.request(`/api/scenarios/${saved.id}`, { headers: f.viewers.member.headers });
    const o = (await opened.json()) as { saved: SavedScenario; result: RunScenariosResponse };
    expect(o.result.scenarios[1]!.spec.spread!.reduction).toBe(0.3);
    const csv = await f.app.request(`/api/scenarios/${saved.id}.csv`, { headers: f.viewers.member.headers });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^basis,gebied,GM0917,/);

    // PDFs: refused before Chromium starts (the PDF itself is in test/e2e/scenario-flow.test.ts)
    expect((await refused(await f.app.request(`/api/scenarios/${saved.id}.pdf`)))[1]).toBe('UNAUTHENTICATED');
    const badLang = await f.app.request(`/api/scenarios/${saved.id}.pdf?lang=de`, {
      headers: f.viewers.member.headers,
    });
    expect((await refused(badLang))[1]).toBe('USAGE');
    expect(
      (
        await refused(
          await f.app.request(`/api/scenarios/${saved.id}.xlsx`, { headers: f.viewers.member.headers }),
        )
      )[1],
    ).toBe('NOT_FOUND');
    for (const path of [
      `/api/scenarios/${saved.id}`,
      `/api/scenarios/${saved.id}.csv`,
      `/api/scenarios/${saved.id}.pdf`,
    ]) {
      const other = await f.app.request(path, { headers: f.viewers['other-org'].headers });
      expect((await refused(other))[1]).toBe('NOT_FOUND');
    }
    expect(
      (await refused(await f.write(f.viewers['other-org'], 'DELETE', `/api/scenarios/${saved.id}`)))[1],
    ).toBe('NOT_FOUND');
    expect((await f.write(f.viewers['org-admin'], 'DELETE', `/api/scenarios/${saved.id}`)).status).toBe(204);
    expect(await list('member')).not.toContain(saved.id);
  });

  it('refuses a save with bad inputs, and from a share link', async () => {
    expect(
      (
        await refused(
          await f.write(f.viewers.member, 'POST', '/api/scenarios', { ...body, scenarios: [{ name: '' }] }),
        )
      )[1],
    ).toBe('USAGE');
    const link = await f.app.request('/api/scenarios', {
      method: 'POST',
      headers: { ...f.viewers['link-this-area'].headers, 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify(body),
    });
    expect((await refused(link))[1]).toBe('FORBIDDEN');
  });
});

describe('OpenAPI', () => {
  it('documents the scenario routes with their request schemas', async () => {
    const doc = (await (await f.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths['/api/scenarios/run']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/scenarios/run.csv']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/scenarios']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/scenarios/{id}']!).sort()).toEqual(['delete', 'get']);
    expect(Object.keys(doc.components.schemas.RunScenariosRequest!.properties!)).toEqual([
      'area',
      'scenarios',
    ]);
  });
});
