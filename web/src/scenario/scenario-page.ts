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

/** The buurten of an area on the corporation-stock map, fetched once per area (the result maps). */
class AreaFeatures {
  private readonly byArea = new Map<string, MapResponse['features']>();

  async of(area: string): Promise<MapResponse['features']> {
    if (!this.byArea.has(area)) {
      const m = await readJson<MapResponse>(
        `/api/maps?area=${encodeURIComponent(area)}&map=corporatiebezit`,
      ).catch(() => null);
      this.byArea.set(area, m?.features ?? []);
    }
    return this.byArea.get(area)!;
  }
}

/** The planner's controls and what they act on: the area, the scenario forms, the last run. */
class ScenarioPage {
  readonly state: PageState;
  readonly status = statusLine();
  readonly formsBox = h('div', { class: 'sc-forms', 'data-testid': 'scenario-forms' });
  readonly results = h('div', { class: 'sc-results-box' });
  readonly mapLink: HTMLAnchorElement;
  readonly addButton: HTMLButtonElement;
  readonly runButton: HTMLButtonElement;
  readonly csvButton: HTMLButtonElement;
  readonly printButton: HTMLButtonElement;
  private readonly features = new AreaFeatures();

  constructor(
    readonly lang: Lang,
    readonly t: ScenarioMessages,
    readonly areaSelect: HTMLSelectElement,
    area: string | null,
  ) {
    this.state = { area, forms: [], last: null };
    this.mapLink = h('a', { class: 'sc-map-link', href: '/' }, t.backToMap);
    this.addButton = button('secondary', 'scenario-add', t.addScenario, () => this.addScenario());
    this.runButton = h(
      'button',
      { type: 'submit', class: 'button primary', 'data-testid': 'scenario-run' },
      t.run,
    );
    this.csvButton = button('secondary', 'scenario-csv', t.csv, () => this.downloadCsv());
    this.printButton = button('secondary', undefined, t.print, () => window.print());
    areaSelect.addEventListener('change', () => {
      this.state.area = areaSelect.value || null;
      void this.run();
    });
  }

  /** The scenarios as the forms show them now. */
  specs(): ScenarioInput[] {
    return this.state.forms.map((f) => f.read());
  }

  private body(scenarios?: ScenarioInput[]): { area: string; scenarios?: ScenarioInput[] } {
    return { area: this.state.area!, ...(scenarios ? { scenarios } : {}) };
  }

  /** Runs `scenarios` (or the presets) on the area, or opens a saved run; shows the results. */
  async run(scenarios?: ScenarioInput[], saved?: number, area?: string): Promise<void> {
    const { state, status, t, lang } = this;
    if (area) state.area = area;
    if (!state.area && saved === undefined) return;
    status.className = 'members-status';
    status.textContent = t.running;
    try {
      const res =
        saved === undefined
          ? await writeJson<RunScenariosResponse>('POST', '/api/scenarios/run', this.body(scenarios))
          : (await readJson<{ result: RunScenariosResponse }>(`/api/scenarios/${saved}`)).result;
      state.area = res.area.id;
      this.areaSelect.value = res.area.id;
      const fs = await this.features.of(res.area.id);
      state.last = res;
      this.setForms(res);
      replaceChildren(this.results, resultsView(res, fs, lang, t));
      status.textContent = '';
      this.showArea(res.area.name);
      this.setRunnable(true);
    } catch (error) {
      if (error instanceof ApiError && isScenarioNoStart(error.details)) this.showNoStart(error.details);
      else showError(status, error, lang);
    }
  }

  /** The address, the link back to the map and the title follow the area run. */
  private showArea(name: string): void {
    const { lang, state } = this;
    const q = new URLSearchParams({ area: state.area!, ...(lang === 'en' ? { lang } : {}) });
    window.history.replaceState(null, '', `/scenario?${q.toString()}`);
    this.mapLink.setAttribute(
      'href',
      `/?view=map&area=${encodeURIComponent(state.area!)}${lang === 'en' ? '&lang=en' : ''}`,
    );
    document.title = `${this.t.title}: ${name} — Veerkrachtkaarten`;
  }

  private setForms(res: RunScenariosResponse): void {
    this.state.forms = res.scenarios.map((s, i, all) =>
      scenarioForm(s.spec, i, this.t, all.length > 1 ? () => this.removeForm(i) : undefined),
    );
    replaceChildren(
      this.formsBox,
      this.state.forms.map((f) => f.element),
    );
    this.addButton.disabled = this.state.forms.length >= 3; // three side by side at most
  }

  private removeForm(i: number): void {
    this.state.forms.splice(i, 1);
    void this.run(this.specs());
  }

  private addScenario(): void {
    if (this.state.forms.length >= 3) return;
    const specs = this.specs();
    void this.run([...specs, { name: `${this.t.scenario} ${specs.length + 1}` }]);
  }

  private downloadCsv(): void {
    if (!this.state.area) return;
    download(this.body(this.specs()), `scenario-${this.state.area}.csv`).catch((e) =>
      showError(this.status, e, this.lang),
    );
  }

  /** No buurt of the area can start a scenario: say why and what to load; nothing to run. */
  private showNoStart(details: ScenarioNoStart): void {
    this.state.last = null;
    this.state.forms = [];
    replaceChildren(this.formsBox, []);
    replaceChildren(
      this.results,
      h(
        'p',
        { class: 'sc-no-start', role: 'note', 'data-testid': 'scenario-no-start' },
        ...withCode(details[this.lang]),
      ),
    );
    this.status.className = 'members-status';
    this.status.textContent = '';
    this.setRunnable(false);
  }

  /** Running, adding, downloading and printing need a run to work on. */
  private setRunnable(on: boolean): void {
    for (const b of [this.runButton, this.csvButton, this.printButton]) b.disabled = !on;
    this.addButton.disabled = !on || this.state.forms.length >= 3;
  }

  /** The scenario forms with the run and add buttons. */
  form(): HTMLFormElement {
    return h(
      'form',
      {
        class: 'sc-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.run(this.specs());
        },
      },
      this.formsBox,
      h('p', { class: 'sc-actions' }, this.runButton, ' ', this.addButton),
    );
  }

  /** CSV and print. */
  actions(): HTMLElement {
    return h('p', { class: 'sc-actions sc-no-print' }, this.csvButton, ' ', this.printButton);
  }
}

function button(
  kind: 'primary' | 'secondary',
  testId: string | undefined,
  label: string,
  onclick: () => void,
): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: `button ${kind}`, ...(testId ? { 'data-testid': testId } : {}), onclick },
    label,
  );
}

export async function renderScenarioPage(
  root: HTMLElement,
  lang: Lang,
  session: SessionResponse,
): Promise<void> {
  const t = scenarioMessages(lang);
  const params = new URLSearchParams(window.location.search);
  const area = params.get('area');
  const page = new ScenarioPage(lang, t, await areaOptions(t, area), area);
  const saved = savedPanel({
    session,
    lang,
    t,
    status: page.status,
    // nothing to save before a run (or where no buurt can start one)
    current: () =>
      page.state.area && page.state.forms.length > 0
        ? { area: page.state.area, scenarios: page.specs() }
        : null,
    open: (x) => void page.run(x.scenarios, undefined, x.area),
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
      page.areaSelect,
      ' ',
      page.mapLink,
    ),
    page.status,
    page.form(),
    page.actions(),
    saved.saveBox,
    page.results,
    saved.list,
  );
  main.classList.add('sc-page');
  const savedId = Number(params.get('saved'));
  await Promise.all([
    page.run(undefined, Number.isInteger(savedId) && savedId > 0 ? savedId : undefined),
    saved.load().catch(() => undefined),
  ]);
}
