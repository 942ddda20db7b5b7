/**
 * PNG export of the current map view for the meeting table: title and area above the map image,
 * the legend with counts, the source line and the data editions below, and the demo label when
 * the data are fictitious. The image is exactly as wide as the map canvas.
 */
import type { LegendEntry } from '../../../src/api/schemas.js';
import { drawPattern, findPatternKind } from '../map/hatch-patterns.js';

export interface PngExportInput {
  map: HTMLCanvasElement;
  /** CSS pixel width the map is shown at (for the text scale). */
  cssWidth: number;
  title: string;
  subtitle: string;
  legend: { entry: LegendEntry; label: string }[];
  sourceLine: string;
  editionLine: string;
  footerLine: string;
  demoLabel: string | null;
  /** A warning (empty or partly empty map) drawn in a band under the title. */
  warning?: string | null;
}

const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the export image; returns the canvas (toBlob is left to the caller). */
export function composeMapImage(input: PngExportInput): HTMLCanvasElement {
  const width = input.map.width;
  const s = input.cssWidth > 0 ? width / input.cssWidth : 1;
  const pad = 16 * s;
  const measure = document.createElement('canvas').getContext('2d')!;

  measure.font = `${14 * s}px ${FONT}`;
  const subtitleLines = wrap(measure, input.subtitle, width - 2 * pad);
  const demoTop = pad + 26 * s + subtitleLines.length * 18 * s + 4 * s;
  measure.font = `bold ${13 * s}px ${FONT}`;
  const warningLines = input.warning ? wrap(measure, input.warning, width - 2 * pad - 16 * s) : [];
  const warningTop = demoTop + (input.demoLabel ? 26 * s : 0) + 4 * s;
  const warningHeight = warningLines.length > 0 ? warningLines.length * 18 * s + 14 * s : 0;
  const headerHeight = warningTop + warningHeight + (warningHeight > 0 ? 8 * s : 0);
  measure.font = `${12 * s}px ${FONT}`;
  const widest = Math.max(
    0,
    ...input.legend.map(({ entry, label }) => measure.measureText(`${label} (${entry.count})`).width),
  );
  const colWidth = Math.min(width - 2 * pad, Math.max(160 * s, widest + 36 * s));
  const columns = Math.max(1, Math.floor((width - 2 * pad) / colWidth));
  const legendRows = Math.ceil(input.legend.length / columns);
  const rowHeight = 22 * s;
  const footerLines = [
    ...wrap(measure, input.sourceLine, width - 2 * pad),
    ...wrap(measure, input.editionLine, width - 2 * pad),
    ...wrap(measure, input.footerLine, width - 2 * pad),
  ];
  const legendTop = headerHeight + input.map.height + pad;
  const footerTop = legendTop + legendRows * rowHeight + pad / 2;
  const height = Math.ceil(footerTop + footerLines.length * 16 * s + pad);

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';

  ctx.fillStyle = '#111827';
  ctx.font = `bold ${20 * s}px ${FONT}`;
  ctx.fillText(input.title, pad, pad, width - 2 * pad);
  ctx.font = `${14 * s}px ${FONT}`;
  ctx.fillStyle = '#374151';
  subtitleLines.forEach((line, i) => ctx.fillText(line, pad, pad + 26 * s + i * 18 * s, width - 2 * pad));
  if (input.demoLabel) {
    ctx.font = `bold ${14 * s}px ${FONT}`;
    const w = ctx.measureText(input.demoLabel).width + 12 * s;
    ctx.fillStyle = '#b91c1c';
    ctx.fillRect(pad, demoTop, w, 20 * s);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(input.demoLabel, pad + 6 * s, demoTop + 3 * s);
  }

  if (warningLines.length > 0) {
    ctx.fillStyle = '#fef3c7';
    ctx.fillRect(pad, warningTop, width - 2 * pad, warningHeight);
    ctx.strokeStyle = '#b45309';
    ctx.lineWidth = 2 * s;
    ctx.strokeRect(pad, warningTop, width - 2 * pad, warningHeight);
    ctx.fillStyle = '#7c2d12';
    ctx.font = `bold ${13 * s}px ${FONT}`;
    warningLines.forEach((line, i) => ctx.fillText(line, pad + 8 * s, warningTop + 7 * s + i * 18 * s));
  }

  ctx.drawImage(input.map, 0, headerHeight);
  ctx.strokeStyle = '#d1d5db';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, headerHeight + 0.5, width - 1, input.map.height - 1);

  ctx.font = `${12 * s}px ${FONT}`;
  input.legend.forEach(({ entry, label }, i) => {
    const col = Math.floor(i / legendRows);
    const row = i % legendRows;
    const x = pad + col * colWidth;
    const y = legendTop + row * rowHeight;
    const box = 14 * s;
    ctx.fillStyle = entry.color;
    ctx.fillRect(x, y, box, box);
    const kind = findPatternKind(entry.classId);
    if (kind) {
      ctx.save();
      ctx.translate(x, y);
      ctx.beginPath();
      ctx.rect(0, 0, box, box);
      ctx.clip();
      drawPattern(ctx, kind, box);
      ctx.restore();
    }
    ctx.strokeStyle = '#6b7280';
    ctx.strokeRect(x + 0.5, y + 0.5, box - 1, box - 1);
    ctx.fillStyle = '#111827';
    ctx.fillText(`${label} (${entry.count})`, x + box + 6 * s, y + 1 * s, colWidth - box - 12 * s);
  });

  ctx.fillStyle = '#374151';
  footerLines.forEach((line, i) => ctx.fillText(line, pad, footerTop + i * 16 * s));
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}
