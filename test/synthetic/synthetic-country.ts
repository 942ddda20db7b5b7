/**
 * Generated buurt data for engine tests and benchmarks: G gemeenten × B buurten with
 * inhabitants, age bands, corporation share, income, benefits, Wmo (KWB-like, yearly),
 * RIVM percentages (2012/2016/2020) and Leefbaarometer onv/total (2014/2018/2020).
 * Deterministic: a seeded linear congruential generator, so goldens and benches are stable.
 */
import type { BuurtInfo, EngineValueInput } from '../../src/domain/engine/buurt-table.js';

export interface SyntheticOptions {
  gemeenten: number;
  buurtenPerGemeente: number;
  kwbYears?: readonly number[];
  rivmYears?: readonly number[];
  lbmYears?: readonly number[];
  seed?: number;
  /** Gemeente codes to use instead of GM0001, GM0002, … */
  gemeenteCodes?: readonly string[];
}

export interface SyntheticCountry {
  buurten: BuurtInfo[];
  values: EngineValueInput[];
}

/** A seeded uniform [0, 1) generator. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function syntheticCountry(o: SyntheticOptions): SyntheticCountry {
  const rnd = seededRandom(o.seed ?? 42);
  const kwbYears = o.kwbYears ?? [2016, 2017, 2018, 2019, 2020];
  const rivmYears = o.rivmYears ?? [2012, 2016, 2020];
  const lbmYears = o.lbmYears ?? [2014, 2018, 2020];
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const push = (
    areaCode: string,
    indicator: string,
    year: number,
    value: number | null,
    edition = `synthetic ${year}`,
  ) =>
    values.push({
      areaCode,
      indicator,
      year,
      value,
      flags: value === null ? 1 : 0,
      edition,
      table: null,
      sourceColumn: indicator,
    });
  for (let g = 0; g < o.gemeenten; g++) {
    const gm = o.gemeenteCodes?.[g] ?? `GM${String(g + 1).padStart(4, '0')}`;
    for (let b = 0; b < o.buurtenPerGemeente; b++) {
      const code = `BU${gm.slice(2)}${String(Math.floor(b / 100)).padStart(2, '0')}${String(b % 100).padStart(2, '0')}`;
      buurten.push({ code, name: `Buurt ${g + 1}-${b + 1}`, gemeente: gm });
      const size = Math.round(50 + rnd() * 3000);
      const vuln = rnd(); // latent vulnerability
      const trend = (rnd() - 0.5) * 0.2; // latent change per year
      const corp = Math.min(100, Math.max(0, Math.round(vuln * 80 + rnd() * 20)));
      for (const y of kwbYears) {
        const v = Math.max(0, vuln + trend * (y - kwbYears[0]!));
        push(code, 'inhabitants', y, size);
        push(code, 'inhabitants_15_24', y, Math.round(size * 0.12));
        push(code, 'inhabitants_25_44', y, Math.round(size * 0.25));
        push(code, 'inhabitants_45_64', y, Math.round(size * 0.27));
        push(code, 'corporation_share', y, corp);
        push(code, 'low_income_households_share', y, size < 100 ? null : round1(4 + v * 20 + rnd() * 2));
        push(
          code,
          'social_assistance_persons',
          y,
          Math.round(size * 0.64 * (0.01 + v * 0.08) * (0.9 + rnd() * 0.2)),
        );
        push(
          code,
          'disability_benefit_persons',
          y,
          Math.round(size * 0.64 * (0.03 + v * 0.06) * (0.9 + rnd() * 0.2)),
        );
        push(code, 'wmo_clients', y, Math.round(size * (0.03 + v * 0.05) * (0.9 + rnd() * 0.2)));
      }
      const nuis = rnd() * 0.3 - 0.15 - vuln * 0.1;
      const ntrend = (rnd() - 0.5) * 0.03 - trend * 0.2;
      for (const y of rivmYears) {
        const v = Math.max(0, vuln + trend * (y - 2016));
        push(code, 'rivm_high_risk_anxiety_depression', y, round1(5 + v * 10 + rnd()));
        push(code, 'rivm_difficulty_making_ends_meet', y, round1(8 + v * 20 + rnd() * 2));
        push(code, 'rivm_noise_neighbours', y, round1(5 + v * 6 + rnd()));
      }
      for (const y of lbmYears) {
        const onv = size < 100 ? null : nuis + ntrend * (y - 2014) + (rnd() - 0.5) * 0.01;
        push(code, 'lbm_onv', y, onv);
        push(code, 'lbm_total', y, onv === null ? null : 4.1 + onv + (rnd() - 0.5) * 0.2);
      }
    }
  }
  return { buurten, values };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
