/**
 * Checks an early-warning answer against the maps API: every listed reason must be true of the
 * numbers GET /api/maps returns for the same area and periods — the classes of the signal map,
 * the changes of the ontwikkeling maps (rounded there to 4 decimals), and the rest-of-gemeente
 * mean recomputed from the ontwikkeling-overlast features (other buurten with a value on the same
 * measure, weighted by their inhabitants). Returns the failures as lines (empty = all true).
 */
import { EarlyWarningResponseSchema, type EarlyWarningResponse } from '../../src/api/early-warning.js';
import { MapResponseSchema, type MapFeatureProperties } from '../../src/api/schemas.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../../src/domain/engine/veerkracht-classes.js';

type Fetch = (path: string) => Promise<Response>;
type Features = Map<string, MapFeatureProperties>;

/** Map values are rounded to 4 decimals; the reasons carry the unrounded numbers. */
const ROUNDING = 5.01e-5;

async function mapOf(fetch: Fetch, area: string, map: string, period: string): Promise<Features> {
  const res = await fetch(`/api/maps?area=${encodeURIComponent(area)}&map=${map}&period=${period}`);
  if (res.status !== 200)
    throw new Error(`GET /api/maps ${map} ${period}: ${res.status} ${await res.text()}`);
  const body = MapResponseSchema.parse(await res.json());
  return new Map(body.features.map((f) => [f.properties.code, f.properties]));
}

export async function earlyWarningOf(
  fetch: Fetch,
  area: string,
  period?: string,
): Promise<EarlyWarningResponse> {
  const res = await fetch(
    `/api/early-warning?area=${encodeURIComponent(area)}${period ? `&period=${period}` : ''}`,
  );
  if (res.status !== 200)
    throw new Error(`GET /api/early-warning ${area}: ${res.status} ${await res.text()}`);
  return EarlyWarningResponseSchema.parse(await res.json());
}

function measureOf(p: MapFeatureProperties): string | null {
  return p.flags.find((f) => f.startsWith('measure:'))?.slice('measure:'.length) ?? null;
}

/** The inhabitant-weighted mean of the other buurten of the gemeente on the same measure, from the map. */
function restMean(features: Features, code: string): { mean: number; n: number } | null {
  const own = features.get(code);
  if (!own) return null;
  const m = measureOf(own);
  let sw = 0;
  let swv = 0;
  let sv = 0;
  let n = 0;
  for (const f of features.values()) {
    if (f.code === code || f.gemeente !== own.gemeente || f.value === null || measureOf(f) !== m) continue;
    const w = f.inhabitants ?? 0;
    sw += w;
    swv += w * f.value;
    sv += f.value;
    n++;
  }
  if (n === 0) return null;
  return { mean: sw > 0 ? swv / sw : sv / n, n };
}

const severity = (id: string) => VEERKRACHT_CLASSES[id as VeerkrachtClassId]?.severity ?? null;

export async function checkAgainstMaps(fetch: Fetch, body: EarlyWarningResponse): Promise<string[]> {
  const area = body.area.id;
  const signal = body.reading === 'relative' ? 'veerkracht-relatief' : 'veerkracht-absoluut';
  const [classNow, classBefore, kNow, kBefore, oNow, oBefore] = await Promise.all([
    mapOf(fetch, area, signal, body.period),
    mapOf(fetch, area, signal, body.previousPeriod),
    mapOf(fetch, area, 'ontwikkeling-concentratie', body.period),
    mapOf(fetch, area, 'ontwikkeling-concentratie', body.previousPeriod),
    mapOf(fetch, area, 'ontwikkeling-overlast', body.period),
    mapOf(fetch, area, 'ontwikkeling-overlast', body.previousPeriod),
  ]);
  const failures: string[] = [];
  const fail = (code: string, rule: string, what: string) => failures.push(`${code} ${rule}: ${what}`);
  const near = (a: number, b: number | null | undefined, tol = ROUNDING) =>
    b != null && Math.abs(a - b) <= tol;
  for (const w of body.warnings) {
    for (const r of w.reasons) {
      switch (r.rule) {
        case 'class-worsened': {
          const now = classNow.get(w.code)?.classId;
          const before = classBefore.get(w.code)?.classId;
          if (now !== r.currentClass || before !== r.previousClass)
            fail(
              w.code,
              r.rule,
              `map classes ${before} → ${now}, reason ${r.previousClass} → ${r.currentClass}`,
            );
          const a = severity(r.previousClass);
          const b = severity(r.currentClass);
          if (a === null || b === null || !(b > a))
            fail(w.code, r.rule, `severity ${a} → ${b} is no worsening`);
          if (body.reading === 'absolute') {
            if (!near(r.dK, kNow.get(w.code)?.value)) fail(w.code, r.rule, `ΔK ${r.dK} ≠ map`);
            if (!near(r.dO, oNow.get(w.code)?.value)) fail(w.code, r.rule, `ΔO ${r.dO} ≠ map`);
          }
          break;
        }
        case 'near-threshold': {
          const [now, before] = r.quantity === 'concentration' ? [kNow, kBefore] : [oNow, oBefore];
          const v = now.get(w.code)?.value;
          const pv = before.get(w.code)?.value;
          if (!near(r.value, v) || !near(r.previousValue, pv))
            fail(w.code, r.rule, `values ${r.previousValue} → ${r.value}, map ${pv} → ${v}`);
          if (!(
            v! <= r.threshold + ROUNDING &&
            v! > r.threshold - r.margin - ROUNDING &&
            v! >= pv! - 2 * ROUNDING
          ))
            fail(w.code, r.rule, `map ${pv} → ${v} is not near τ ${r.threshold} and moving towards it`);
          break;
        }
        case 'concentration-rising': {
          const v = kNow.get(w.code)?.value;
          const pv = kBefore.get(w.code)?.value;
          if (!near(r.value, v) || !near(r.previousValue, pv))
            fail(w.code, r.rule, `values ${r.previousValue}, ${r.value}; map ${pv}, ${v}`);
          if (!(
            pv! > r.minRise - ROUNDING &&
            v! > r.minRise - ROUNDING &&
            r.previousValue > r.minRise &&
            r.value > r.minRise
          ))
            fail(w.code, r.rule, `not two rises: ${pv}, ${v}`);
          break;
        }
        case 'nuisance-against-gemeente': {
          const v = oNow.get(w.code)?.value;
          if (!near(r.value, v) || !(r.value > r.minRise)) fail(w.code, r.rule, `ΔO ${r.value}, map ${v}`);
          const rest = restMean(oNow, w.code);
          if (!rest || !near(r.restMean, rest.mean, 1e-3) || rest.n !== r.restBuurten)
            fail(
              w.code,
              r.rule,
              `rest mean ${r.restMean} over ${r.restBuurten}, map ${rest?.mean} over ${rest?.n}`,
            );
          if (!(r.restMean < -r.minImprovement) || !(rest && rest.mean < ROUNDING))
            fail(w.code, r.rule, `the rest of the gemeente did not improve: ${rest?.mean}`);
          break;
        }
      }
    }
  }
  return failures;
}
