import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buurtDistance, nearestBuurten } from './buurt-distance.js';
import { compareIndicators, similarityText } from './explain-similarity.js';
import { outcomeText, positiveDeviants } from './positive-deviants.js';
import { standardisedMatrix, type MatrixSource } from './standardised-matrix.js';

function source(
  id: string,
  columns: Record<number, (number | null)[]>,
  extra: Partial<MatrixSource> = {},
): MatrixSource {
  const years = Object.keys(columns)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    id,
    titleNl: id,
    titleEn: id,
    unit: 'percent',
    group: 'concentration',
    log: false,
    weight: 1,
    tolerance: 2,
    years,
    column: (y) => columns[y]?.map((v) => (v === null ? NaN : v)),
    ...extra,
  };
}

/** A matrix from rows of values (null = missing), all in 2020. */
function matrixOf(rows: (number | null)[][], weights?: number[]): ReturnType<typeof standardisedMatrix> {
  const d = rows[0]?.length ?? 0;
  const sources = Array.from({ length: d }, (_, f) =>
    source(`x${f}`, { 2020: rows.map((r) => r[f]!) }, { weight: weights?.[f] ?? 1 }),
  );
  return standardisedMatrix(rows.length, sources, 2020);
}

const rowsArb = fc.integer({ min: 2, max: 6 }).chain((d) =>
  fc.array(
    fc.array(
      fc.option(
        fc.integer({ min: 0, max: 1000 }).map((v) => v / 10),
        { nil: null, freq: 6 },
      ),
      {
        minLength: d,
        maxLength: d,
      },
    ),
    { minLength: 3, maxLength: 25 },
  ),
);

describe('standardisedMatrix', () => {
  it('gives z-scores with mean 0 and SD 1 over the buurten with a value; missing stays NaN', () => {
    const m = matrixOf([[10], [20], [30], [null]]);
    expect(Array.from(m.z)).toEqual([-Math.sqrt(1.5), 0, Math.sqrt(1.5), NaN]);
    expect(m.stats[0]).toEqual({ buurten: 3, mean: 20, sd: Math.sqrt(200 / 3) });
    expect(Array.from(m.years)).toEqual([2020, 2020, 2020, 0]);
  });

  it('takes per buurt its nearest year within the tolerance, earlier on ties; structural ones from any year', () => {
    const s = source('a', {
      2016: [null, 2, null],
      2018: [1, 5, null],
      2022: [7, null, 9],
      2030: [null, null, 4],
    });
    const m = standardisedMatrix(3, [s], 2020);
    expect(Array.from(m.raw)).toEqual([1, 5, 9]);
    expect(Array.from(m.years)).toEqual([2018, 2018, 2022]);
    const structural = standardisedMatrix(3, [{ ...s, tolerance: Infinity, years: [2030] }], 2020);
    expect(Array.from(structural.raw)).toEqual([NaN, NaN, 4]);
  });

  it('log-transforms counts before standardising and leaves out a column without spread', () => {
    const m = standardisedMatrix(
      3,
      [
        source('n', { 2020: [0, Math.E - 1, Math.E ** 2 - 1] }, { log: true }),
        source('c', { 2020: [5, 5, 5] }),
      ],
      2020,
    );
    expect(m.stats[0]!.mean).toBeCloseTo(1, 12);
    expect(m.weights[1]).toBe(0);
  });
});

describe('buurtDistance', () => {
  it('is symmetric, 0 for a buurt itself, and ≥ 0 (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const m = matrixOf(rows);
        for (let i = 0; i < rows.length; i++) {
          const self = buurtDistance(m, i, i, 1);
          if (!Number.isNaN(self.distance)) expect(self.distance).toBe(0);
          for (let j = 0; j < rows.length; j++) {
            const a = buurtDistance(m, i, j, 1);
            const b = buurtDistance(m, j, i, 1);
            expect(b.shared).toBe(a.shared);
            if (Number.isNaN(a.distance)) expect(b.distance).toBeNaN();
            else {
              expect(b.distance).toBe(a.distance);
              expect(a.distance).toBeGreaterThanOrEqual(0);
            }
          }
        }
      }),
    );
  });

  it('renormalises over the shared indicators and needs the minimum number of them', () => {
    // z of column 0: −1, 1, −1, 1 ; column 1: values 0, 0, 10, 10 → z −1, −1, 1, 1
    const m = matrixOf([
      [0, 0],
      [10, 0],
      [0, 10],
      [10, null],
    ]);
    expect(buurtDistance(m, 0, 1, 2).distance).toBeCloseTo(Math.sqrt((2 ** 2 + 0) / 2), 12);
    // buurt 3 shares only column 0 with buurt 0
    expect(buurtDistance(m, 0, 3, 2).distance).toBeNaN();
    expect(buurtDistance(m, 0, 3, 1)).toEqual({ distance: 2, shared: 1 });
  });
});

describe('nearestBuurten', () => {
  it('lists the nearest first (ties by row), excludes the buurt itself, with the distances of buurtDistance', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, limit, min) => {
          const m = matrixOf(rows);
          const got = nearestBuurten(m, 0, limit, min);
          const all = rows
            .map((_, j) => ({ row: j, ...buurtDistance(m, 0, j, min) }))
            .filter((x) => x.row !== 0 && !Number.isNaN(x.distance))
            .sort((a, b) => a.distance - b.distance || a.row - b.row)
            .slice(0, limit);
          expect(got).toEqual(all);
        },
      ),
    );
  });
});

describe('explanations', () => {
  const m = matrixOf([
    [10, 100, 50],
    [11, 500, null],
    [30, 110, 20],
    [12, 105, 52],
  ]);

  it('names the close indicators and the differing ones with both values (other first)', () => {
    const c = compareIndicators(m, 0, 1, { closeZ: 0.5, differentZ: 1 });
    expect(c.map((x) => x.verdict)).toEqual(['close', 'differs', 'missing']);
    expect(similarityText(c, 'Centrum', 'nl')).toBe(
      'Lijkt op Centrum in x0; verschilt in x1 (500 % tegen 100 %).',
    );
    expect(similarityText(c, 'Centrum', 'en')).toBe(
      'Like Centrum in x0; differs in x1 (500 % against 100 %).',
    );
  });

  it('names exactly the close indicators after "lijkt op", and says "verschilt" only when one differs (fast-check)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const mm = matrixOf(rows);
        for (let j = 1; j < rows.length; j++) {
          const c = compareIndicators(mm, 0, j, { closeZ: 0.5, differentZ: 1 });
          const text = similarityText(c, 'Centrum', 'nl');
          const [like, differs] = text.replace(/\.$/, '').split('; verschilt in ');
          const close = c.filter((x) => x.verdict === 'close').map((x) => x.titleNl);
          for (const x of c) expect(like!.includes(x.titleNl)).toBe(close.includes(x.titleNl));
          expect(differs !== undefined).toBe(c.some((x) => x.verdict === 'differs'));
        }
      }),
    );
  });

  it('says a verdict only from its z-difference', () => {
    for (let j = 1; j < 4; j++)
      for (const x of compareIndicators(m, 0, j, { closeZ: 0.5, differentZ: 1 })) {
        if (x.verdict === 'close') expect(x.zDifference!).toBeLessThanOrEqual(0.5);
        if (x.verdict === 'differs') expect(x.zDifference!).toBeGreaterThanOrEqual(1);
        if (x.verdict === 'missing') expect(x.zDifference).toBeNull();
      }
  });
});

describe('positiveDeviants', () => {
  it('keeps the buurten alike at the start whose nuisance fell or class improved, nearest first', () => {
    const start = matrixOf([[0], [1], [2], [3], [10]]);
    const outcomes = {
      dO: Float64Array.from([0.3, 0.2, -0.1, NaN, -0.5]),
      before: [
        'stabiel-of-verbeterd',
        'stabiel-of-verbeterd',
        'stabiel-of-verbeterd',
        'veerkracht-onder-druk',
        'stabiel-of-verbeterd',
      ] as const,
      now: [
        'veerkracht-onder-druk',
        'stabiel-of-verbeterd',
        'stabiel-of-verbeterd',
        'veerkrachtig',
        'stabiel-of-verbeterd',
      ] as const,
    };
    const got = positiveDeviants(start, 0, outcomes, { deviantPool: 3, minShared: 1 }, 5);
    expect(got.map((d) => [d.row, d.nuisanceFell, d.classImproved])).toEqual([
      [2, true, false],
      [3, false, true],
    ]);
    expect(
      outcomeText(
        { dO: -0.1, before: 'veerkracht-onder-druk', now: 'veerkrachtig' },
        { previous: '2012-2016', current: '2016-2020' },
        'nl',
      ),
    ).toBe(
      'Overlast en onveiligheid namen af (−0,10 SD in 2016–2020); klasse verbeterde van ‘Veerkracht onder druk’ (2012–2016) naar ‘Veerkrachtig’ (2016–2020).',
    );
  });
});
