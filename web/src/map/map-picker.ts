/**
 * Choosing what to show: the nine maps as a list of toggle buttons, extra indicator layers in a
 * select, and the period or year selector of the chosen map.
 */
import type { MapDefinition } from '../../../src/api/schemas.js';
import { layerAsMap, type AppData } from '../app-context.js';
import { h, uniqueId } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';

export interface MapChoice {
  map: string;
  period: string | null;
  year: number | null;
}

export function renderMapList(
  data: AppData,
  current: MapDefinition,
  lang: Lang,
  t: Messages,
  onChoose: (mapId: string) => void,
): HTMLElement {
  const layerSelectId = uniqueId('layer');
  const layers = data.definitions.layers;
  const isLayer = !data.definitions.maps.some((m) => m.id === current.id);
  return h(
    'nav',
    { class: 'map-list', 'aria-label': t.mapsHeading },
    h('h2', { class: 'panel-heading' }, t.mapsHeading),
    h(
      'ol',
      { class: 'map-buttons' },
      data.definitions.maps.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'map-button',
              'aria-pressed': m.id === current.id ? 'true' : 'false',
              'data-map': m.id,
              onclick: () => onChoose(m.id),
            },
            pick(lang, m.titleNl, m.titleEn),
          ),
        ),
      ),
    ),
    layers.length > 0
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
            layers.map((l) =>
              h(
                'option',
                { value: l.id, selected: isLayer && l.id === current.id },
                `${pick(lang, l.titleNl, l.titleEn)} (${l.unit})`,
              ),
            ),
          ),
        )
      : null,
  );
}

/** The period select (change/classification maps) or year select (level maps); null when there is nothing to choose. */
export function renderWhenSelect(
  def: MapDefinition,
  chosen: { period: string | null; year: number | null },
  t: Messages,
  onChange: (when: { period: string | null; year: number | null }) => void,
  testId = 'when-select',
): HTMLElement | null {
  const id = uniqueId('when');
  if (def.kind === 'level') {
    const years = def.years ?? [];
    if (years.length === 0) return null;
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
        years.map((y) => h('option', { value: String(y), selected: y === chosen.year }, String(y))),
      ),
    );
  }
  const periods = def.periods ?? [];
  if (periods.length === 0) return null;
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
      periods.map((p) => h('option', { value: p, selected: p === chosen.period }, p.replace('-', '–'))),
    ),
  );
}

/** A compact select of all maps and layers (used in the side-by-side view). */
export function renderMapSelect(
  data: AppData,
  currentId: string,
  lang: Lang,
  label: string,
  onChoose: (id: string) => void,
  testId: string,
): HTMLElement {
  const id = uniqueId('map-select');
  const all = [...data.definitions.maps, ...data.definitions.layers.map(layerAsMap)];
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, 'data-testid': testId, onchange: (e: Event) => onChoose((e.target as HTMLSelectElement).value) },
      all.map((m) =>
        h('option', { value: m.id, selected: m.id === currentId }, pick(lang, m.titleNl, m.titleEn)),
      ),
    ),
  );
}
