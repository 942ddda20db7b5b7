import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitPlainLines } from './csv-plain-lines.js';
import { readCsvRows, readCsvTable } from './csv-table.js';
import { inputFileFromBytes } from './input-file.js';

/** csv-parse with the options readCsvTable uses, as { fields, line } per record (or its error code). */
function csvParse(text: string, delimiter: string): { fields: string[]; line: number }[] | string {
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ fields: r.record, line: r.info.lines }));
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
}

function fastPath(text: string, delimiter: string): { fields: string[]; line: number }[] | undefined {
  return splitPlainLines(text, delimiter)?.map((r) => ({ fields: r.record, line: r.info.lines }));
}

describe('splitPlainLines(text, delimiter) — the fast path of readCsvTable', () => {
  it('splits plain and whole-field-quoted lines as csv-parse does, line numbers included', () => {
    const text =
      '2012,18 jaar of ouder,"Nuenen, Gerwen en Nederwetten",    78.2,,\n\nBU1,"a ""b""",,"",x\nlast,"",\n';
    expect(fastPath(text, ',')).toEqual(csvParse(text, ','));
    expect(fastPath(text, ',')).toEqual([
      { fields: ['2012', '18 jaar of ouder', 'Nuenen, Gerwen en Nederwetten', '    78.2', '', ''], line: 1 },
      { fields: ['BU1', 'a "b"', '', '', 'x'], line: 3 },
      { fields: ['last', '', ''], line: 4 },
    ]);
    const crlf = 'a;b\r\n"1";"2"\r\n\r\n3;4';
    expect(fastPath(crlf, ';')).toEqual(csvParse(crlf, ';'));
  });

  it('leaves to csv-parse what it does not split itself: quotes inside fields, line breaks inside quotes, bare or mixed \\r', () => {
    for (const text of [
      'a,b"c\n',
      'a,"b"c\n',
      'a,"b\nc"\n',
      'a,"b',
      'a,b\rc,d\r',
      'a,b\r\nc,d\ne,f\r\n',
      'a, "b"\n',
    ])
      expect(splitPlainLines(text, ',')).toBeUndefined();
  });

  it('never differs from csv-parse: either it gives up, or it gives the same records (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', '1.5'),
    });
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';'), (t, d) => {
        const fast = fastPath(t, d);
        if (fast !== undefined) expect(fast).toEqual(csvParse(t, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('with keepColumn, gives the same records with the other columns blanked in rows as long as the header (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '1') });
    fc.assert(
      fc.property(text, (t) => {
        const all = splitPlainLines(t, ',');
        const kept = splitPlainLines(t, ',', (h) => h !== 'a');
        if (all === undefined) {
          expect(kept).toBeUndefined();
          return;
        }
        const keep = all[0]?.record.map((h) => h !== 'a') ?? [];
        const blanked = all.map((r, i) => ({
          ...r,
          record:
            i > 0 && r.record.length === keep.length ? r.record.map((f, c) => (keep[c] ? f : '')) : r.record,
        }));
        expect(kept).toEqual(blanked);
      }),
      { numRuns: 3000 },
    );
  });

  it('with keepRows, a row whose deciding cell fails keeps only the columns named; every other row as with keepColumn alone (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '1') });
    const keepRows = { column: 'b', read: (cell: string) => cell !== '1', alsoKeep: (h: string) => h === '' };
    fc.assert(
      fc.property(text, (t) => {
        const kept = splitPlainLines(t, ',', (h) => h !== 'a');
        const rows = splitPlainLines(t, ',', (h) => h !== 'a', keepRows);
        if (kept === undefined) {
          expect(rows).toBeUndefined();
          return;
        }
        const header = kept[0]?.record ?? [];
        const b = header.indexOf('b');
        kept.forEach((r, i) => {
          const got = rows![i]!;
          expect(got.info).toEqual(r.info);
          const rejected = i > 0 && b >= 0 && r.record.length === header.length && r.record[b] === '1';
          if (!rejected) return expect(got.record).toEqual(r.record);
          const narrowed = r.record.map((f, c) => (c === b || header[c] === '' ? f : ''));
          // quoted lines are not narrowed (only the plain-line splitter knows the row filter)
          expect([narrowed, r.record]).toContainEqual(got.record);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('with keepRows, reads RIVM-like rows of other age groups down to the deciding columns', () => {
    const text = 'Leeftijd,Marges,Code,M1,Skip\n20300,MW00000,BU1,5,x\n53115,MW00000,BU1,6,y\n';
    const got = splitPlainLines(text, ',', (h) => h !== 'Skip', {
      column: 'Leeftijd',
      read: (cell) => cell.trim() === '20300',
      alsoKeep: (h) => h === 'Marges',
    });
    expect(got?.map((r) => r.record)).toEqual([
      ['Leeftijd', 'Marges', 'Code', 'M1', 'Skip'],
      ['20300', 'MW00000', 'BU1', '5', ''],
      ['53115', 'MW00000', '', '', ''],
    ]);
  });

  it('takes every line-per-record text with whole-field quotes (property)', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '.', '7') }),
      fc.string({ unit: fc.constantFrom('a', ',', ' ', '""') }).map((s) => `"${s}"`),
    );
    const line = fc.array(field, { minLength: 1, maxLength: 5 }).map((fs) => fs.join(','));
    const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'));
    fc.assert(
      fc.property(text, ([lines, eol]) => {
        const t = lines.join(eol);
        const fast = fastPath(t, ',');
        expect(fast).toBeDefined();
        expect(fast).toEqual(csvParse(t, ','));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readCsvTable(file, { keepColumn })', () => {
  const table = (text: string, keepColumn?: (name: string) => boolean) =>
    readCsvTable(inputFileFromBytes('t.csv', Buffer.from(text)), keepColumn ? { keepColumn } : {});

  it('blanks the cells of the columns not kept, on the fast path and through csv-parse alike', () => {
    const keep = (h: string) => h !== 'b';
    expect(table('a,b,c\n1,2,3\n"4","5","6"\n', keep).rows).toEqual([
      ['1', '', '3'],
      ['4', '', '6'],
    ]);
    // a line break inside quotes sends the text to csv-parse (after the fast path read the header)
    expect(table('a,b,c\n1,2,3\n"4","5""x","6"\n"7","8\ny","9\nz"\n', keep).rows).toEqual([
      ['1', '', '3'],
      ['4', '', '6'],
      ['7', '', '9\nz'],
    ]);
  });

  it('keeps every cell of a row with another column count, for the error that names it', () => {
    expect(() => table('a;b;c\n1;2;3\n4,5,6\n', (h) => h === 'a')).toThrow(
      expect.objectContaining({ code: 'CSV_WRONG_DELIMITER' }),
    );
  });
});

describe('readCsvRows(file, options, reader) — the rows of readCsvTable one at a time', () => {
  const file = (text: string) => inputFileFromBytes('t.csv', Buffer.from(text));
  const collect = (text: string, failAt?: number) => {
    const got: { header?: readonly string[]; rows: [string[], number, number][] } = { rows: [] };
    const read = readCsvRows(
      file(text),
      {},
      {
        header: (h) => void (got.header = h),
        row: (cells, i, line) => {
          if (i === failAt) throw new Error(`reader fails at row ${i}`);
          got.rows.push([cells, i, line]);
        },
      },
    );
    return { ...got, read };
  };

  it('gives the header and the rows of readCsvTable with their index and line, on the fast path and through csv-parse', () => {
    for (const text of ['a;b\n1;2\n\n3;4\n', 'a,b\n"1","2\nx"\n\n3,4']) {
      const table = readCsvTable(file(text));
      const { header, rows, read } = collect(text);
      expect(header).toEqual(table.header);
      expect(rows).toEqual(table.rows.map((r, i) => [r, i, table.lineOf(i)]));
      expect(read).toEqual({ file: 't.csv', delimiter: table.delimiter, header: table.header, rowCount: 2 });
    }
  });

  it("throws the file's own errors before the reader's, and gives no row after the reader threw", () => {
    const bad = 'a,b\n1,2\n3,4\n5,6,7\n';
    expect(() => collect(bad, 0)).toThrow(
      expect.objectContaining({ code: 'CSV_MALFORMED', location: expect.objectContaining({ row: 3 }) }),
    );
    let given = 0;
    expect(() =>
      readCsvRows(
        file('a,b\n1,2\n3,4\n'),
        {},
        {
          header: () => undefined,
          row: () => {
            given++;
            throw new Error('reader fails');
          },
        },
      ),
    ).toThrow('reader fails');
    expect(given).toBe(1);
    expect(() =>
      readCsvRows(
        file('a,b\n'),
        {},
        {
          header: () => {
            throw new Error('no known columns');
          },
          row: () => undefined,
        },
      ),
    ).toThrow(expect.objectContaining({ code: 'NOTHING_TO_IMPORT' }));
  });
});
