/**
 * Charts of the compare-areas page (Observable Plot): inhabitants per veerkracht class as a
 * stacked share bar per area, buurten per class, and the mean concentration index per area.
 * Colours are the legend colours of the classification map.
 */
import * as Plot from '@observablehq/plot';
import type { CompareArea } from '../../../src/api/schemas.js';
import { formatCount, formatNumber, withUnit } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';

export interface ClassStyle {
  classId: string;
  label: string;
  color: string;
}

function rows(
  areas: readonly CompareArea[],
  classes: readonly ClassStyle[],
  key: 'inhabitants' | 'buurten',
  share: boolean,
) {
  const out: { area: string; label: string; value: number }[] = [];
  for (const a of areas) {
    // Unknown counts (null) are left out, never drawn as 0.
    const total = a.perClass.reduce((s, c) => s + (c[key] ?? 0), 0);
    for (const c of a.perClass) {
      const value = c[key];
      if (value === null) continue;
      const style = classes.find((s) => s.classId === c.classId);
      out.push({
        area: a.name,
        label: style?.label ?? c.label,
        value: share ? (total > 0 ? value / total : 0) : value,
      });
    }
  }
  return out;
}

export function classBarChart(
  areas: readonly CompareArea[],
  classes: readonly ClassStyle[],
  options: { lang: Lang; width: number; key: 'inhabitants' | 'buurten'; share: boolean },
): SVGSVGElement | HTMLElement {
  const fmt = (d: number): string =>
    options.share
      ? withUnit(formatNumber(d * 100, options.lang, { digits: 0 }), 'percent', options.lang)
      : formatCount(d, options.lang);
  return Plot.plot({
    width: options.width,
    height: 60 + areas.length * 36,
    marginLeft: 140,
    style: { fontSize: '12px', background: 'transparent', color: '#1f2933' },
    x: {
      label: null,
      tickFormat: fmt,
      grid: true,
      ...(options.share ? { domain: [0, 1] } : {}),
    },
    y: { label: null, domain: areas.map((a) => a.name) },
    color: { domain: classes.map((c) => c.label), range: classes.map((c) => c.color), legend: true },
    marks: [
      Plot.barX(rows(areas, classes, options.key, options.share), {
        x: 'value',
        y: 'area',
        fill: 'label',
        title: (d: { label: string; value: number }) => `${d.label}: ${fmt(d.value)}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

export function meanIndexChart(
  areas: readonly CompareArea[],
  options: { lang: Lang; width: number },
): SVGSVGElement | HTMLElement {
  const fmt = (d: number): string => formatNumber(d, options.lang, { digits: 2 });
  // each area's bar says the year its mean is of (areas' index sources can end in different years)
  const label = (a: CompareArea) => (a.meanIndexYear === null ? a.name : `${a.name} (${a.meanIndexYear})`);
  const data = areas
    .filter((a) => a.meanIndex !== null)
    .map((a) => ({ area: label(a), value: a.meanIndex! }));
  return Plot.plot({
    width: options.width,
    height: 40 + Math.max(1, data.length) * 32,
    marginLeft: Math.max(140, 16 + 7 * Math.max(0, ...areas.map((a) => label(a).length))),
    marginRight: 48,
    insetLeft: data.some((d) => d.value < 0) ? 52 : 0, // room for the values of negative bars
    style: { fontSize: '12px', background: 'transparent', color: '#1f2933' },
    x: { label: null, grid: true, tickFormat: fmt },
    y: { label: null, domain: areas.map(label) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'area', fill: '#1f5f8b' }),
      // each value beyond its bar's end, on either side of 0 (not over the bar)
      ...([1, -1] as const).map((side) =>
        Plot.text(
          data.filter((d) => (side > 0 ? d.value >= 0 : d.value < 0)),
          {
            x: 'value',
            y: 'area',
            text: (d: { value: number }) => fmt(d.value),
            dx: 4 * side,
            textAnchor: side > 0 ? 'start' : 'end',
          },
        ),
      ),
      Plot.ruleX([0]),
    ],
  });
}
