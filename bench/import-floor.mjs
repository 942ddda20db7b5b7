/**
 * The import's floor (issue 13; docs/benchmarks.md, "The import's floor, session 9"): what the
 * import of the given files would take if it did nothing but parse them and store their values
 * in the narrowest form there is. Run by bench/import-side-by-side.bench.ts as its own process,
 * beside `veerkracht import` and the reference, on the compiled code (`dist/`, as the CLI):
 *
 *   node bench/import-floor.mjs FILE...
 *
 * 1. Parse: the import's own parse, on the import's two threads (ParseAhead: the first file on
 *    this thread, the rest in the worker), with the checks of each batch; no store.
 * 2. Wide rows: every value of the batches into a fresh SQLite file (WAL, as the store) as one
 *    row per file, area and year — the file's indicators as one Float64Array (NaN for missing),
 *    the shape of the reference's typed tables — in one transaction. No areas, names, geometry,
 *    provenance per value, harmonisation, engine snapshot or data edition: the import's other
 *    work, which this floor leaves out, is measured by `veerkracht import` itself.
 *
 * Prints one JSON line: milliseconds since the process started at the end of each step, the
 * rows and values written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readInputFile } from '../dist/pipeline/input-file.js';
import { DEFAULT_INPUT_LIMITS } from '../dist/pipeline/input-limits.js';
import { ParseAhead } from '../dist/pipeline/parse-ahead.js';
import { parseInputFile } from '../dist/pipeline/parse-file.js';

const sinceStart = () => Math.round(performance.now());
const paths = process.argv.slice(2);
if (paths.length === 0) {
  process.stderr.write('usage: node bench/import-floor.mjs FILE...\n');
  process.exit(2);
}

/** Step 1: every file parsed and checked, as the import parses them (no store to ask). */
async function parseAll() {
  const noStore = async () => {
    throw new Error('the floor parses files that need no store');
  };
  const ctx = { listAreaNames: noStore, findGemeenteByName: noStore, listAreaCodes: noStore };
  const ahead = new ParseAhead(paths, { limits: DEFAULT_INPUT_LIMITS });
  ahead.start();
  const batches = [];
  try {
    for (const path of paths) {
      const parsed = (await ahead.take()) ?? (await parseInputFile(readInputFile(path), ctx, undefined));
      batches.push(parsed.batch);
    }
  } finally {
    await ahead.close();
  }
  return batches;
}

/** Step 2: one row per file, area and year, the file's indicators as a Float64Array. */
function writeWideRows(batches, file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE area_code (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
    CREATE TABLE file_area_values (file_id INTEGER NOT NULL, area_id INTEGER NOT NULL,
      year INTEGER NOT NULL, vals BLOB NOT NULL, PRIMARY KEY (file_id, area_id, year)) WITHOUT ROWID;`);
  const codeId = new Map();
  const insertCode = db.prepare('INSERT INTO area_code (code) VALUES (?)');
  const insertRow = db.prepare('INSERT INTO file_area_values VALUES (?, ?, ?, ?)');
  let rows = 0;
  let values = 0;
  db.transaction(() => {
    batches.forEach((batch, fileId) => {
      const v = batch.values;
      values += v.length;
      const ids = v.areaCodes.map((code) => {
        if (!codeId.has(code)) codeId.set(code, Number(insertCode.run(code).lastInsertRowid));
        return codeId.get(code);
      });
      const width = v.indicators.length;
      const byAreaYear = new Map(); // area number × 4096 + year offset → the row's values
      for (let i = 0; i < v.length; i++) {
        const key = v.areaCodeNumber(i) * 4096 + (v.year(i) - 1900);
        let row = byAreaYear.get(key);
        if (!row) byAreaYear.set(key, (row = new Float64Array(width).fill(NaN)));
        row[v.indicatorNumber(i)] = v.value(i) ?? NaN;
      }
      for (const key of [...byAreaYear.keys()].sort((a, b) => a - b)) {
        const area = Math.floor(key / 4096);
        const row = byAreaYear.get(key);
        insertRow.run(fileId, ids[area], (key % 4096) + 1900, Buffer.from(row.buffer));
        rows++;
      }
    });
  })();
  db.close();
  return { rows, values };
}

const started = sinceStart();
const batches = await parseAll();
const parsed = sinceStart();
const dir = mkdtempSync(join(tmpdir(), 'vk-floor-'));
try {
  const { rows, values } = writeWideRows(batches, join(dir, 'floor.db'));
  process.stdout.write(
    `${JSON.stringify({ modulesLoaded: started, parsed, wideRowsWritten: sinceStart(), rows, values })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
