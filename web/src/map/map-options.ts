/**
 * Under the map: buurt names on or off, and the PDOK BRT-Achtergrondkaart as basemap (off by
 * default: it needs a connection; without one the map keeps working and says the basemap could
 * not be loaded).
 */
import { h } from '../dom/element.js';
import type { Messages } from '../i18n/messages.js';

export interface MapOptionsInput {
  labels: boolean;
  basemap: boolean;
  basemapAvailable: boolean;
  basemapFailed: boolean;
  t: Messages;
  onLabels(on: boolean): void;
  onBasemap(on: boolean): void;
}

function checkbox(
  label: string,
  checked: boolean,
  testId: string,
  onChange: (on: boolean) => void,
): HTMLElement {
  return h(
    'label',
    { class: 'check' },
    h('input', {
      type: 'checkbox',
      checked,
      'data-testid': testId,
      onchange: (e: Event) => onChange((e.target as HTMLInputElement).checked),
    }),
    ` ${label}`,
  );
}

export function renderMapOptions(o: MapOptionsInput): HTMLElement {
  return h(
    'div',
    { class: 'map-options', role: 'group', 'aria-label': o.t.mapOptions },
    checkbox(o.t.labelsToggle, o.labels, 'labels-toggle', o.onLabels),
    o.basemapAvailable ? checkbox(o.t.basemapToggle, o.basemap, 'basemap-toggle', o.onBasemap) : null,
    o.basemapFailed
      ? h('p', { class: 'notice small', role: 'status', 'data-testid': 'basemap-failed' }, o.t.basemapFailed)
      : null,
  );
}
