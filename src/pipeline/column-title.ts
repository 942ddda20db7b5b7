/**
 * The one normalisation of column titles. Every header Veerkracht looks up — a CBS title, a
 * mnemonic, a layout's own column name — is compared in this form, whatever tool wrote it:
 *   StatLine / Excel  `Huurwoningen/In bezit woningcorporatie (%)`, `Aantal inwoners [aantal]`
 *   StatLine CSV      `Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie`,
 *                     `Inkomen_..._40proc_huishoudens_met_laagste_inkomen`
 *   R write.csv       `Regioaanduiding.Codering..code.`, `X40..huishoudens.met.laagste.inkomen`
 *   pandas, padded    `" bu_code "`, a BOM inside the quotes
 * Steps: BOM and compatibility forms (`²` → `2`) folded, accents removed, lower case; a unit
 * in brackets — or, as R leaves it, after `..` at the end — dropped when it is a unit CBS uses;
 * `%` and the words `proc`/`procent`/`pct` dropped (tools write the percent sign in all these
 * ways and the titles differ only by it); letters and digits split (`40proc` → `40 proc`,
 * `X40` → `x 40`); every other run of characters becomes one space.
 * @example normaliseTitle('Huurwoningen/In bezit woningcorporatie (%)') === 'huurwoningen in bezit woningcorporatie'
 * @example normaliseTitle('Regioaanduiding.Codering..code.') === 'regioaanduiding codering'
 */

/** Units as CBS writes them (already normalised to words): `(aantal)`, `(x 1 000 euro)`, `(per km²)`, … */
const UNITS = new Set([
  '',
  'aantal',
  'absoluut',
  'code',
  'naam',
  'omschrijving',
  'euro',
  'x 1 000 euro',
  'x 1000 euro',
  '1 000 euro',
  'x 1 000',
  'x 1 000 000 euro',
  'per 1 000 inwoners',
  'per 1000 inwoners',
  'aantal per 1 000 inwoners',
  'per 1 000',
  'aantal inwoners per km 2',
  'aantal inwoners per km',
  'inwoners per km 2',
  'per km 2',
  'per km',
  'km 2',
  'km',
  'ha',
  'm 2',
  'm 3',
  'm',
  'kwh',
  'per huishouden',
  'jaar',
  'jaren',
  'index',
  'score',
]);

const DROPPED_WORDS = new Set(['proc', 'procent', 'pct']);

/** Accents removed, compatibility forms folded, lower case, percent signs and words removed, words split. */
function words(raw: string): string {
  return raw
    .replace(/\uFEFF/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, ' ')
    .replace(/([a-z])(?=\d)|(\d)(?=[a-z])/g, '$1$2 ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !DROPPED_WORDS.has(w))
    .join(' ');
}

/** True when `raw` (the inside of brackets, or R's tail after `..`) is a unit. */
export function isUnitText(raw: string): boolean {
  return UNITS.has(words(raw));
}

/** The header without a trailing unit left by R's make.names: `Codering..code.` → `Codering`. */
function withoutRUnit(raw: string): string {
  const body = raw.replace(/\.+$/, '');
  const at = body.lastIndexOf('..');
  if (at <= 0 || !/^[A-Za-z0-9]/.test(body.slice(at + 2))) return raw;
  return isUnitText(body.slice(at + 2).replace(/\./g, ' ')) ? body.slice(0, at) : raw;
}

export function normaliseTitle(raw: string): string {
  // R's make.names puts an `X` before a name that starts with a digit or other character
  const trimmed = raw.trim().replace(/^(["\uFEFF]*)X(?=[0-9.])/, '$1');
  // a unit or a bare number/year in brackets is not part of the title: `(aantal)`, `(2019)`
  const unbracketed = withoutRUnit(trimmed).replace(/[([]([^)\]]*)[)\]]/g, (_group, inner: string) =>
    isUnitText(inner) || /^\s*\d[\d\s.,/-]*$/.test(inner) ? ' ' : ` ${inner} `,
  );
  return words(unbracketed);
}

/** Index of the first header whose normalised title equals that of `name`, or undefined. */
export function findHeader(header: readonly string[], name: string): number | undefined {
  const want = normaliseTitle(name);
  const i = header.findIndex((h) => normaliseTitle(h) === want);
  return i < 0 ? undefined : i;
}

/** True when some header's normalised title equals that of one of `names`. */
export function hasHeader(header: readonly string[], ...names: string[]): boolean {
  return names.some((n) => findHeader(header, n) !== undefined);
}
