/**
 * What changed over time on a veerkracht map: per buurt its class in the previous period and in
 * the current one. Gives the list of buurten whose class changed (more concern first) and the
 * difference view: a map coloured by the direction of the change (more or less concern than
 * before, unchanged, not comparable), with "class then → class now" per buurt.
 */
import type { LegendEntry, MapFeature, MapResponse } from '../../../src/api/schemas.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../../../src/domain/engine/veerkracht-classes.js';
import { h } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';

export type ChangeDirection = 'worse' | 'better' | 'same' | 'unknown';

export interface ClassChange {
  code: string;
  name: string;
  from: { classId: string; label: string; labelEn: string };
  to: { classId: string; label: string; labelEn: string };
  direction: ChangeDirection;
  /** Severity now minus severity then (0 unless worse/better). */
  step: number;
}

/** Colour-blind-safe pair (orange/purple, as the change maps) plus a neutral grey. */
export const DIRECTION_COLOURS: Record<Exclude<ChangeDirection, 'unknown'>, string> = {
  worse: '#e66101',
  better: '#5e3c99',
  same: '#e5e7eb',
};

function severity(classId: string): number | null {
  const info = VEERKRACHT_CLASSES[classId as VeerkrachtClassId] as
    (typeof VEERKRACHT_CLASSES)[VeerkrachtClassId] | undefined;
  return info?.severity ?? null;
}

function classOf(f: MapFeature, legend: readonly LegendEntry[]) {
  const entry = legend.find((l) => l.classId === f.properties.classId);
  return {
    classId: f.properties.classId,
    label: entry?.label ?? f.properties.label,
    labelEn: entry?.labelEn ?? f.properties.label,
  };
}

/** Per buurt of `now`: its class in `then` and now, and the direction of the change. */
export function classChanges(now: MapResponse, then: MapResponse): ClassChange[] {
  const before = new Map(then.features.map((f) => [f.properties.code, f]));
  return now.features.map((f) => {
    const old = before.get(f.properties.code);
    const to = classOf(f, now.legend);
    const from = old
      ? classOf(old, then.legend)
      : { classId: 'onvoldoende-gegevens', label: 'Onvoldoende gegevens', labelEn: 'Insufficient data' };
    const a = severity(from.classId);
    const b = severity(to.classId);
    const step = a !== null && b !== null ? b - a : 0;
    const direction: ChangeDirection =
      a === null || b === null ? 'unknown' : step > 0 ? 'worse' : step < 0 ? 'better' : 'same';
    return { code: f.properties.code, name: f.properties.name, from, to, direction, step };
  });
}

/** The changed buurten: more concern first (largest step), then less concern, each by name. */
export function changedBuurten(changes: readonly ClassChange[]): ClassChange[] {
  return changes
    .filter((c) => c.direction === 'worse' || c.direction === 'better')
    .sort((a, b) => b.step - a.step || a.name.localeCompare(b.name, 'nl'));
}

export function transitionText(c: ClassChange, lang: Lang): string {
  return `${pick(lang, c.from.label, c.from.labelEn)} → ${pick(lang, c.to.label, c.to.labelEn)}`;
}

/** A map response of the change: colour by direction, the transition as label. */
export function differenceResponse(
  now: MapResponse,
  then: MapResponse,
  changes: readonly ClassChange[],
  t: { nl: Messages; en: Messages },
): MapResponse {
  const byCode = new Map(changes.map((c) => [c.code, c]));
  const ids: Record<ChangeDirection, string> = {
    worse: 'worse',
    better: 'better',
    same: 'same',
    unknown: 'missing',
  };
  const counts = new Map<string, number>();
  const features = now.features.map((f) => {
    const c = byCode.get(f.properties.code)!;
    const classId = ids[c.direction];
    counts.set(classId, (counts.get(classId) ?? 0) + 1);
    return {
      ...f,
      properties: {
        ...f.properties,
        value: null,
        classId,
        classIndex: c.direction === 'unknown' ? null : ['worse', 'better', 'same'].indexOf(c.direction),
        label: transitionText(c, 'nl'),
      },
    };
  });
  const entry = (classId: string, color: string, nl: string, en: string): LegendEntry => ({
    classId,
    label: nl,
    labelEn: en,
    color,
    count: counts.get(classId) ?? 0,
    min: null,
    max: null,
  });
  const when = `${(then.meta.period ?? '').replace('-', '–')} → ${(now.meta.period ?? '').replace('-', '–')}`;
  return {
    type: 'FeatureCollection',
    features,
    legend: [
      entry('worse', DIRECTION_COLOURS.worse, t.nl.diffWorse, t.en.diffWorse),
      entry('better', DIRECTION_COLOURS.better, t.nl.diffBetter, t.en.diffBetter),
      entry('same', DIRECTION_COLOURS.same, t.nl.diffSame, t.en.diffSame),
      entry('missing', '#d9d9d9', t.nl.diffUnknown, t.en.diffUnknown),
    ],
    meta: {
      ...now.meta,
      titleNl: t.nl.diffTitle(now.meta.titleNl, when),
      titleEn: t.en.diffTitle(now.meta.titleEn, when),
      headingNl: t.nl.diffTitle(now.meta.titleNl, when),
      headingEn: t.en.diffTitle(now.meta.titleEn, when),
      legendTitleNl: t.nl.diffLegendTitle(when),
      legendTitleEn: t.en.diffLegendTitle(when),
      legendScopeNl: null,
      legendScopeEn: null,
      howToReadNl: t.nl.diffHowToRead,
      howToReadEn: t.en.diffHowToRead,
    },
  };
}

/**
 * In place of the list when the area has no period that ends by the time `current` starts: no
 * comparison (a period sharing more years would compare mostly the same years), one line why.
 */
export function renderNoPreviousPeriod(current: string, t: Messages): HTMLElement {
  const start = Number(current.slice(0, 4));
  return h(
    'p',
    { class: 'class-changes muted', 'data-testid': 'class-changes-none' },
    t.changesNoPrevious(start, current.replace('-', '–')),
  );
}

/** The list of buurten whose class changed, with a button per buurt to open its profile. */
export function renderChangeList(
  changes: readonly ClassChange[],
  previous: string,
  current: string,
  lang: Lang,
  t: Messages,
  onSelect: (code: string) => void,
): HTMLElement {
  const changed = changedBuurten(changes);
  const worse = changed.filter((c) => c.direction === 'worse').length;
  const unknown = changes.filter((c) => c.direction === 'unknown').length;
  const span = `${previous.replace('-', '–')} → ${current.replace('-', '–')}`;
  return h(
    'section',
    { class: 'class-changes', 'data-testid': 'class-changes', 'aria-labelledby': 'class-changes-heading' },
    h('h2', { class: 'panel-heading', id: 'class-changes-heading' }, t.changesHeading(span)),
    h(
      'p',
      { class: 'muted', 'data-testid': 'class-changes-summary' },
      t.changesSummary(worse, changed.length - worse, changes.length - changed.length - unknown, unknown),
    ),
    changed.length === 0
      ? h('p', {}, t.changesNone)
      : h(
          'div',
          {
            class: 'table-scroll changes-scroll',
            tabindex: '0',
            role: 'region',
            'aria-label': t.changesHeading(span),
          },
          h(
            'table',
            { class: 'data-table compact' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.colBuurt),
                h('th', { scope: 'col' }, previous.replace('-', '–')),
                h('th', { scope: 'col' }, current.replace('-', '–')),
              ),
            ),
            h(
              'tbody',
              {},
              changed.map((c) =>
                h(
                  'tr',
                  { 'data-code': c.code, 'data-direction': c.direction },
                  h(
                    'th',
                    { scope: 'row' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'link-button',
                        'data-code': c.code,
                        'aria-label': t.selectBuurt(c.name),
                        onclick: () => onSelect(c.code),
                      },
                      h(
                        'span',
                        { class: `direction-mark ${c.direction}`, 'aria-hidden': 'true' },
                        c.direction === 'worse' ? '▲' : '▼',
                      ),
                      ' ',
                      c.name,
                    ),
                  ),
                  h('td', {}, pick(lang, c.from.label, c.from.labelEn)),
                  h('td', {}, pick(lang, c.to.label, c.to.labelEn)),
                ),
              ),
            ),
          ),
        ),
  );
}
