/**
 * /scenario[?area=GM0917 | ?saved=<id>]: the scenario planner. Choose an area; the three presets (basis,
 * spreiden, toevoegen) are run at once with the defaults shown with their sources; every input
 * can be changed per scenario (two or three side by side) and run again (POST /api/scenarios/run).
 * Results: area totals, concentration per year, a map per scenario (projected class), the table
 * per buurt; CSV, print (the print stylesheet lays it out for paper or PDF), and for members:
 * save for the organisation, open or delete saved ones.
 */
import type { SessionResponse } from '../../../src/api/members.js';
import type { RunScenariosResponse, ScenarioInput, ScenarioNoStart } from '../../../src/api/scenarios.js';
import type { GemeentenResponse, MapResponse, RegionsResponse } from '../../../src/api/schemas.js';
import { ApiError } from '../api-client.js';
import { renderPage, showError, statusLine } from '../auth/page-frame.js';
import { readJson, writeJson } from '../auth/session.js';
import { h, replaceChildren } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { withCode } from '../dom/inline-code.js';
import { scenarioForm, type ScenarioForm } from './scenario-form.js';
import { scenarioMessages, type ScenarioMessages } from './scenario-messages.js';
import { savedPanel } from './scenario-saved-panel.js';
import { resultsView } from './scenario-results.js';
import './scenario.css';

/** True when an error's `details` are the API's ScenarioNoStart. */
function isScenarioNoStart(details: unknown): details is ScenarioNoStart {
  const d = details as Partial<ScenarioNoStart> | undefined;
  return d?.reason === 'scenario-no-start' && typeof d.nl === 'string' && typeof d.en === 'string';
}

interface PageState {
  area: string | null;
  forms: ScenarioForm[];
  last: RunScenariosResponse | null;
}

async function areaOptions(t: ScenarioMessages, selected: string | null): Promise<HTMLSelectElement> {
  const [g, r] = await Promise.all([
    readJson<GemeentenResponse>('/api/gemeenten'),
    readJson<RegionsResponse>('/api/regions'),
  ]);
  const select = h('select', { name: 'area', id: 'sc-area', 'data-testid': 'scenario-area' });
  select.append(h('option', { value: '' }, t.chooseArea));
  if (r.regions.length > 0)
    select.append(
      h(
        'optgroup',
        { label: 'Regio’s' },
        r.regions.map((x) => h('option', { value: x.id }, x.name)),
      ),
    );
  select.append(
    h(
      'optgroup',
      { label: 'Gemeenten' },
      [...g.gemeenten]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((x) => h('option', { value: x.code }, x.name)),
    ),
  );
  if (selected) select.value = selected;
  return select;
}

async function download(body: unknown, name: string): Promise<void> {
  const res = await fetch('/api/scenarios/run.csv', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`CSV: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function renderScenarioPage(
  root: HTMLElement,
  lang: Lang,
  session: SessionResponse,
): Promise<void> {
  const t = scenarioMessages(lang);
  const params = new URLSearchParams(window.location.search);
  const state: PageState = { area: params.get('area'), forms: [], last: null };
  const status = statusLine();
  const formsBox = h('div', { class: 'sc-forms', 'data-testid': 'scenario-forms' });
  const results = h('div', { class: 'sc-results-box' });
  const areaSelect = await areaOptions(t, state.area);
  const features = new Map<string, MapResponse['features']>();
  const mapLink = h('a', { class: 'sc-map-link', href: '/' }, t.backToMap);

  const featuresOf = async (area: string) => {
    if (!features.has(area)) {
      const m = await readJson<MapResponse>(
        `/api/maps?area=${encodeURIComponent(area)}&map=corporatiebezit`,
      ).catch(() => null);
      features.set(area, m?.features ?? []);
    }
    return features.get(area)!;
  };

  const setForms = (res: RunScenariosResponse) => {
    state.forms = res.scenarios.map((s, i, all) =>
      scenarioForm(s.spec, i, t, all.length > 1 ? () => removeForm(i) : undefined),
    );
    replaceChildren(
      formsBox,
      state.forms.map((f) => f.element),
    );
    addButton.disabled = state.forms.length >= 3; // three side by side at most
  };
  const removeForm = (i: number) => {
    state.forms.splice(i, 1);
    const specs = state.forms.map((f) => f.read());
    void run(specs);
  };

  const body = (scenarios?: ScenarioInput[]) => ({ area: state.area!, ...(scenarios ? { scenarios } : {}) });

  async function run(scenarios?: ScenarioInput[], saved?: number, area?: string): Promise<void> {
    if (area) state.area = area;
    if (!state.area && saved === undefined) return;
    status.className = 'members-status';
    status.textContent = t.running;
    try {
      const res =
        saved === undefined
          ? await writeJson<RunScenariosResponse>('POST', '/api/scenarios/run', body(scenarios))
          : (await readJson<{ result: RunScenariosResponse }>(`/api/scenarios/${saved}`)).result;
      state.area = res.area.id;
      areaSelect.value = res.area.id;
      const fs = await featuresOf(res.area.id);
      state.last = res;
      setForms(res);
      replaceChildren(results, resultsView(res, fs, lang, t));
      status.textContent = '';
      const q = new URLSearchParams({ area: state.area, ...(lang === 'en' ? { lang } : {}) });
      window.history.replaceState(null, '', `/scenario?${q.toString()}`);
      mapLink.setAttribute(
        'href',
        `/?view=map&area=${encodeURIComponent(state.area)}${lang === 'en' ? '&lang=en' : ''}`,
      );
      document.title = `${t.title}: ${res.area.name} — Veerkrachtkaarten`;
      setRunnable(true);
    } catch (error) {
      if (error instanceof ApiError && isScenarioNoStart(error.details)) showNoStart(error.details);
      else showError(status, error, lang);
    }
  }

  /** No buurt of the area can start a scenario: say why and what to load; nothing to run. */
  function showNoStart(details: ScenarioNoStart): void {
    state.last = null;
    state.forms = [];
    replaceChildren(formsBox, []);
    replaceChildren(
      results,
      h(
        'p',
        { class: 'sc-no-start', role: 'note', 'data-testid': 'scenario-no-start' },
        ...withCode(details[lang]),
      ),
    );
    status.className = 'members-status';
    status.textContent = '';
    setRunnable(false);
  }

  areaSelect.addEventListener('change', () => {
    state.area = areaSelect.value || null;
    void run();
  });

  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      'data-testid': 'scenario-add',
      onclick: () => {
        if (state.forms.length >= 3) return;
        const specs = state.forms.map((f) => f.read());
        void run([...specs, { name: `${t.scenario} ${specs.length + 1}` }]);
      },
    },
    t.addScenario,
  );
  const runButton = h(
    'button',
    { type: 'submit', class: 'button primary', 'data-testid': 'scenario-run' },
    t.run,
  );
  const form = h(
    'form',
    {
      class: 'sc-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void run(state.forms.map((f) => f.read()));
      },
    },
    formsBox,
    h('p', { class: 'sc-actions' }, runButton, ' ', addButton),
  );

  const csvButton = h(
    'button',
    {
      type: 'button',
      class: 'button secondary',
      'data-testid': 'scenario-csv',
      onclick: () => {
        if (!state.area) return;
        download(body(state.forms.map((f) => f.read())), `scenario-${state.area}.csv`).catch((e) =>
          showError(status, e, lang),
        );
      },
    },
    t.csv,
  );
  const printButton = h(
    'button',
    { type: 'button', class: 'button secondary', onclick: () => window.print() },
    t.print,
  );
  const actions = h('p', { class: 'sc-actions sc-no-print' }, csvButton, ' ', printButton);

  /** Running, adding, downloading and printing need a run to work on. */
  function setRunnable(on: boolean): void {
    for (const b of [runButton, csvButton, printButton]) b.disabled = !on;
    addButton.disabled = !on || state.forms.length >= 3;
  }

  const saved = savedPanel({
    session,
    lang,
    t,
    status,
    // nothing to save before a run (or where no buurt can start one)
    current: () =>
      state.area && state.forms.length > 0
        ? { area: state.area, scenarios: state.forms.map((f) => f.read()) }
        : null,
    open: (x) => void run(x.scenarios, undefined, x.area),
  });

  const main = renderPage(
    root,
    lang,
    t.title,
    h(
      'p',
      { class: 'sc-intro' },
      t.intro,
      ' ',
      h('a', { href: '/docs/method#scenario-planner-stock-flow-model' }, t.method),
    ),
    h(
      'p',
      { class: 'sc-area sc-no-print' },
      h('label', { for: 'sc-area' }, t.area),
      ' ',
      areaSelect,
      ' ',
      mapLink,
    ),
    status,
    form,
    actions,
    saved.saveBox,
    results,
    saved.list,
  );
  main.classList.add('sc-page');
  const savedId = Number(params.get('saved'));
  await Promise.all([
    run(undefined, Number.isInteger(savedId) && savedId > 0 ? savedId : undefined),
    saved.load().catch(() => undefined),
  ]);
}
