/**
 * TopoJSON boundary files (e.g. the national buurt 2019 topology with `statcode` only, or the
 * coarse 2014 ones with statcode/statnaam): every object of the topology is turned back into
 * polygons with topojson-client, then read like GeoJSON.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import { AppError } from '../../../core/app-error.js';
import type { InputFile } from '../../input-file.js';
import { parseJsonFile } from '../../json-text.js';
import type { SourceParser } from '../../source-parser.js';
import { buildBoundaryBatch, type RawBoundaryFeature } from './boundary-batch.js';
import { deriveDisplayGeometries, storeDisplayGeometries } from './boundary-display.js';
import { crsFromCoordinates } from './geojson-crs.js';

type TopologyLike = Parameters<typeof feature>[0];

function readTopology(file: InputFile): TopologyLike {
  const name = file.name;
  const json = (parseJsonFile(file, 'a TopoJSON Topology') ?? {}) as {
    type?: unknown;
    objects?: unknown;
    arcs?: unknown;
  };
  if (
    typeof json !== 'object' ||
    json.type !== 'Topology' ||
    typeof json.objects !== 'object' ||
    json.objects === null ||
    !Array.isArray(json.arcs)
  ) {
    throw new AppError('JSON_MALFORMED', 'expected a TopoJSON Topology with objects and arcs', {
      location: { file: name, expected: '{"type":"Topology","objects":{...},"arcs":[...]}' },
    });
  }
  return json as unknown as TopologyLike;
}

function featuresOf(topo: TopologyLike, name: string): Feature[] {
  const out: Feature[] = [];
  for (const [key, object] of Object.entries(topo.objects)) {
    try {
      const fc = feature(topo, object) as FeatureCollection | Feature;
      if (fc.type === 'FeatureCollection') for (const f of fc.features) out.push(f);
      else out.push(fc);
    } catch (e) {
      throw new AppError('JSON_MALFORMED', `object '${key}' cannot be decoded: ${(e as Error).message}`, {
        location: { file: name },
        cause: e,
      });
    }
  }
  return out;
}

export const topojsonBoundaryParser: SourceParser = {
  kind: 'geo',
  layout: 'topojson-boundaries',
  order: 0,
  detect(file) {
    if (!/\.(topo)?json$/i.test(file.name)) return 0;
    return /"type"\s*:\s*"Topology"/.test(file.head) ? 0.95 : 0;
  },
  async parse(file, ctx) {
    const topo = readTopology(file);
    const raw: RawBoundaryFeature[] = featuresOf(topo, file.name).map((f, i) => ({
      row: i + 1,
      properties: (f.properties ?? {}) as Record<string, unknown>,
      id: f.id,
      geometry: f.geometry as RawBoundaryFeature['geometry'],
    }));
    const crs = crsFromCoordinates(raw.map((f) => f.geometry));
    return buildBoundaryBatch({
      file,
      crs,
      crsDeclared: false,
      features: raw,
      ctx,
      format: `TopoJSON ${crs}`,
    });
  },
  derive: deriveDisplayGeometries,
  afterWrite: storeDisplayGeometries,
};
