/**
 * Legend labels for continuous classes, in Dutch and English number formats
 * ("12,5 – 20" / "12.5 – 20"), with precision chosen from the size of the class bounds.
 */
import type { Breaks } from './breaks.js';

const FORMATS = new Map<string, Intl.NumberFormat>();

/** A number for a legend: 0 decimals from 100, 1 from 10, 2 below (nl: decimal comma). */
export function formatLegendNumber(v: number, locale: 'nl' | 'en'): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  const key = `${locale}|${digits}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    FORMATS.set(key, f);
  }
  // A value that rounds to zero prints as "0", never "−0".
  return f
    .format(v)
    .replace(/^-(?=0([.,]0*)?$)/, '')
    .replace('-', '−');
}

/** One label per class: "min – t0", "t0 – t1", …, "t(k−2) – max". */
export function rangeLabels(breaks: Breaks, locale: 'nl' | 'en', unitSuffix = ''): string[] {
  const bounds = [breaks.min, ...breaks.thresholds, breaks.max];
  const out: string[] = [];
  for (let i = 0; i < breaks.thresholds.length + 1; i++) {
    const lo = bounds[i]!;
    const hi = bounds[i + 1]!;
    if (Number.isNaN(lo) || Number.isNaN(hi))
      out.push(i === 0 ? `< ${formatLegendNumber(hi, locale)}` : `≥ ${formatLegendNumber(lo, locale)}`);
    else out.push(`${formatLegendNumber(lo, locale)} – ${formatLegendNumber(hi, locale)}${unitSuffix}`);
  }
  return out;
}

/** Labels of the symmetric change classes around the threshold τ (standard deviations). */
export function changeLabels(thresholds: readonly number[], locale: 'nl' | 'en'): string[] {
  const f = (v: number): string => formatLegendNumber(v, locale);
  const sd = locale === 'nl' ? 'SD' : 'SD';
  const mid = Math.floor(thresholds.length / 2);
  const out: string[] = [];
  for (let i = 0; i <= thresholds.length; i++) {
    const lo = thresholds[i - 1];
    const hi = thresholds[i];
    if (lo === undefined) out.push(`< ${f(hi!)} ${sd}`);
    else if (hi === undefined) out.push(`> ${f(lo)} ${sd}`);
    else if (i === mid)
      out.push(
        locale === 'nl' ? `stabiel (${f(lo)} tot ${f(hi)} ${sd})` : `stable (${f(lo)} to ${f(hi)} ${sd})`,
      );
    else out.push(`${f(lo)} ${locale === 'nl' ? 'tot' : 'to'} ${f(hi)} ${sd}`);
  }
  return out;
}
