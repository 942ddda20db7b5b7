/**
 * Choosing what to show: the nine maps as a list of toggle buttons (maps without data in the
 * area marked), extra indicator layers in a select, and the period or year selector of the
 * chosen map offering what has data in the area.
 */
import type { LayerDefinition, MapDefinition, MapDefinitionsResponse } from '../../../src/api/schemas.js';
import { layerAsMap } from '../app-context.js';
import { h, uniqueId } from '../dom/element.js';
import { pick, unitLabel } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';

export interface MapChoice {
  map: string;
  period: string | null;
  year: number | null;
}

export function renderMapList(
  defs: MapDefinitionsResponse,
  current: MapDefinition,
  lang: Lang,
  t: Messages,
  onChoose: (mapId: string) => void,
): HTMLElement {
  const layerSelectId = uniqueId('layer');
  const extra = defs.extraMaps ?? [];
  const isLayer = !defs.maps.some((m) => m.id === current.id) && !extra.some((m) => m.id === current.id);
  const mapButton = (m: MapDefinition): HTMLElement => {
    const empty = m.availability?.hasData === false;
    const partial = !empty && m.availability?.halfCovered === false;
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: `map-button${empty ? ' no-data' : ''}`,
          'aria-pressed': m.id === current.id ? 'true' : 'false',
          'data-map': m.id,
          'data-has-data': empty ? 'false' : 'true',
          onclick: () => onChoose(m.id),
        },
        pick(lang, m.titleNl, m.titleEn),
        empty ? h('span', { class: 'map-tag' }, t.mapNoData) : null,
        partial ? h('span', { class: 'map-tag partial' }, t.mapPartialData) : null,
      ),
    );
  };
  const withData = defs.layers.filter((l) => l.availability?.hasData !== false);
  const without = defs.layers.filter((l) => l.availability?.hasData === false);
  const layerOption = (l: LayerDefinition): HTMLElement => {
    const unit = unitLabel(l.unit, lang);
    return h(
      'option',
      { value: l.id, selected: isLayer && l.id === current.id },
      `${pick(lang, l.titleNl, l.titleEn)}${unit ? ` (${unit})` : ''}`,
    );
  };
  return h(
    'nav',
    { class: 'map-list', 'aria-label': t.mapsHeading },
    h('h2', { class: 'panel-heading' }, t.mapsHeading),
    h('ol', { class: 'map-buttons' }, defs.maps.map(mapButton)),
    extra.length > 0
      ? [
          h('h3', { class: 'panel-subheading' }, t.otherMapsHeading),
          h('ul', { class: 'map-buttons extra' }, extra.map(mapButton)),
        ]
      : null,
    defs.layers.length > 0
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: layerSelectId }, t.extraLayersHeading),
          h(
            'select',
            {
              id: layerSelectId,
              'data-testid': 'layer-select',
              onchange: (e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                if (value) onChoose(value);
              },
            },
            h('option', { value: '' }, '—'),
            without.length > 0
              ? [
                  h('optgroup', { label: t.layersWithData }, withData.map(layerOption)),
                  h('optgroup', { label: t.layersWithoutData }, without.map(layerOption)),
                ]
              : withData.map(layerOption),
          ),
        )
      : null,
  );
}

/** Newest first: periods by end year, then start year; years descending. */
function newestFirst<T extends string | number>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return b - a;
    const [a0, a1] = String(a).split('-').map(Number);
    const [b0, b1] = String(b).split('-').map(Number);
    return b1! - a1! || b0! - a0!;
  });
}

/**
 * The period select (change/classification maps) or year select (level maps) with the options
 * that have data in the area, newest first; a deep-linked choice outside them is kept as an
 * option. Null when there is nothing to choose.
 */
export function renderWhenSelect(
  def: MapDefinition,
  chosen: { period: string | null; year: number | null },
  t: Messages,
  onChange: (when: { period: string | null; year: number | null }) => void,
  testId = 'when-select',
): HTMLElement | null {
  const id = uniqueId('when');
  const note = (key: string): string => {
    const a = def.availability;
    const n = a?.counts[key];
    return a && n !== undefined && n * 2 < a.buurten ? ` (${t.coverageShort(n, a.buurten)})` : '';
  };
  if (def.kind === 'level') {
    const years = def.years ?? [];
    const all = chosen.year !== null && !years.includes(chosen.year) ? [...years, chosen.year] : years;
    if (all.length === 0) return null;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, t.yearLabel),
      h(
        'select',
        {
          id,
          'data-testid': testId,
          onchange: (e: Event) =>
            onChange({ period: null, year: Number((e.target as HTMLSelectElement).value) }),
        },
        newestFirst(all).map((y) =>
          h('option', { value: String(y), selected: y === chosen.year }, `${y}${note(String(y))}`),
        ),
      ),
    );
  }
  const periods = def.periods ?? [];
  const all =
    chosen.period !== null && !periods.includes(chosen.period) ? [...periods, chosen.period] : periods;
  if (all.length === 0) return null;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t.periodLabel),
    h(
      'select',
      {
        id,
        'data-testid': testId,
        onchange: (e: Event) => onChange({ period: (e.target as HTMLSelectElement).value, year: null }),
      },
      newestFirst(all).map((p) =>
        h('option', { value: p, selected: p === chosen.period }, `${p.replace('-', '–')}${note(p)}`),
      ),
    ),
  );
}

/** A compact select of all maps and layers (used in the side-by-side view). */
export function renderMapSelect(
  defs: MapDefinitionsResponse,
  currentId: string,
  lang: Lang,
  label: string,
  onChoose: (id: string) => void,
  testId: string,
  noData = '',
): HTMLElement {
  const id = uniqueId('map-select');
  const all = [...defs.maps, ...(defs.extraMaps ?? []), ...defs.layers.map(layerAsMap)];
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, 'data-testid': testId, onchange: (e: Event) => onChoose((e.target as HTMLSelectElement).value) },
      all.map((m) =>
        h(
          'option',
          { value: m.id, selected: m.id === currentId },
          `${pick(lang, m.titleNl, m.titleEn)}${m.availability?.hasData === false ? ` (${noData})` : ''}`,
        ),
      ),
    ),
  );
}
