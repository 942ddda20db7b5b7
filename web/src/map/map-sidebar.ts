/**
 * The side panel of the map page: the nine maps (maps without data in the area marked), the
 * extra layers, the year or period select with what has data there, and "hoe lees je deze
 * kaart" with sources and editions of the map shown. For an area without maps (unknown, or
 * without loaded buurten) it says so instead of the list.
 */
import type { MapDefinition, MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import type { Lang, Messages } from '../i18n/messages.js';
import type { Terms } from '../i18n/terms.js';
import { renderMapInfo } from './map-info-panel.js';
import { renderMapList, renderWhenSelect } from './map-picker.js';

export interface SidebarInput {
  defs: MapDefinitionsResponse | null;
  def: MapDefinition | null;
  when: { period: string | null; year: number | null };
  response: MapResponse | null;
  lang: Lang;
  t: Messages;
  terms: Terms;
  /** Instead of the list (the area has no maps, or its list failed to load): why; null while there is one. */
  unavailable: string | null;
  onChooseMap(id: string): void;
  onWhen(when: { period: string | null; year: number | null }): void;
}

export function renderSidebar(sidebar: HTMLElement, input: SidebarInput): void {
  const { defs, def, t, lang } = input;
  preserveFocus(sidebar, () =>
    replaceChildren(
      sidebar,
      input.unavailable !== null
        ? h(
            'nav',
            { class: 'map-list', 'aria-label': t.mapsHeading },
            h('h2', { class: 'panel-heading' }, t.mapsHeading),
            h('p', { class: 'muted', 'data-testid': 'map-list-unavailable' }, input.unavailable),
          )
        : defs && def
          ? [
              renderMapList(defs, def, lang, t, input.onChooseMap),
              renderWhenSelect(def, input.when, t, input.onWhen),
            ]
          : h('p', { class: 'muted' }, t.loading),
      input.response ? renderMapInfo(input.response.meta, lang, t, input.terms) : null,
    ),
  );
}
