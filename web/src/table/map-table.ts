/**
 * The table view of a map: every buurt with value, class, inhabitants and notes; sortable by
 * every column, filterable by name/code and class, downloadable as CSV. It is also the keyboard
 * way into the map: each buurt name is a button that opens its profile.
 */
import type { MapFeature, MapResponse } from '../../../src/api/schemas.js';
import { h, replaceChildren, uniqueId } from '../dom/element.js';
import { csvBlob, mapCsv } from '../export/csv-export.js';
import { downloadBlob, fileSlug } from '../export/download.js';
import { formatCount } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { classLabel, formatFeatureValue } from '../map/feature-value.js';

type SortKey = 'name' | 'code' | 'gemeente' | 'value' | 'class' | 'inhabitants';

export interface MapTableEvents {
  onSelect(code: string): void;
  onHighlight(code: string | null): void;
  /** Display name of a gemeente code. */
  gemeenteName(code: string): string;
  /** Text of a value flag (never its id). */
  flagLabel(flag: string): string;
}

export interface MapTable {
  readonly element: HTMLElement;
  setData(response: MapResponse, lang: Lang, t: Messages, selected: string | null): void;
}

function compareNullable(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function sorter(key: SortKey): (a: MapFeature, b: MapFeature) => number {
  switch (key) {
    case 'name':
      return (a, b) => a.properties.name.localeCompare(b.properties.name, 'nl');
    case 'code':
      return (a, b) => a.properties.code.localeCompare(b.properties.code);
    case 'gemeente':
      return (a, b) => a.properties.gemeente.localeCompare(b.properties.gemeente);
    case 'value':
      return (a, b) => compareNullable(a.properties.value, b.properties.value);
    case 'class':
      return (a, b) =>
        compareNullable(a.properties.classIndex, b.properties.classIndex) ||
        a.properties.classId.localeCompare(b.properties.classId);
    case 'inhabitants':
      return (a, b) => compareNullable(a.properties.inhabitants, b.properties.inhabitants);
    default: {
      const never: never = key;
      throw new Error(`unknown sort key ${String(never)}`);
    }
  }
}

export function createMapTable(events: MapTableEvents): MapTable {
  const element = h('section', { class: 'map-table', 'data-testid': 'map-table' });
  let sortKey: SortKey = 'name';
  let ascending = true;
  let filterText = '';
  let classFilter = '';
  let current: { response: MapResponse; lang: Lang; t: Messages; selected: string | null } | null = null;

  const visibleRows = (): MapFeature[] => {
    if (!current) return [];
    const q = filterText.trim().toLowerCase();
    const rows = current.response.features.filter(
      (f) =>
        (q === '' ||
          f.properties.name.toLowerCase().includes(q) ||
          f.properties.code.toLowerCase().includes(q)) &&
        (classFilter === '' || f.properties.classId === classFilter),
    );
    const cmp = sorter(sortKey);
    rows.sort((a, b) => (ascending ? cmp(a, b) : cmp(b, a)));
    return rows;
  };

  const render = (focusSort?: SortKey): void => {
    if (!current) return;
    const { response, lang, t, selected } = current;
    const rows = visibleRows();
    const filterId = uniqueId('table-filter');
    const classId = uniqueId('table-class');
    const label = (id: string, fallback: string): string => classLabel(response.legend, id, fallback, lang);
    // The gemeente column only for regions (several gemeenten).
    const multi = new Set(response.features.map((f) => f.properties.gemeente)).size > 1;
    const columns: [SortKey, string][] = [
      ['name', t.colBuurt],
      ['code', t.colCode],
      ...(multi ? [['gemeente', t.colGemeente] as [SortKey, string]] : []),
      ['value', t.colValue],
      ['class', t.colClass],
      ['inhabitants', t.colInhabitants],
    ];
    const header = h(
      'tr',
      {},
      columns.map(([key, text]) =>
        h(
          'th',
          { scope: 'col', 'aria-sort': key === sortKey ? (ascending ? 'ascending' : 'descending') : null },
          h(
            'button',
            {
              type: 'button',
              class: 'sort-button',
              'data-sort': key,
              onclick: () => {
                if (sortKey === key) ascending = !ascending;
                else {
                  sortKey = key;
                  ascending = true;
                }
                render(key);
              },
            },
            text,
            h(
              'span',
              { class: 'sort-indicator', 'aria-hidden': 'true' },
              key === sortKey ? (ascending ? ' ▲' : ' ▼') : '',
            ),
          ),
        ),
      ),
      h('th', { scope: 'col' }, t.colFlags),
    );
    const body = rows.map((f) => {
      const p = f.properties;
      return h(
        'tr',
        { 'data-code': p.code, class: p.code === selected ? 'is-selected' : null },
        h(
          'th',
          { scope: 'row' },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button buurt-button',
              'aria-label': t.selectBuurt(p.name),
              'aria-current': p.code === selected ? 'true' : null,
              'data-code': p.code,
              onclick: () => events.onSelect(p.code),
              onfocus: () => events.onHighlight(p.code),
              onblur: () => events.onHighlight(null),
            },
            p.name,
          ),
        ),
        h('td', {}, p.code),
        multi ? h('td', {}, events.gemeenteName(p.gemeente)) : null,
        h(
          'td',
          { class: 'num', 'data-value': p.value === null ? '' : String(p.value) },
          formatFeatureValue(p, response.meta, response.legend, lang),
        ),
        h('td', { class: 'nowrap' }, label(p.classId, p.label)),
        h('td', { class: 'num' }, formatCount(p.inhabitants, lang)),
        h('td', {}, p.flags.map((fl) => events.flagLabel(fl)).join(', ')),
      );
    });
    const download = h(
      'button',
      {
        type: 'button',
        class: 'button',
        'data-testid': 'csv-download',
        onclick: () => {
          const text = mapCsv(visibleRows(), response.meta, label);
          downloadBlob(
            csvBlob(text),
            `${fileSlug('veerkracht', response.meta.area, response.meta.map, response.meta.period ?? response.meta.year)}.csv`,
          );
        },
      },
      t.exportCsvRows(rows.length),
    );
    const previousFocus = document.activeElement;
    const keepFilterFocus =
      previousFocus instanceof HTMLElement && previousFocus.dataset['role'] === 'table-filter';
    replaceChildren(
      element,
      h(
        'div',
        { class: 'table-tools' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: filterId }, t.tableFilterLabel),
          h('input', {
            id: filterId,
            type: 'search',
            value: filterText,
            'data-role': 'table-filter',
            'data-testid': 'table-filter',
            oninput: (e: Event) => {
              filterText = (e.target as HTMLInputElement).value;
              render();
            },
          }),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: classId }, t.tableClassFilter),
          h(
            'select',
            {
              id: classId,
              'data-testid': 'table-class-filter',
              onchange: (e: Event) => {
                classFilter = (e.target as HTMLSelectElement).value;
                render();
              },
            },
            h('option', { value: '' }, t.tableAllClasses),
            response.legend.map((l) =>
              h(
                'option',
                { value: l.classId, selected: l.classId === classFilter },
                `${label(l.classId, l.label)} (${l.count})`,
              ),
            ),
          ),
        ),
        download,
      ),
      h('p', { class: 'muted', 'aria-live': 'polite' }, t.tableShown(rows.length, response.features.length)),
      h(
        'div',
        { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t.showTable },
        h('table', { class: 'data-table' }, h('thead', {}, header), h('tbody', {}, body)),
      ),
    );
    if (keepFilterFocus) {
      const input = element.querySelector<HTMLInputElement>('[data-role="table-filter"]');
      input?.focus();
      input?.setSelectionRange(input.value.length, input.value.length);
    }
    if (focusSort) element.querySelector<HTMLElement>(`[data-sort="${focusSort}"]`)?.focus();
  };

  return {
    element,
    setData(response, lang, t, selected) {
      if (current && current.response !== response) classFilter = '';
      current = { response, lang, t, selected };
      render();
    },
  };
}
