/**
 * Where the table lies in a CSV text: its delimiter (`,` `;` tab or `|`, or an Excel `sep=`
 * line), and the lines around it that are not table. A CBS StatLine CSV download (KWB, 50090NED,
 * 47022NED) can carry, besides the header row and the data rows,
 *   - title lines above the header: lines with at most one non-empty field
 *     (`"Kerncijfers wijken en buurten 2018"`, possibly padded with delimiters);
 *   - a units row right under the header: every non-empty cell a unit (`aantal`, `%`,
 *     `x 1 000 euro`, `per 1 000 inwoners`, …) and no number, `.` or area code;
 *   - footer lines at the end: a one-field line that is a source or notes line (`Bron: CBS`,
 *     `Eenheden: …`, `©`), or a trailing units row.
 * Title and footer lines are blanked (the CSV reader skips empty lines, so line numbers in error
 * messages stay those of the file); the units rows are dropped from the rows after reading.
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How often `ch` occurs in `line` outside double-quoted fields. */
export function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** The delimiter of a header line: the one that occurs most outside quotes (`,` when none does). */
export function detectDelimiter(headerLine: string): string {
  const counts = DELIMITERS.map((d) => ({ d, n: countOutsideQuotes(headerLine, d) }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function firstLine(text: string): string {
  const i = text.search(/\r?\n/);
  return i < 0 ? text : text.slice(0, i);
}

/** Excel's delimiter hint on the first line (`sep=;`), if any. */
export function sepHintOf(text: string): string | undefined {
  const m = /^\s*"?sep=(.)"?\s*$/i.exec(firstLine(text));
  return m?.[1];
}

/** At most this many title lines are looked for above the header. */
const MAX_TITLE_LINES = 5;

const FOOTER_LINE =
  /^(bron|source|eenheden?|units?|toelichting|verklaring|noot|note|cbs\b|©|\(c\)|copyright|\*)/i;

/** Units as StatLine prints them in the units row (lower-cased, spaces collapsed). */
const UNIT =
  /^\(?(aantal|absoluut|%|procent|percentage|euro|x ?1 ?000( euro)?|x ?1 ?000 ?000( euro)?|1 ?000 euro|per .+|km²|km2|km|ha|m²|m2|jaar|jaren|index|ratio|rapportcijfer|getal|code|naam|omschrijving)\)?$/;

/** The non-empty fields of a line (split outside quotes on the line's own delimiter). */
function nonEmptyFields(line: string): string[] {
  const delimiter = detectDelimiter(line);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.replace(/\uFEFF/g, '').trim()).filter((f) => f !== '');
}

/** True for a row whose non-empty cells are all units (and there is at least one). */
export function isUnitsRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, ' ')).filter((c) => c !== '');
  return filled.length > 0 && filled.every((c) => UNIT.test(c));
}

export interface StatlineFrame {
  /** The text with title and footer lines blanked. */
  text: string;
  /** Title lines found above the header. */
  titleLines: number;
  /** Footer lines found at the end. */
  footerLines: number;
}

/** Replaces the characters of text[from, to) that are not line ends by nothing. */
function blankRange(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]+/g, '') + text.slice(to);
}

/**
 * Blanks the title lines above the header and the footer lines at the end (see the module
 * comment). Only the first and last lines are looked at; the rest of the text is not split.
 */
export function frameStatlineText(raw: string): StatlineFrame {
  const sep = sepHintOf(raw) !== undefined ? firstLine(raw).length : 0;
  const text = sep > 0 ? blankRange(raw, 0, sep) : raw;
  let titleLines = 0;
  let titleEnd = 0; // offset after the last title line
  for (let pos = 0, seen = 0; pos < text.length && seen < MAX_TITLE_LINES;) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end).trim();
    pos = end;
    if (line === '') continue;
    seen++;
    if (nonEmptyFields(line).length > 1) break;
    titleLines++;
    titleEnd = end;
  }
  let footerLines = 0;
  let footerStart = text.length; // offset of the first footer line
  for (let end = text.length; end > titleEnd;) {
    const nl = text.lastIndexOf('\n', end - 1);
    const start = nl < 0 ? 0 : nl + 1;
    const line = text.slice(start, end).trim();
    end = nl < 0 ? 0 : nl;
    if (line === '') continue;
    const fields = nonEmptyFields(line);
    if (fields.length !== 1 || !FOOTER_LINE.test(fields[0]!)) break;
    footerLines++;
    footerStart = start;
  }
  let framed = text;
  if (titleLines + footerLines === 0) return { text, titleLines, footerLines };
  if (footerLines > 0) framed = blankRange(framed, footerStart, framed.length);
  if (titleLines > 0) framed = blankRange(framed, 0, titleEnd);
  return { text: framed, titleLines, footerLines };
}

/** The header line of a CSV text: its first line that is not empty and not a title line. */
export function headerLineOf(text: string): string {
  let seen = 0;
  for (const line of text.split(/\r?\n/, 64)) {
    if (line.trim() === '' || /^\s*"?sep=.?"?\s*$/i.test(line)) continue;
    if (++seen > MAX_TITLE_LINES || nonEmptyFields(line).length > 1) return line;
  }
  return '';
}
