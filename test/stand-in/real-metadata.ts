/**
 * The real CBS metadata the stand-in is built from: the DataProperties of 85984NED (KWB 2024) as
 * the OData v3 API sends them, from VEERKRACHT_REAL_DATA (../shared/data/cbs-odata). Only this
 * metadata is read from there; every row the stand-in serves is generated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CbsProperty } from '../../src/pipeline/fetch/odata-pages.js';
import { realDataDir, realDataFile } from '../real-data.js';

export const KWB_2024_DATAPROPERTIES =
  'cbs-odata/85984NED_DataProperties__niquedegraaff-Wikipedia-Generator-CBS-Kerncijfers-Wijken-en-Buurten.json';

export type RealProperty = CbsProperty & Record<string, unknown>;

function parse(path: string): RealProperty[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as RealProperty[] | { value: RealProperty[] };
  return Array.isArray(doc) ? doc : doc.value;
}

/** The real 85984NED DataProperties, or undefined when VEERKRACHT_REAL_DATA is unset (tests skip). */
export function realKwbProperties(): RealProperty[] | undefined {
  return realDataDir() ? parse(realDataFile(KWB_2024_DATAPROPERTIES)) : undefined;
}

/** The same from a given data folder (benchmarks). */
export function kwbPropertiesFrom(dataDir: string): RealProperty[] {
  return parse(join(dataDir, KWB_2024_DATAPROPERTIES));
}
