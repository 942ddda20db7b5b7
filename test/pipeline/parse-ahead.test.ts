/**
 * The import's parse worker (src/pipeline/parse-ahead.ts): a batch crosses threads unchanged,
 * an import parsed ahead stores exactly what an import parsed on its own thread stores, and a bad
 * file parsed ahead fails the run with the same error and leaves the store as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import type { ImportBatch, ParsedValue } from '../../src/core/records.js';
import { ValueColumns } from '../../src/core/value-columns.js';
import { decodeBatch, encodeBatch } from '../../src/pipeline/batch-transport.js';
import { DEFAULT_INPUT_LIMITS } from '../../src/pipeline/input-limits.js';
import { ParseAhead } from '../../src/pipeline/parse-ahead.js';
import { readInputFile } from '../../src/pipeline/input-file.js';
import { parseInputFile } from '../../src/pipeline/parse-file.js';
import { importPaths, parseContextFor, type ImportOptions } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';

const FILES = [
  'geo/toy-buurt_2017.topojson',
  'geo/cbs-buurten-wgs84_2020.geojson',
  'geo/pdok-buurten-rd.geojson',
  'rivm/50090NED_untyped.csv',
  'rivm/50090NED_combined.json',
  'politie/misdrijven_per_buurt.csv',
  'kwb/kwb2019_mnemonic.csv',
  'kwb/kwb2018_statline_titel_eenheden.csv',
  'kwb/kwb2024_combined_85984NED.json',
  'leefbaarometer/lbm3-meting2020-buurt.csv',
  'leefbaarometer/lbm2-meting2016-wijk-dimensiescores.csv',
].map(fixture);

/** What a store holds, for comparing two stores. */
async function contents(store: SqliteStore): Promise<unknown> {
  const areas = await store.listAreas({});
  const years = [...new Set(areas.map((a) => a.divisionYear))].sort();
  const geometries = [];
  for (const divisionYear of years) geometries.push(...(await store.getGeometries({ divisionYear })));
  return { areas, values: await store.getValues({}), geometries };
}

async function importBoth(paths: readonly string[], options: ImportOptions = {}) {
  const run = async (parseAhead: boolean) => {
    const store = memoryStore();
    try {
      const reports = await importPaths(store, paths, { ...options, parseAhead });
      return { store, reports, error: undefined };
    } catch (e) {
      return { store, reports: [], error: e };
    }
  };
  return { ahead: await run(true), inline: await run(false) };
}

describe('a batch crossing to the import thread', () => {
  it.each(FILES)('comes back equal to the batch parsed: %s', async (path) => {
    const store = memoryStore();
    const { batch } = await parseInputFile(readInputFile(path), parseContextFor(store, {}), undefined);
    const { message, transfer } = encodeBatch(batch);
    expect(transfer.length).toBeGreaterThan(0);
    // through a real MessagePort, with the buffers transferred
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<typeof message>((resolve) => (port2.onmessage = (m) => resolve(m.data)));
    port1.postMessage(message, transfer);
    const decoded = decodeBatch(await received);
    port1.close();
    port2.close();
    expect(comparable(decoded)).toStrictEqual(comparable(batch));
    expect(decoded.values.length + decoded.geometries.length).toBeGreaterThan(0);
  });

  it('keeps a value without a line without one, and null as null (never 0)', () => {
    const edition = {
      source: 'tidy' as const,
      edition: 'x',
      table: null,
      publisher: 'p',
      divisionYear: 2020,
    };
    const batch = {
      file: 'f.csv',
      checksum: 'c',
      edition,
      areas: [],
      geometries: [],
      warnings: [],
      rowsRead: 2,
      values: ValueColumns.from([
        {
          areaCode: 'GM0917',
          year: 2020,
          indicator: 'a',
          value: null,
          flags: 1,
          column: 'A',
          divisionYear: 2020,
        },
        {
          areaCode: 'GM0917',
          year: 2019,
          indicator: 'b',
          value: 0,
          flags: 0,
          column: 'B',
          divisionYear: 2020,
          line: 3,
        },
      ]),
    };
    const decoded = decodeBatch(encodeBatch(batch).message);
    expect(decoded.values.toArray()).toStrictEqual(batch.values.toArray());
    expect('line' in decoded.values.at(0)).toBe(false);
  });
});

describe('an import that parses ahead in a worker thread', () => {
  it('stores what an import parsing on its own thread stores, with the same reports', async () => {
    // a name-only file (its parser asks the store) is parsed on the import's thread, in order
    const paths = [...FILES, fixture('kwb/kwb2019_statline_namen_wijk20.csv')];
    const { ahead, inline } = await importBoth(paths);
    expect(inline.error).toBeUndefined();
    expect(ahead.error).toBeUndefined();
    expect(ahead.reports).toEqual(inline.reports);
    expect(ahead.reports).toHaveLength(paths.length);
    expect(await contents(ahead.store)).toEqual(await contents(inline.store));
    expect(((await contents(ahead.store)) as { values: unknown[] }).values.length).toBeGreaterThan(100);
  });

  it('fails on a malformed file with the same error, and leaves the store as before', async () => {
    const police = readFileSync(fixture('politie/misdrijven_per_buurt.csv'), 'utf8').replace(
      'BU09173301',
      'BU0917-33',
    );
    const bad = tmpFile('misdrijven_bad.csv', police);
    const { ahead, inline } = await importBoth([
      fixture('geo/toy-buurt_2017.topojson'),
      bad,
      ...FILES.slice(3),
    ]);
    expect(inline.error).toBeInstanceOf(AppError);
    expect(ahead.error).toBeInstanceOf(AppError);
    const [a, b] = [ahead.error as AppError, inline.error as AppError];
    expect({ code: a.code, message: a.message, location: a.location }).toEqual({
      code: b.code,
      message: b.message,
      location: b.location,
    });
    expect(a.code).toBe('AREA_CODE_INVALID');
    expect(a.location?.file).toBe('misdrijven_bad.csv');
    for (const run of [ahead, inline]) {
      expect(await run.store.listAreas({})).toEqual([]);
      expect(await run.store.getValues({})).toEqual([]);
    }
  });

  it('parses every file itself when the worker fails (here: out of its heap), with the same result', async () => {
    const paths = FILES.slice(0, 4);
    const ahead = new ParseAhead(paths, { limits: DEFAULT_INPUT_LIMITS }, 1);
    ahead.start();
    const taken = [];
    for (const _ of paths) taken.push(await ahead.take());
    expect(ahead.stopped).toBe(true);
    // nothing came from the worker: only the files parsed here while the import waited for it
    expect(taken.filter((t) => t !== undefined)).toHaveLength(ahead.parsedOnImportThread);
    await ahead.close();
  });

  it('leaves a file parsed on the import thread ahead of its turn to its turn when its parser asks the store', async () => {
    const nameOnly = fixture('kwb/kwb2019_statline_namen_wijk20.csv');
    const ahead = new ParseAhead([FILES[3]!, FILES[1]!, nameOnly], { limits: DEFAULT_INPUT_LIMITS });
    ahead.start();
    expect(await ahead.take()).toBeUndefined(); // the first file: the import parses it in its turn
    // the import waits for the worker, starting on the boundaries, and meanwhile tries the name-only file
    expect((await ahead.take())?.batch.geometries.length).toBeGreaterThan(0);
    expect(ahead.parsedOnImportThread).toBe(1);
    expect(await ahead.take()).toBeUndefined(); // parsed by the import, in order, against the store
  });

  it('leaves the first file to the import, in its turn, while the worker starts on the next ones', async () => {
    const ahead = new ParseAhead(MIXED, { limits: DEFAULT_INPUT_LIMITS });
    ahead.start();
    expect(await ahead.take()).toBeUndefined(); // the import parses it, against the store
    for (const path of MIXED.slice(1)) {
      const parsed = await ahead.take();
      const inline = await parseInputFile(readInputFile(path), parseContextFor(memoryStore(), {}), undefined);
      expect(comparable(parsed!.batch)).toStrictEqual(comparable(inline.batch));
    }
    expect(ahead.stopped).toBe(true);
  });

  it('gives back each file after the first parsed, in order — the next ones parsed on the import thread while the worker starts on the second — and stops its worker after the last', async () => {
    const ahead = await takeAll(new ParseAhead(MIXED, { limits: DEFAULT_INPUT_LIMITS }), MIXED);
    expect(ahead.parsedOnImportThread).toBeGreaterThanOrEqual(1);
    expect(ahead.stopped).toBe(true);
  });

  it('parses nothing ahead on the import thread when the process has no memory to spare', async () => {
    const ahead = await takeAll(new ParseAhead(MIXED, { limits: DEFAULT_INPUT_LIMITS }, undefined, 0), MIXED);
    expect(ahead.parsedOnImportThread).toBe(0);
    expect(ahead.stopped).toBe(true);
  });
});

/** Boundaries, then RIVM, police and KWB files. */
const MIXED = [FILES[1]!, FILES[3]!, FILES[5]!, FILES[6]!];

/** Takes every file, each equal to the file parsed on this thread. */
async function takeAll(ahead: ParseAhead, paths: readonly string[]): Promise<ParseAhead> {
  ahead.start();
  expect(await ahead.take()).toBeUndefined(); // the first file: the import parses it in its turn
  for (const path of paths.slice(1)) {
    const parsed = await ahead.take();
    const inline = await parseInputFile(readInputFile(path), parseContextFor(memoryStore(), {}), undefined);
    expect(parsed?.parser).toBe(inline.parser);
    expect(comparable(parsed!.batch)).toStrictEqual(comparable(inline.batch));
  }
  return ahead;
}

/** A batch with its values as objects: columns of equal values may differ in spare capacity. */
function comparable(batch: ImportBatch): Omit<ImportBatch, 'values'> & { values: ParsedValue[] } {
  return { ...batch, values: batch.values.toArray() };
}
