/**
 * Parsing one statistical cell. CBS and others mark missing or suppressed values as `.`,
 * empty, `x`, `NA`, `-` or `?`: those are null (and flagged suppressed), never 0.
 * Decimal commas (`12,5`) and spaces as thousands separators (`4 560`) are accepted;
 * R-style scientific notation (`4.1e-4`) too. Anything else is not a number.
 */
const MISSING = new Set(['', '.', 'x', 'X', 'NA', 'na', 'N/A', 'NaN', '-', '?', 'null', 'NULL', '--']);

/** A plain decimal, maybe padded: `\s` is the white space trim() and Number() both drop. */
const PLAIN_DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

export type CellParse =
  { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'invalid'; raw: string };

export function parseCell(
  raw: string | number | null | undefined,
  options: { decimalComma?: boolean } = {},
): CellParse {
  if (raw === null || raw === undefined) return { kind: 'missing' };
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'missing' };
  // the common case, a plain decimal (`    76.1` in a national RIVM file), without a trimmed copy
  // or the rewrites below (never one of MISSING)
  if (!options.decimalComma && PLAIN_DECIMAL.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { kind: 'number', value };
  }
  const s = raw.trim();
  if (MISSING.has(s)) return { kind: 'missing' };
  let t = s.replace(/[\s\u00a0]/g, '');
  // a decimal comma, also in scientific notation as spreadsheets write it (`4,14E-004`)
  if (options.decimalComma || (/^[-+]?\d+,\d+([eE][-+]?\d+)?$/.test(t) && !t.includes('.'))) {
    t = t.replace(/\./g, '').replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { kind: 'invalid', raw };
  const value = Number(t);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid', raw };
}
