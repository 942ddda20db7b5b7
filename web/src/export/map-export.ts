/**
 * "Kaart als PNG": gathers title, area, period, legend, sources and editions of the map on
 * screen (with its buurt names) and saves the composed image; an empty or partly empty map
 * carries a warning under the title.
 */
import type { MapResponse } from '../../../src/api/schemas.js';
import { pick } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { mapHeading, mapWhen } from '../map/feature-value.js';
import { dataEditionLabel } from '../../../src/domain/editions/data-edition-label.js';
import { editionLabel } from '../i18n/terms.js';
import { downloadBlob, fileSlug } from './download.js';
import { canvasToPng, composeMapImage } from './png-export.js';

/** The publisher named in the source line, from an edition name. */
function publisherOf(edition: string): string {
  if (/^CBS KWB/i.test(edition)) return 'CBS Kerncijfers wijken en buurten';
  if (/leefbaarometer/i.test(edition)) return 'Leefbaarometer (BZK)';
  if (/RIVM|gezondheidsmonitor/i.test(edition)) return 'RIVM/CBS Gezondheidsmonitor';
  if (/politie/i.test(edition)) return 'Politie/CBS';
  return edition;
}

export interface MapExportInput {
  /** The map as shown, with buurt names (device pixels). */
  map: HTMLCanvasElement;
  cssWidth: number;
  response: MapResponse;
  lang: Lang;
  demo: boolean;
  /** Said prominently under the title: an empty or partly empty map. */
  warning: string | null;
}

/**
 * The image's line under the title: the area (a gemeente formed after the division named with the
 * gemeenten whose buurten the picture shows) and the map's period or year.
 */
export function exportSubtitle(meta: MapResponse['meta'], lang: Lang): string {
  const t = messagesFor(lang);
  const heading = mapHeading(meta, lang);
  const area = meta.formedFrom
    ? t.formedAreaLabel(meta.areaName, t.andList(meta.formedFrom.gemeenten.map((g) => g.name)))
    : meta.areaName;
  return heading.detail ? `${area} · ${heading.detail}` : t.exportTitleArea(area, mapWhen(meta));
}

export async function exportMapPng(input: MapExportInput): Promise<Blob> {
  const { response, lang } = input;
  const t = messagesFor(lang);
  const meta = response.meta;
  const editions = [
    ...new Set(
      meta.sources.map((s) => {
        const edition = editionLabel(s.edition) ?? s.edition;
        return s.table && !edition.includes(s.table) ? `${edition} (${s.table})` : edition;
      }),
    ),
  ].sort();
  const publishers = [...new Set(['CBS/PDOK wijk- en buurtkaart', ...editions.map(publisherOf)])];
  const scope = pick(lang, meta.legendScopeNl ?? '', meta.legendScopeEn ?? '');
  const image = composeMapImage({
    map: input.map,
    cssWidth: input.cssWidth,
    title: mapHeading(meta, lang).main,
    subtitle: exportSubtitle(meta, lang),
    legend: response.legend.map((entry) => ({ entry, label: pick(lang, entry.label, entry.labelEn) })),
    sourceLine:
      `${scope ? `${scope}. ` : ''}${t.exportSource}: ${publishers.join('; ')}. ${pick(lang, meta.caveatsNl, meta.caveatsEn)}`.trim(),
    editionLine: `${t.exportEdition}: ${editions.join('; ') || '–'} · ${t.divisionYear(meta.divisionYear)}${meta.config ? ` · ${t.configHeading}: ${meta.config.hash}` : ''}${meta.dataEdition ? ` · ${dataEditionLabel(meta.dataEdition.label, lang)}` : ''}`,
    footerLine: `${t.exportMadeWith} · ${new Date().toISOString().slice(0, 10)} · ${window.location.href}`,
    demoLabel: input.demo || meta.demo ? messagesFor('nl').demoBadge : null,
    warning: input.warning,
  });
  const blob = await canvasToPng(image);
  downloadBlob(blob, `${fileSlug('veerkracht', meta.area, meta.map, meta.period ?? meta.year)}.png`);
  return blob;
}
