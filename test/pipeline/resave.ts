/**
 * Saving a table again the way people's tools do, for the tests of files "as people save them".
 * Each function takes a table (header and rows of cell texts, as read from an original file)
 * and returns the bytes another tool would write:
 *   - Excel on a Dutch Windows machine: `;`, decimal comma, CRLF, Windows-1252;
 *   - Excel "Unicode text": UTF-16LE with BOM, tab-separated (and the BE / BOM-less variants);
 *   - R `write.csv(format(df))`: headers through make.names (`Codering..code.`, `X40..`), a
 *     leading unnamed row-number column, every value quoted and numbers space-padded, NA;
 *   - pandas `to_csv`: an unnamed index column 0…n-1, floats written `3585.0`, empty for NaN;
 *   - Excel with titles: headers as titles with units in brackets;
 *   - OData v4 long: one observation per row, measures as codes with a MeasureCodes list.
 * Only used by tests; nothing here is read by the importer.
 */
import { parse } from 'csv-parse/sync';

export interface TextTable {
  header: string[];
  rows: string[][];
}

/** Reads a CSV text (any delimiter of `,;\t`) as a tool would: header cells without BOMs and padding. */
export function readTextTable(text: string): TextTable {
  const firstLine = text.slice(0, text.search(/\r?\n/));
  const delimiter = [';', '\t', ','].find((d) => firstLine.split(d).length > 1) ?? ',';
  const records = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][];
  const [header, ...rows] = records;
  return { header: header!.map((h) => h.replace(/\uFEFF/g, '').trim()), rows };
}

const isNumber = (s: string): boolean => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s.trim());
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const quoteIfNeeded = (s: string, delimiter: string): string =>
  s.includes(delimiter) || s.includes('"') || /[\r\n]/.test(s) ? quote(s) : s;

/** Windows-1252 bytes of a text; throws on a character that code page cannot hold. */
export function encodeWindows1252(text: string): Buffer {
  const specials: Record<string, number> = {
    '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
    'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
    '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
  }; // prettier-ignore
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[n++] = c;
    else if (specials[ch] !== undefined) out[n++] = specials[ch];
    else throw new Error(`'${ch}' has no Windows-1252 byte`);
  }
  return out.subarray(0, n);
}

/** UTF-16 bytes (little or big endian), with or without a byte-order mark. */
export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'le') return le;
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

/** Excel "CSV (gescheiden door puntkomma)" on a Dutch Windows machine. */
export function asExcelDutchCsv(t: TextTable): Buffer {
  const cell = (s: string): string => quoteIfNeeded(isNumber(s) ? s.trim().replace('.', ',') : s, ';');
  const lines = [t.header.map((h) => quoteIfNeeded(h, ';')), ...t.rows.map((r) => r.map(cell))];
  return encodeWindows1252(lines.map((l) => l.join(';')).join('\r\n') + '\r\n');
}

/** Excel "Unicode-tekst": tab-separated UTF-16. */
export function asExcelUnicodeText(t: TextTable, endian: 'le' | 'be' = 'le', bom = true): Buffer {
  const lines = [t.header, ...t.rows].map((r) => r.map((c) => quoteIfNeeded(c, '\t')).join('\t'));
  return encodeUtf16(lines.join('\r\n') + '\r\n', endian, bom);
}

/** R's make.names with unique = TRUE. */
export function rMakeNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    let n = raw.replace(/[^\p{L}\p{N}._]/gu, '.');
    if (n === '' || /^[\d_]|^\.\d/.test(n)) n = `X${n}`;
    const count = seen.get(n) ?? 0;
    seen.set(n, count + 1);
    return count === 0 ? n : `${n}.${count}`;
  });
}

/** R `write.csv(format(df))`: make.names headers, a row-name column, quoted values, numbers padded to the column width, NA. */
export function asRWriteCsv(t: TextTable): Buffer {
  const widths = t.header.map((_, c) => Math.max(...t.rows.map((r) => (r[c] ?? '').trim().length), 1));
  const cell = (s: string, c: number): string => {
    const v = s.trim();
    if (v === '') return 'NA';
    return quote(isNumber(v) ? v.padStart(widths[c]!) : v);
  };
  const lines = [
    ['""', ...rMakeNames(t.header).map(quote)].join(','),
    ...t.rows.map((r, i) => [quote(String(i + 1)), ...r.map(cell)].join(',')),
  ];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** pandas `df.to_csv()` after `read_csv`: an unnamed index column, numbers of a column with gaps as floats, NaN empty. */
export function asPandasToCsv(t: TextTable): Buffer {
  const floatColumns = t.header.map((_, c) => {
    const cells = t.rows.map((r) => (r[c] ?? '').trim());
    return cells.every((v) => v === '' || isNumber(v)) && cells.some((v) => v === '');
  });
  const cell = (s: string, c: number): string => {
    const v = s.trim();
    if (floatColumns[c] && /^-?\d+$/.test(v)) return `${v}.0`;
    return quoteIfNeeded(v === '' ? '' : s, ',');
  };
  const lines = [
    ['', ...t.header.map((h) => quoteIfNeeded(h, ','))].join(','),
    ...t.rows.map((r, i) => [String(i), ...r.map(cell)].join(',')),
  ];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** Excel with CBS titles: `_`-joined StatLine headers as `/`-joined titles, each with a unit in brackets. */
export function asExcelTitles(t: TextTable, unitOf: (header: string) => string | undefined): Buffer {
  const header = t.header.map((h) => {
    const unit = unitOf(h);
    return `${h.replace(/_+/g, ' ').trim()}${unit ? ` (${unit})` : ''}`;
  });
  const lines = [header, ...t.rows].map((r) => r.map((c) => quoteIfNeeded(c, ',')).join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/**
 * OData v4 long format of a coded table: observations `{Id, Measure, ValueAttribute, Value,
 * WijkenEnBuurten}` with invented measure codes, and the MeasureCodes list that names them.
 */
export function asODataV4Long(
  t: TextTable,
  codeColumn: string,
  tableId: string,
  valueColumns: readonly string[],
): { observations: string; measureCodes: string; longCsv: string } {
  const codeAt = t.header.indexOf(codeColumn);
  const measures = valueColumns.map((title, k) => ({
    Identifier: `M${String(k + 1).padStart(6, '0')}`,
    Title: title,
  }));
  const observations: Record<string, unknown>[] = [];
  const csv = ['Id,Measure,Title,ValueAttribute,Value,WijkenEnBuurten'];
  for (const r of t.rows) {
    const code = (r[codeAt] ?? '').trim();
    if (code === '') continue;
    for (const m of measures) {
      const raw = (r[t.header.indexOf(m.Title)] ?? '').trim().replace(',', '.');
      const value = raw === '' || raw === '.' ? null : Number(raw);
      const id = observations.length;
      observations.push({
        Id: id,
        Measure: m.Identifier,
        ValueAttribute: value === null ? 'Missing' : 'None',
        Value: value,
        WijkenEnBuurten: code.padEnd(10),
      });
      csv.push(
        [id, m.Identifier, quote(m.Title), value === null ? 'Missing' : 'None', value ?? '', code].join(','),
      );
    }
  }
  return {
    observations: JSON.stringify({
      '@odata.context': `https://datasets.cbs.nl/odata/v1/CBS/${tableId}/$metadata#Observations`,
      value: observations,
    }),
    measureCodes: JSON.stringify({ value: measures.map((m) => ({ ...m, Unit: '', Decimals: 0 })) }),
    longCsv: csv.join('\n') + '\n',
  };
}
