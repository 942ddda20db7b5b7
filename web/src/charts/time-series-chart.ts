/**
 * A small time-series chart of one indicator for one buurt (Observable Plot): a line through the
 * known years and a dot per value. Missing years stay gaps, never zero. Decorative for screen
 * readers: the same numbers are in the table beside it.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';

export interface SeriesValue {
  year: number;
  value: number | null;
}

export function timeSeriesChart(
  points: readonly SeriesValue[],
  options: { lang: Lang; unit: string; width: number },
): SVGSVGElement | HTMLElement {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null);
  const years = points.map((p) => p.year);
  return Plot.plot({
    width: options.width,
    height: 110,
    marginLeft: 44,
    marginRight: 12,
    marginBottom: 22,
    style: { fontSize: '11px', background: 'transparent', color: '#1f2933' },
    x: {
      label: null,
      tickFormat: (d: number) => String(d),
      ticks: years.length <= 6 ? years : 5,
      domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3],
    },
    y: {
      label: options.unit || null,
      grid: true,
      tickFormat: (d: number) => formatNumber(d, options.lang, { digits: 1 }),
      ticks: 3,
      nice: true,
    },
    marks: [
      Plot.lineY(points, { x: 'year', y: 'value', stroke: '#1f5f8b', strokeWidth: 2 }),
      Plot.dot(known, { x: 'year', y: 'value', fill: '#1f5f8b', r: 3 }),
    ],
  });
}
