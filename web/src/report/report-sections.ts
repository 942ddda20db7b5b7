/**
 * The opening sections of the area report, from what report-view.ts loaded: the cover, the key
 * figures with the contents, and one page per map (its picture as the app drew it, legend with
 * counts, how to read it in brief, caveats, sources); the closing ones are in report-closing.ts.
 * Every number comes from the API; missing stays "geen gegevens", never 0.
 */
import type {
  CompareArea,
  ComparePerClass,
  MapDefinition,
  MapResponse,
  SourceRef,
} from '../../../src/api/schemas.js';
import { h, type Child } from '../dom/element.js';
import { withCode } from '../dom/inline-code.js';
import { formatCount, formatNumber, pick } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { editionDate } from '../edition/edition-messages.js';
import { dataEditionLabel } from '../../../src/domain/editions/data-edition-label.js';
import { editionLabel, type Terms } from '../i18n/terms.js';
import type { ClassChange } from '../map/class-changes.js';
import { mapHeading, mapTitle, mapWhen } from '../map/feature-value.js';
import { renderLegend } from '../map/legend-panel.js';
import type { ReportMessages } from './report-messages.js';

export interface ReportMap {
  def: MapDefinition;
  response: MapResponse | null;
  /** Why the map could not be made (an API error), null when it was. */
  error: string | null;
  /** The map as the app drew it (a PNG blob URL), null without a picture. */
  image: string | null;
  /** Veerkracht maps: the previous comparable period and the class changes since. */
  previous: { period: string; changes: ClassChange[] } | null;
}

export interface ReportData {
  area: string;
  areaName: string;
  isRegion: boolean;
  /** What a herindeling after the division shown means for the report's maps (app-context.ts `formedNote`), else null. */
  formedNote: string | null;
  /** The name of a gemeente code (the buurt table of a region). */
  gemeenteName(code: string): string;
  lang: Lang;
  /** GET /api/compare of the area: key figures (null when it could not be made). */
  keyFigures: { period: string; area: CompareArea } | null;
  maps: ReportMap[];
  /** The data edition the report shows (its label "editie 2026-1" and when it was made); null when the store records none. */
  edition: { id: number; label: string; createdAt: string } | null;
  demo: boolean;
  terms: Terms;
}

/** The map page's deep link (relative; the app's origin is put in front when shown). */
export function mapLink(area: string, m: ReportMap, lang: Lang, edition: number | null): string {
  const q = new URLSearchParams({ view: 'map', area, map: m.def.id });
  const meta = m.response?.meta;
  if (meta?.period) q.set('period', meta.period);
  else if (meta?.year !== null && meta?.year !== undefined) q.set('year', String(meta.year));
  if (edition !== null) q.set('edition', String(edition));
  if (lang === 'en') q.set('lang', 'en');
  return `/?${q.toString()}`;
}

/** A link the PDF renderer points at the server's public address (class report-deep-link). */
export function deepLink(path: string): HTMLElement {
  const full = `${window.location.origin}${path}`;
  return h('a', { class: 'report-deep-link', href: full, 'data-path': path }, full);
}

export function titleOf(m: ReportMap, lang: Lang): string {
  return m.response ? mapTitle(m.response.meta, lang) : pick(lang, m.def.titleNl, m.def.titleEn);
}

export function whenOf(m: ReportMap): string {
  return m.response ? mapWhen(m.response.meta) : '';
}

function editionsOf(maps: readonly ReportMap[]): string[] {
  const labels = maps.flatMap((m) =>
    (m.response?.meta.sources ?? []).map((s) => {
      const label = editionLabel(s.edition) ?? s.edition;
      return s.table && !label.includes(s.table) ? `${label} (${s.table})` : label;
    }),
  );
  return [...new Set(labels)].sort((a, b) => a.localeCompare(b, 'nl'));
}

export function renderCover(data: ReportData, tm: ReportMessages): HTMLElement {
  const date = new Date().toISOString().slice(0, 10);
  const editions = editionsOf(data.maps);
  const link = new URLSearchParams({ view: 'map', area: data.area });
  if (data.edition) link.set('edition', String(data.edition.id));
  if (data.lang === 'en') link.set('lang', 'en');
  return h(
    'section',
    { class: 'report-page report-cover', 'data-testid': 'report-cover' },
    h('p', { class: 'report-kicker' }, tm.title),
    h('h1', {}, data.areaName),
    h('p', { class: 'report-kind' }, `${data.isRegion ? tm.kindRegion : tm.kindGemeente} · ${data.area}`),
    data.formedNote
      ? h('p', { class: 'report-formed', 'data-testid': 'report-formed' }, data.formedNote)
      : null,
    data.demo ? h('p', { class: 'report-demo' }, tm.demo) : null,
    h('p', { class: 'report-subtitle' }, tm.subtitle),
    h(
      'div',
      { class: 'report-cover-facts' },
      h('p', {}, tm.madeOn(date)),
      data.edition
        ? h(
            'p',
            { class: 'report-data-edition', 'data-testid': 'report-edition' },
            h('strong', {}, `${tm.edition}: `),
            tm.editionOf(
              dataEditionLabel(data.edition.label, data.lang),
              editionDate(data.edition.createdAt, data.lang),
            ),
          )
        : null,
      h('p', { class: 'report-edition' }, h('strong', {}, `${tm.dataEdition}: `), editions.join('; ') || '–'),
      h(
        'div',
        { class: 'report-link' },
        h('div', { class: 'report-qr', 'data-testid': 'report-qr' }),
        h('p', {}, h('strong', {}, `${tm.openOnline}: `), deepLink(`/?${link.toString()}`)),
      ),
    ),
  );
}

function perClassTable(caption: string, rows: readonly ComparePerClass[], lang: Lang, tm: ReportMessages) {
  return h(
    'table',
    { class: 'report-table' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [tm.colClass, tm.buurten, tm.inhabitants].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, pick(lang, r.label, r.labelEn ?? r.label)),
          h('td', { class: 'num' }, formatCount(r.buurten, lang)),
          h('td', { class: 'num' }, r.inhabitants === null ? tm.noData : formatCount(r.inhabitants, lang)),
        ),
      ),
    ),
  );
}

export function renderKeyFigures(
  data: ReportData,
  tm: ReportMessages,
  /** Headings of pages between the changes and the buurt table (the early warning), in order. */
  extraHeadings: readonly string[] = [],
): HTMLElement {
  const lang = data.lang;
  const k = data.keyFigures;
  const or = (v: string) => (v === '–' ? tm.noData : v);
  const facts: [string, string][] = k
    ? [
        [tm.buurten, formatCount(k.area.buurten, lang)],
        [tm.inhabitants, or(formatCount(k.area.inhabitants, lang))],
        ...(k.area.buurtenWithoutPopulation
          ? [
              [tm.buurtenWithoutPopulation, formatCount(k.area.buurtenWithoutPopulation, lang)] as [
                string,
                string,
              ],
            ]
          : []),
        [tm.corporatiebuurten(k.area.corporatiebuurtenYear), or(formatCount(k.area.corporatiebuurten, lang))],
        [
          tm.meanIndex(k.area.meanIndexYear, k.area.meanIndexWeighted),
          or(formatNumber(k.area.meanIndex, lang)),
        ],
      ]
    : [];
  return h(
    'section',
    { class: 'report-page report-key', 'data-testid': 'report-key-figures' },
    h('h2', {}, tm.keyFigures),
    k ? h('p', {}, tm.keyPeriod(k.period.replace('-', '–'))) : h('p', {}, tm.noData),
    h(
      'div',
      { class: 'report-columns' },
      h(
        'div',
        {},
        h(
          'dl',
          { class: 'report-facts' },
          facts.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
        ),
        k ? perClassTable(tm.perClassAbsolute, k.area.perClass, lang, tm) : null,
        k?.area.perClassRelative
          ? perClassTable(tm.perClassRelative, k.area.perClassRelative, lang, tm)
          : null,
      ),
      h(
        'div',
        {},
        h('h3', {}, tm.contents),
        h(
          'ol',
          { class: 'report-contents' },
          data.maps.map((m) => h('li', {}, `${titleOf(m, lang)}`, m.response ? ` (${whenOf(m)})` : '')),
          h('li', { value: 10 }, tm.changesHeading),
          extraHeadings.map((heading) => h('li', {}, heading)),
          h('li', {}, tm.tableHeading),
          h('li', {}, tm.methodHeading),
          h('li', {}, tm.sourcesHeading),
        ),
      ),
    ),
  );
}

/** "Hoe lees je deze kaart" in brief: whole sentences up to about 420 characters. */
export function brief(text: string, max = 420): string {
  if (text.length <= max) return text;
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [text];
  let out = '';
  for (const s of sentences) {
    if (out && (out + s).length > max) break;
    out += s;
  }
  return out.trim();
}

/** The editions behind a map with the years used, each once (the full list is in the sources section). */
function sourceLine(sources: readonly SourceRef[]): string {
  const years = new Map<string, Set<number>>();
  for (const s of sources) {
    const label = editionLabel(s.edition) ?? s.edition;
    const key = s.table && !label.includes(s.table) ? `${label} (${s.table})` : label;
    const set = years.get(key) ?? new Set<number>();
    s.years.forEach((y) => set.add(y));
    years.set(key, set);
  }
  return [...years]
    .map(([edition, ys]) => (ys.size > 0 ? `${edition}: ${[...ys].sort().join(', ')}` : edition))
    .join('; ');
}

export function renderMapPage(
  m: ReportMap,
  index: number,
  data: ReportData,
  tm: ReportMessages,
): HTMLElement {
  const lang = data.lang;
  const meta = m.response?.meta;
  const heading = meta ? mapHeading(meta, lang) : { main: titleOf(m, lang), detail: null };
  const howTo = meta
    ? pick(lang, meta.howToReadNl, meta.howToReadEn)
    : pick(lang, m.def.howToReadNl, m.def.howToReadEn);
  const caveats = meta ? pick(lang, meta.caveatsNl, meta.caveatsEn) : '';
  const empty = meta?.emptyReason
    ? `${tm.noMapData(data.areaName)} ${pick(lang, meta.emptyReason.nl, meta.emptyReason.en)}`
    : null;
  const picture: Child = m.image
    ? h('img', { class: 'report-map-image', src: m.image, alt: `${heading.main} — ${data.areaName}` })
    : h(
        'div',
        { class: 'report-map-missing' },
        ...(m.error ? [`${tm.mapFailed}: ${m.error}`] : withCode(empty ?? tm.noMapData(data.areaName))),
      );
  return h(
    'section',
    { class: 'report-page report-map', 'data-map': m.def.id, 'data-testid': 'report-map' },
    h('p', { class: 'report-map-number' }, `${tm.mapPage(index)} · ${data.areaName}`),
    h('h2', {}, heading.main),
    heading.detail ? h('p', { class: 'report-map-detail' }, heading.detail) : null,
    h(
      'div',
      { class: 'report-map-body' },
      h(
        'div',
        { class: 'report-map-picture' },
        picture,
        empty && m.image ? h('p', { class: 'report-warning' }, ...withCode(empty)) : null,
      ),
      h(
        'div',
        { class: 'report-map-side' },
        m.response
          ? renderLegend(m.response.legend, lang, messagesFor(lang), {
              headingLevel: 'h3',
              ...(meta?.legendTitleNl
                ? { title: pick(lang, meta.legendTitleNl, meta.legendTitleEn ?? '') }
                : {}),
              ...(meta?.legendScopeNl
                ? { scope: pick(lang, meta.legendScopeNl, meta.legendScopeEn ?? '') }
                : {}),
            })
          : null,
        howTo ? h('div', { class: 'report-how' }, h('h3', {}, tm.howToRead), h('p', {}, brief(howTo))) : null,
        caveats
          ? h('p', { class: 'report-caveat' }, h('strong', {}, `${tm.caveat}: `), brief(caveats, 240))
          : null,
        meta && meta.sources.length > 0
          ? h(
              'p',
              { class: 'report-map-sources' },
              h('strong', {}, `${tm.sources}: `),
              sourceLine(meta.sources),
            )
          : null,
        h('p', { class: 'report-map-link' }, deepLink(mapLink(data.area, m, lang, data.edition?.id ?? null))),
      ),
    ),
  );
}
