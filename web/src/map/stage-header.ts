/**
 * The head of the map stage: the map title with area and period, the display switch (map,
 * table, difference with the previous period), the buurt picker — a combobox: typing filters the
 * buurten of the map and nothing opens until one is chosen — the PNG export and the downloads
 * (CSV, GeoJSON, GeoPackage; web/src/export/map-downloads.ts).
 */
import type { MapFeature } from '../../../src/api/schemas.js';
import { createCombobox, type Combobox } from '../dom/combobox.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../export/map-downloads.js';
import type { Messages } from '../i18n/messages.js';
import type { Display } from '../state/view-state.js';
import { normalise } from '../start/area-search.js';

export interface StageHeaderInput {
  title: string;
  /** What the map compares (years, fallback measure), under the title. */
  detail: string | null;
  subtitle: string;
  /** For a gemeente formed after the division shown: which gemeenten of it the map shows. */
  formedNote: string | null;
  display: Display;
  /** The difference view is offered (a veerkracht map with an earlier period). */
  canShowChange: boolean;
  canExport: boolean;
  /** CSV, GeoJSON and GeoPackage of the map shown (also in the table view). */
  canDownload: boolean;
  /** The area's report: not for an area without maps. */
  canReport: boolean;
  t: Messages;
}

export interface StageHeaderEvents {
  onDisplay(display: Display): void;
  onChooseBuurt(code: string): void;
  onExport(): void;
  onDownload(format: DownloadFormat): void;
  /** The report of the area (all nine maps) as PDF. */
  onReport(): void;
}

export interface StageHeader {
  readonly element: HTMLElement;
  render(input: StageHeaderInput): void;
  /** The buurten the picker offers (the map's features); `gemeenteName` adds the gemeente in a region. */
  setBuurten(
    features: readonly MapFeature[],
    selected: string | null,
    gemeenteName?: (code: string) => string,
  ): void;
  focusPicker(): void;
}

/** The note of a gemeente formed after the division shown (app-context.ts `formedNote`), or null. */
export function formedNoteElement(note: string | null): HTMLElement | null {
  return note
    ? h('p', { class: 'notice area-formed', role: 'note', 'data-testid': 'area-formed' }, note)
    : null;
}

/** Buurten whose name (or code) matches the typed text: name starts with it first. */
export function filterBuurten(features: readonly MapFeature[], text: string): MapFeature[] {
  const q = normalise(text);
  const sorted = [...features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'nl'));
  if (q === '') return sorted;
  const starts = sorted.filter((f) => normalise(f.properties.name).startsWith(q));
  const contains = sorted.filter(
    (f) =>
      !normalise(f.properties.name).startsWith(q) &&
      (normalise(f.properties.name).includes(q) || f.properties.code.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

export function createStageHeader(events: StageHeaderEvents, t0: Messages): StageHeader {
  const titleSlot = h('div', { class: 'stage-title' });
  const toolSlot = h('div', { class: 'stage-tools-main' });
  let features: readonly MapFeature[] = [];
  let detail: ((f: MapFeature) => string | undefined) | null = null;
  let t = t0;
  let picker: Combobox = makePicker();
  const pickerSlot = h(
    'div',
    { class: 'field buurt-picker', 'data-testid': 'buurt-picker-field' },
    picker.element,
  );
  const exportButton = h('button', {
    type: 'button',
    class: 'button',
    'data-testid': 'export-png',
    onclick: () => events.onExport(),
  });
  const downloadButtons = DOWNLOAD_FORMATS.map((format) =>
    h('button', {
      type: 'button',
      class: 'button',
      'data-testid': `download-${format}`,
      onclick: () => events.onDownload(format),
    }),
  );
  const reportButton = h('button', {
    type: 'button',
    class: 'button',
    'data-testid': 'download-report',
    onclick: () => events.onReport(),
  });
  const element = h(
    'div',
    { class: 'stage-header' },
    titleSlot,
    h('div', { class: 'stage-tools' }, toolSlot, pickerSlot, exportButton, ...downloadButtons, reportButton),
  );

  function makePicker(): Combobox {
    return createCombobox({
      label: t.buurtPicker,
      placeholder: t.buurtPickerPlaceholder,
      testId: 'buurt-picker',
      noResults: t.buurtPickerNoResults,
      resultsCount: t.searchResults,
      listLabel: t.buurtPickerList,
      openOnEmpty: true,
      search: (text) =>
        filterBuurten(features, text).map((f) => {
          const d = detail?.(f);
          return { value: f.properties.code, label: f.properties.name, ...(d ? { detail: d } : {}) };
        }),
      onChoose: (option) => events.onChooseBuurt(option.value),
    });
  }

  return {
    element,
    render(input) {
      const languageChanged = input.t !== t;
      t = input.t;
      replaceChildren(
        titleSlot,
        h('h1', { 'data-testid': 'map-title' }, input.title),
        h('p', { class: 'muted', 'data-testid': 'map-subtitle' }, input.subtitle),
        formedNoteElement(input.formedNote),
        input.detail
          ? h('p', { class: 'heading-detail', 'data-testid': 'map-heading-detail' }, input.detail)
          : null,
      );
      const button = (display: Display, label: string): HTMLElement =>
        h(
          'button',
          {
            type: 'button',
            class: 'segment',
            'aria-pressed': input.display === display ? 'true' : 'false',
            'data-display': display,
            onclick: () => events.onDisplay(display),
          },
          label,
        );
      preserveFocus(toolSlot, () =>
        replaceChildren(
          toolSlot,
          h(
            'div',
            { class: 'segmented', role: 'group', 'aria-label': t.displayChoice },
            button('map', t.showMap),
            button('table', t.showTable),
            input.canShowChange ? button('change', t.showChange) : null,
          ),
        ),
      );
      if (languageChanged) {
        const text = picker.input.value;
        const focused = document.activeElement === picker.input;
        picker = makePicker();
        picker.input.value = text;
        replaceChildren(pickerSlot, picker.element);
        if (focused) picker.input.focus();
      }
      exportButton.textContent = t.exportPng;
      exportButton.disabled = !input.canExport;
      downloadButtons.forEach((button, i) => {
        const format = DOWNLOAD_FORMATS[i]!;
        button.textContent = t.downloadAs[format];
        button.setAttribute('aria-label', t.downloadLabel(t.downloadAs[format]));
        button.disabled = !input.canDownload;
      });
      reportButton.textContent = t.reportPdf;
      reportButton.title = t.reportPdfTitle;
      reportButton.disabled = !input.canReport;
    },
    setBuurten(next, selected, gemeenteName) {
      features = next;
      const several = new Set(next.map((f) => f.properties.gemeente)).size > 1;
      detail = several && gemeenteName ? (f) => gemeenteName(f.properties.gemeente) : null;
      const name = next.find((f) => f.properties.code === selected)?.properties.name ?? '';
      picker.setText(name);
    },
    focusPicker() {
      picker.input.focus();
    },
  };
}
