/**
 * The acceptance rule behind "defaults with data", over every gemeente of the national store:
 * for each of the nine maps the default view (GET /api/maps at the default of
 * GET /api/maps/definitions?area=) has values for at least half of the gemeente's buurten
 * whenever any year or period has data there; otherwise the response says why (an empty map:
 * `emptyReason` and, when a source is missing, which; a map below half everywhere:
 * `halfCovered: false` with the counts per year or period).
 */
import { expect, it } from 'vitest';
import type {
  GemeentenResponse,
  MapDefinition,
  MapDefinitionsResponse,
  MapFeature,
  MapResponse,
} from '../../../src/api/schemas.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../../../src/domain/engine/veerkracht-classes.js';
import type { WebTestEnv } from './web-test-env.js';

function hasValue(def: MapDefinition, f: MapFeature): boolean {
  if (def.kind === 'classification')
    return (VEERKRACHT_CLASSES[f.properties.classId as VeerkrachtClassId]?.severity ?? null) !== null;
  return f.properties.classIndex !== null;
}

export function registerNationalDefaultsCheck(env: () => WebTestEnv): void {
  it('every gemeente, each of the nine maps: the default view has values for at least half of its buurten, or the response says why', async () => {
    const { gemeenten } = await env().api<GemeentenResponse>('/api/gemeenten');
    expect(gemeenten.length).toBeGreaterThan(300);
    const tally = { half: 0, partial: 0, empty: 0 };
    const problems: string[] = [];
    for (const g of gemeenten.filter((x) => x.buurten > 0)) {
      const defs = await env().api<MapDefinitionsResponse>(`/api/maps/definitions?area=${g.code}`);
      expect(defs.maps).toHaveLength(9);
      const firstWithData = defs.maps.find((m) => m.availability!.hasData)?.id ?? null;
      if (defs.defaultMap !== firstWithData) problems.push(`${g.code}: defaultMap ${defs.defaultMap}`);
      for (const def of defs.maps) {
        const a = def.availability!;
        const offered = def.kind === 'level' ? (def.years ?? []).map(String) : (def.periods ?? []);
        const key = def.kind === 'level' ? def.defaultYear : def.defaultPeriod;
        if (!a.hasData) {
          tally.empty++;
          if (!a.emptyReason || offered.length > 0 || key !== undefined)
            problems.push(`${g.code} ${def.id}: empty without a reason or with an offer`);
          if (a.emptyReason === 'source-not-loaded' && a.missingSources.length === 0)
            problems.push(`${g.code} ${def.id}: source-not-loaded names no source`);
          continue;
        }
        if (key === undefined) {
          problems.push(`${g.code} ${def.id}: data but no default`);
          continue;
        }
        const newest = def.kind === 'level' ? String(Math.max(...offered.map(Number))) : null;
        if (newest !== null && String(key) !== newest)
          problems.push(`${g.code} ${def.id}: default ${key} not newest`);
        const map = await env().api<MapResponse>(
          `/api/maps?area=${g.code}&map=${def.id}&${def.kind === 'level' ? 'year' : 'period'}=${key}`,
        );
        const withValue = map.features.filter((f) => hasValue(def, f)).length;
        if (withValue !== a.counts[String(key)])
          problems.push(
            `${g.code} ${def.id} ${key}: map has ${withValue}, definitions say ${a.counts[String(key)]}`,
          );
        if (a.halfCovered) {
          tally.half++;
          if (withValue * 2 < map.features.length)
            problems.push(`${g.code} ${def.id} ${key}: ${withValue} of ${map.features.length}`);
        } else {
          tally.partial++;
          // below half everywhere: the counts say so, and the default is the best there is
          const best = Math.max(...Object.values(a.counts));
          if (best * 2 >= a.buurten)
            problems.push(`${g.code} ${def.id}: halfCovered false but ${best} of ${a.buurten}`);
        }
      }
    }
    process.stdout.write(
      `national defaults: ${tally.half} maps with at least half of the buurten, ${tally.partial} below half everywhere (said), ${tally.empty} empty (said why)\n`,
    );
    expect(problems).toEqual([]);
  }, 600_000);
}
