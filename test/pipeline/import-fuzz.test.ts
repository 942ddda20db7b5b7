/**
 * "Bad input never corrupts": random corruptions of input files — the fixtures always, and a
 * few hundred of the real files in VEERKRACHT_REAL_DATA when it is set — are imported into a
 * store that already holds data. Every import either succeeds or fails with an AppError whose
 * code is not INTERNAL and whose location names the file; a failed import leaves every table
 * exactly as it was; no import takes longer than the time bound. The runs are seeded
 * (VEERKRACHT_FUZZ_SEED, else the clock; fast-check prints the seed and the shrunk case of a
 * failure so it can be replayed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { encodeUtf16 } from './resave.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';
import { dumpStore } from './store-snapshot.js';

const SEED = Number(process.env['VEERKRACHT_FUZZ_SEED'] ?? Date.now() % 2_147_483_647);
/** No single import of a (small) corrupted file may take longer than this. */
const TIME_BOUND_MS = 10_000;

/** Every fixture of the importers (not the fetch fixtures, not READMEs). */
function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['kwb', 'kwb/odata', 'leefbaarometer', 'rivm', 'politie', 'geo']) {
    for (const name of readdirSync(fixture(dir))) {
      const path = join(fixture(dir), name);
      if (statSync(path).isFile() && !name.endsWith('.md')) out.push(path);
    }
  }
  return out;
}

/** Small real files of every source (gzip ones unpacked and, when large, cut to their first lines). */
const REAL_FILES = [
  'cbs-kwb/kwb2018_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv',
  'cbs-kwb/kwb2020_amsterdam_selectie__tommasozf-amsterdam-green-gentrification.csv',
  'cbs-kwb/kwb2023_amsterdam_selectie__tommasozf-amsterdam-green-gentrification_inkomen.csv',
  'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz',
  'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv',
  'leefbaarometer/lbm2_meting2016_gemeente_klassen_2002_2016.csv',
  'leefbaarometer/lbm2_meting2016_gemeente_dimensiescores_2012_2014_2016.csv',
  'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
  'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
  'cbs-geo/buurt_2014_zwolle__djvanderlaan-hackathon_zwolle.geojson',
];

interface Source {
  name: string;
  bytes: Buffer;
}

function loadReal(relative: string): Source {
  let bytes = readFileSync(realDataFile(relative));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const name = basename(relative).replace(/\.gz$/, '');
  if (bytes.length > 200_000 && /\.csv$/.test(name)) {
    // the header and the first 400 rows are enough to corrupt; the whole file only slows the run
    const text = bytes.toString('utf8');
    let at = 0;
    for (let i = 0; i < 401 && at >= 0; i++) at = text.indexOf('\n', at + 1);
    bytes = Buffer.from(text.slice(0, at + 1), 'utf8');
  }
  return { name, bytes };
}

/** One corruption of a file, with its parameters as fractions of the file's length. */
type Mutation =
  | { kind: 'flip'; at: number[]; bytes: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swap-delimiter'; at: number }
  | { kind: 'utf16'; then?: Mutation | undefined }
  | { kind: 'nest'; at: number; depth: number };

const NASTY = [
  '"',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\u0000',
  '\uFFFD',
  '\uFEFF',
  'NA',
  '.',
  '-1',
  '1e309',
  '-0',
  '99999999999999999999999',
  '2099',
  '1899',
  'BU0917',
  'GM9999',
  'NaN',
  'Infinity',
  '{',
  '}',
  '[',
  ']',
  'null',
  '"type":"Polygon"',
  '1e20',
];

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const simple: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fraction, { minLength: 1, maxLength: 6 }), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.double({ min: 0, max: 0.3, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('swap-delimiter' as const), at: fraction }),
  fc.record({ kind: fc.constant('nest' as const), at: fraction, depth: fc.integer({ min: 1, max: 300 }) }),
); // prettier-ignore
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: simple },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('utf16' as const),
      then: fc.option(simple, { nil: undefined }),
    }),
  },
);

function apply(m: Mutation, bytes: Buffer): Buffer {
  const pos = (f: number): number => Math.floor(f * bytes.length);
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(bytes);
      m.at.forEach((f, i) => {
        if (out.length) out[pos(f)] = m.bytes[i]!;
      });
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, pos(m.at));
    case 'delete':
      return Buffer.concat([bytes.subarray(0, pos(m.at)), bytes.subarray(pos(m.at) + pos(m.length))]);
    case 'duplicate-line': {
      const text = bytes.toString('latin1');
      const start = text.lastIndexOf('\n', pos(m.at)) + 1;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return Buffer.from(text.slice(0, start) + line + text.slice(start), 'latin1');
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, pos(m.at)), Buffer.from(m.text), bytes.subarray(pos(m.at))]);
    case 'swap-delimiter': {
      const text = bytes.toString('latin1');
      const start = text.lastIndexOf('\n', pos(m.at)) + 1;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      const swapped = line.includes(',') ? line.replace(/,/g, ';') : line.replace(/;/g, ',');
      return Buffer.from(text.slice(0, start) + swapped + text.slice(start + line.length), 'latin1');
    }
    case 'nest':
      return Buffer.concat([
        bytes.subarray(0, pos(m.at)),
        Buffer.from('['.repeat(m.depth)),
        bytes.subarray(pos(m.at)),
      ]);
    case 'utf16': {
      const utf16 = encodeUtf16(bytes.toString('utf8'), 'le', true);
      return m.then ? apply(m.then, utf16) : utf16;
    }
  }
}

/** A store holding boundaries, KWB and Leefbaarometer values, and a way to get a fresh copy of it per run. */
interface Seed {
  image: Buffer;
  dump: string;
}

async function seed(): Promise<Seed> {
  const store = memoryStore();
  await importPaths(store, [
    fixture('geo/heerlen-wijk20-codes_2019.geojson'),
    fixture('kwb/kwb2019_heerlen_wijk20.csv'),
    fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv'),
  ]);
  const out = { image: store.db.serialize(), dump: dumpStore(store) };
  await store.close();
  return out;
}

function copyOf(s: Seed): SqliteStore {
  const db = new Database(s.image);
  db.pragma('foreign_keys = ON');
  return new SqliteStore(db);
}

/** Imports one corrupted file into a copy of the seeded store; checks the outcome and returns what happened. */
async function importCorrupted(s: Seed, source: Source, m: Mutation): Promise<string> {
  const store = copyOf(s);
  const corrupted = apply(m, source.bytes);
  const path = tmpFile(source.name, corrupted);
  const before = s.dump;
  const started = Date.now();
  const outcome = await importPaths(store, [path], { harmonise: true }).then(
    () => 'imported',
    (e: unknown) => e,
  );
  const took = Date.now() - started;
  expect(took, `${source.name} ${JSON.stringify(m)} took ${took} ms`).toBeLessThan(TIME_BOUND_MS);
  if (outcome === 'imported') {
    await store.close();
    return 'imported';
  }
  const what = `${source.name} ${JSON.stringify(m).slice(0, 200)}: ${String(outcome)}`;
  expect(outcome, what).toBeInstanceOf(AppError);
  const e = outcome as AppError;
  expect(e.code, what).not.toBe('INTERNAL');
  expect(e.location?.file, what).toBeTruthy();
  expect(dumpStore(store) === before, `${what}: the store changed`).toBe(true);
  await store.close();
  return e.code;
}

describe(`import fuzz (seed ${SEED}): corrupted files never give INTERNAL, a partial write or a hang`, () => {
  let seeded: Seed;
  beforeAll(async () => {
    seeded = await seed();
  });

  it('on the fixtures of every layout', async () => {
    const sources = fixtureFiles().map((path) => ({ name: basename(path), bytes: readFileSync(path) }));
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sources), mutation, async (source, m) => {
        const code = await importCorrupted(seeded, source, m);
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: 250 },
    );
    // the corruptions reach the parsers: both clean imports and several kinds of refusal occur
    expect(outcomes.size).toBeGreaterThan(3);
  }, 300_000);

  it.skipIf(!hasRealData)(
    'on the real files in VEERKRACHT_REAL_DATA',
    async () => {
      const sources = REAL_FILES.map(loadReal);
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...sources), mutation, async (source, m) => {
          const code = await importCorrupted(seeded, source, m);
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        }),
        { seed: SEED + 1, numRuns: 300 },
      );
      expect(outcomes.size).toBeGreaterThan(3);
    },
    600_000,
  );
});
