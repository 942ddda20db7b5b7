/**
 * The side panel of the map page: the nine maps (maps without data in the area marked), the
 * extra layers, the year or period select with what has data there, and "hoe lees je deze
 * kaart" with sources and editions of the map shown.
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
  onChooseMap(id: string): void;
  onWhen(when: { period: string | null; year: number | null }): void;
}

export function renderSidebar(sidebar: HTMLElement, input: SidebarInput): void {
  const { defs, def, t, lang } = input;
  preserveFocus(sidebar, () =>
    replaceChildren(
      sidebar,
      defs && def
        ? [
            renderMapList(defs, def, lang, t, input.onChooseMap),
            renderWhenSelect(def, input.when, t, input.onWhen),
          ]
        : h('p', { class: 'muted' }, t.loading),
      input.response ? renderMapInfo(input.response.meta, lang, t, input.terms) : null,
    ),
  );
}
