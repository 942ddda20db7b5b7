/**
 * The report of a gemeente or region (`?view=report&area=GM0917`): loads the area's nine maps
 * (each in the year or period the map page opens on), draws each with the app's own map pane —
 * one renderer, the geometry set once, the colours switched per map — and keeps a picture of
 * each, then lays out the report (report-sections.ts) for the screen and for print. The server
 * prints this page to PDF (GET /api/reports/<area>.pdf, src/server/report-pdf.ts) once
 * `html[data-report-ready]` is "true" (or "error").
 */
import type { MapDefinition } from '../../../src/api/schemas.js';
import { api, pinnedEdition } from '../api-client.js';
import { areaName, formedNote, resolveWhen, type AppContext } from '../app-context.js';
import { announce, h, replaceChildren } from '../dom/element.js';
import {
  loadReportWarnings,
  renderReportWarnings,
  reportWarningsHeading,
} from '../early-warning/report-warnings.js';
import { createTerms } from '../i18n/terms.js';
import { messagesFor } from '../i18n/messages.js';
import { isDemo } from '../layout/app-shell.js';
import type { View } from '../layout/view.js';
import { createMapPane, type MapPane } from '../map/map-pane.js';
import { classChanges } from '../map/class-changes.js';
import { previousOf } from '../map/shown-map.js';
import type { ViewState } from '../state/view-state.js';
import { downloadReport } from './report-download.js';
import { reportMessages } from './report-messages.js';
import { renderBuurtTable, renderChanges, renderMethod } from './report-closing.js';
import {
  renderCover,
  renderKeyFigures,
  renderMapPage,
  type ReportData,
  type ReportMap,
} from './report-sections.js';
import './report.css';

/** How long one map may take to draw before the report goes on without its picture. */
const DRAW_TIMEOUT_MS = 20_000;

export function createReportView(ctx: AppContext): View {
  const element = h('div', { class: 'report', 'data-testid': 'report-view' });
  let key = '';
  let token = 0;

  function setReady(value: 'true' | 'error' | null): void {
    if (value === null) delete document.documentElement.dataset['reportReady'];
    else document.documentElement.dataset['reportReady'] = value;
  }

  async function build(state: ViewState): Promise<void> {
    const mine = ++token;
    const tm = reportMessages(state.lang);
    setReady(null);
    const area = state.area;
    if (!area) {
      replaceChildren(element, h('p', { class: 'report-error', role: 'alert' }, `${tm.failed}: area?`));
      setReady('error');
      return;
    }
    replaceChildren(element, h('p', { class: 'boot-status', role: 'status' }, tm.loading));
    try {
      const data = await loadReport(ctx, area, state, element, () => mine !== token);
      if (mine !== token || !data) return;
      // the early warning over the period of the key figures (web/src/early-warning)
      const warnings = await loadReportWarnings(area, data.keyFigures?.period ?? null);
      if (mine !== token) return;
      replaceChildren(
        element,
        h(
          'p',
          { class: 'report-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              'data-testid': 'report-pdf',
              onclick: () => void downloadReport(area, state.lang).catch((e: Error) => announce(e.message)),
            },
            tm.pdfLink,
          ),
        ),
        renderCover(data, tm),
        renderKeyFigures(data, tm, warnings ? [reportWarningsHeading(state.lang)] : []),
        data.maps.map((m, i) => renderMapPage(m, i + 1, data, tm)),
        renderChanges(data, tm),
        warnings ? renderReportWarnings(warnings, state.lang) : null,
        renderBuurtTable(data, tm),
        renderMethod(data, tm),
      );
      setReady('true');
    } catch (error) {
      if (mine !== token) return;
      replaceChildren(
        element,
        h('p', { class: 'report-error', role: 'alert' }, `${tm.failed}: ${(error as Error).message}`),
      );
      setReady('error');
    }
  }

  const view: View = {
    element,
    update(state: ViewState): void {
      const next = `${state.area}|${state.lang}`;
      if (next === key) return;
      key = next;
      void build(state);
    },
    destroy(): void {
      token++;
      setReady(null);
    },
  };
  view.update(ctx.store.state, ctx.store.state);
  return view;
}

/** Everything the report shows; null when a newer build overtook this one. */
async function loadReport(
  ctx: AppContext,
  area: string,
  state: ViewState,
  host: HTMLElement,
  stale: () => boolean,
): Promise<ReportData | null> {
  const defs = await api.definitions(area);
  // the key figures over the period the veerkracht maps show
  const signal = defs.maps.find((m) => m.id === 'veerkracht-absoluut');
  const period = signal ? resolveWhen(signal, null, null).period : null;
  const comparing = api.compare([area], period).catch(() => null);
  const editionsRequest = api.editions().catch(() => null);
  const drawing = h('div', { class: 'report-drawing', 'aria-hidden': 'true' });
  host.append(drawing);
  const pane = createMapPane({
    basemapUrl: null,
    lang: state.lang,
    label: '',
    testId: 'report-map-canvas',
    onSelect: () => undefined,
  });
  drawing.append(pane.element);
  const maps: ReportMap[] = [];
  try {
    for (const def of defs.maps) {
      if (stale()) return null;
      maps.push(await drawMap(pane, area, def));
    }
  } finally {
    pane.destroy();
    drawing.remove();
  }
  const compare = await comparing;
  const editions = await editionsRequest;
  const editionId = pinnedEdition() ?? editions?.current?.id ?? null;
  const edition = editions?.editions.find((e) => e.id === editionId) ?? editions?.current ?? null;
  const keyArea = compare?.areas.find((a) => a.area === area) ?? compare?.areas[0];
  return {
    area,
    areaName: areaName(ctx.data, area),
    isRegion: !/^GM\d{4}$/i.test(area),
    formedNote: formedNote(ctx.data, area, messagesFor(state.lang)),
    gemeenteName: (code) => areaName(ctx.data, code),
    lang: state.lang,
    keyFigures: compare && keyArea ? { period: compare.period, area: keyArea } : null,
    maps,
    edition: edition ? { id: edition.id, label: edition.label, createdAt: edition.createdAt } : null,
    demo: isDemo(ctx),
    terms: createTerms(defs),
  };
}

/** One map drawn in the pane and kept as a picture, with the class changes of a veerkracht map. */
async function drawMap(pane: MapPane, area: string, def: MapDefinition): Promise<ReportMap> {
  const when = resolveWhen(def, null, null);
  try {
    const shown = await pane.show({ area, map: def.id, period: when.period, year: when.year });
    if (!shown) throw new Error('overtaken');
    let image: string | null = null;
    const drawn = await Promise.race([
      shown.drawn.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAW_TIMEOUT_MS)),
    ]);
    if (drawn && shown.response.features.some((f) => f.geometry !== null))
      image = await pictureOf(await pane.snapshot());
    const before = def.kind === 'classification' ? previousOf(def, when) : null;
    const previous = before
      ? {
          period: before,
          changes: classChanges(shown.response, await api.map({ area, map: def.id, period: before })),
        }
      : null;
    return { def, response: shown.response, error: null, image, previous };
  } catch (error) {
    return { def, response: null, error: (error as Error).message, image: null, previous: null };
  }
}

/**
 * The canvas as a JPEG blob URL (encoded off the main thread, unlike a data URL). JPEG because
 * Chromium's PDF keeps a JPEG as it is, where it re-compresses a PNG: 1–2 s less per report.
 */
function pictureOf(map: HTMLCanvasElement): Promise<string> {
  // a JPEG has no transparency: the map on white, as on paper
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(map, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob ? resolve(URL.createObjectURL(blob)) : reject(new Error('the map picture could not be made')),
      'image/jpeg',
      0.92,
    ),
  );
}
