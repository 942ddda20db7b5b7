/**
 * On the map, why it shows (almost) nothing: for a map without data in the area, which source is
 * missing there and how to load it (`veerkracht fetch --sources …`, or import a file), with a
 * button to the first map that does have data; for a year or period that covers fewer than half
 * of the buurten, how many have a value.
 */
import type { MapDefinition, MapResponse } from '../../../src/api/schemas.js';
import { coverageOf } from '../app-context.js';
import { withCode } from '../dom/inline-code.js';
import { h } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { sourceTitle } from '../i18n/terms.js';

export interface NoticeInput {
  def: MapDefinition;
  areaName: string;
  /** The year or period shown. */
  when: string | number | null;
  /** The map as loaded: its own reason (`meta.emptyReason`) is used when it gives one. */
  response?: MapResponse | null;
  lang: Lang;
  t: Messages;
  /** The first map with data in the area, offered as a way out (absent when none has data). */
  withData?: { def: MapDefinition; choose: () => void } | undefined;
}

/** Why an empty map is empty, in words; null when the map has data (or no availability is known). */
export function emptyReasonText(
  def: MapDefinition,
  areaName: string,
  lang: Lang,
  t: Messages,
): string | null {
  const a = def.availability;
  if (!a || a.hasData) return null;
  switch (a.emptyReason) {
    case 'source-not-loaded':
      return t.emptySourceNotLoaded(areaName, a.missingSources.map((s) => sourceTitle(s, lang)).join(', '));
    case 'no-comparable-years':
      return t.emptyNoComparableYears;
    default:
      return t.emptyNoValues;
  }
}

/** The `veerkracht fetch` command that would load what is missing. */
export function fetchCommand(def: MapDefinition): string {
  const missing = def.availability?.missingSources ?? [];
  return missing.length > 0 ? `veerkracht fetch --sources ${missing.join(',')}` : 'veerkracht fetch';
}

/** Coverage of the shown year or period when it is below half of the buurten; null otherwise. */
export function partialCoverage(
  def: MapDefinition,
  when: string | number | null,
): { n: number; total: number } | null {
  const a = def.availability;
  const n = coverageOf(def, when);
  if (!a || !a.hasData || n === undefined || n * 2 >= a.buurten) return null;
  return { n, total: a.buurten };
}

export function renderMapNotice(input: NoticeInput): HTMLElement | null {
  const { def, t, lang } = input;
  const reason = emptyReasonText(def, input.areaName, lang, t);
  if (reason) {
    const own = input.response?.meta.emptyReason;
    return h(
      'div',
      { class: 'map-notice empty', role: 'note', 'data-testid': 'empty-map-notice' },
      h('h2', {}, t.emptyHeading(pick(lang, def.titleNl, def.titleEn), input.areaName)),
      own
        ? h('p', {}, ...withCode(pick(lang, own.nl, own.en)))
        : [
            h('p', {}, reason),
            h(
              'p',
              {},
              `${t.emptyHowToLoad} `,
              h('code', {}, fetchCommand(def)),
              ` ${t.emptyOrImport} `,
              h('code', {}, t.importCommand),
              '.',
            ),
          ],
      input.withData
        ? h(
            'button',
            {
              type: 'button',
              class: 'button',
              'data-testid': 'empty-map-way-out',
              onclick: input.withData.choose,
            },
            t.emptyShowMap(pick(lang, input.withData.def.titleNl, input.withData.def.titleEn)),
          )
        : null,
    );
  }
  const partial = partialCoverage(def, input.when);
  if (partial)
    return h(
      'div',
      { class: 'map-notice partial', role: 'note', 'data-testid': 'partial-map-notice' },
      h('p', {}, t.partialCoverage(partial.n, partial.total)),
    );
  return null;
}
