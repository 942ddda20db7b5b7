/**
 * "Kaart als PNG": gathers title, area, period, legend, sources and editions of the map on
 * screen and saves the composed image.
 */
import type { MapResponse } from '../../../src/api/schemas.js';
import { pick } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { mapTitle, mapWhen } from '../map/feature-value.js';
import type { MapCanvas } from '../map/map-canvas.js';
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

export async function exportMapPng(
  canvas: MapCanvas,
  cssWidth: number,
  response: MapResponse,
  lang: Lang,
  demo: boolean,
): Promise<Blob> {
  const t = messagesFor(lang);
  const meta = response.meta;
  const editions = [
    ...new Set(
      meta.sources.map((s) =>
        s.table && !s.edition.includes(s.table) ? `${s.edition} (${s.table})` : s.edition,
      ),
    ),
  ].sort();
  const publishers = [...new Set(['CBS/PDOK wijk- en buurtkaart', ...editions.map(publisherOf)])];
  const image = composeMapImage({
    map: canvas.snapshot(),
    cssWidth,
    title: mapTitle(meta, lang),
    subtitle: t.exportTitleArea(meta.areaName, mapWhen(meta)),
    legend: response.legend.map((entry) => ({ entry, label: pick(lang, entry.label, entry.labelEn) })),
    sourceLine:
      `${t.exportSource}: ${publishers.join('; ')}. ${pick(lang, meta.caveatsNl, meta.caveatsEn)}`.trim(),
    editionLine: `${t.exportEdition}: ${editions.join('; ') || '–'} · ${t.divisionYear(meta.divisionYear)}${meta.config ? ` · ${t.configHeading}: ${meta.config.hash}` : ''}`,
    footerLine: `${t.exportMadeWith} · ${new Date().toISOString().slice(0, 10)} · ${window.location.href}`,
    demoLabel: demo || meta.demo ? messagesFor('nl').demoBadge : null,
  });
  const blob = await canvasToPng(image);
  downloadBlob(blob, `${fileSlug('veerkracht', meta.area, meta.map, meta.period ?? meta.year)}.png`);
  return blob;
}
