/**
 * For the engine's and the maps' unit tests: one stored value as the store gives it to the engine
 * (EngineValueInput), with the source column named after the indicator. Excluded from the build.
 */
import type { EngineValueInput } from './buurt-table.js';

export function engineValue(
  areaCode: string,
  indicator: string,
  year: number,
  value: number | null,
  source: Partial<Pick<EngineValueInput, 'flags' | 'edition' | 'table' | 'sourceColumn'>> = {},
): EngineValueInput {
  return {
    areaCode,
    indicator,
    year,
    value,
    flags: 0,
    edition: 'e',
    table: null,
    sourceColumn: indicator,
    ...source,
  };
}
