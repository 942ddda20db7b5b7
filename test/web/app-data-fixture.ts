/** Small AppData for the web's pure functions: gemeenten by code and name on one division. */
import type { AppData } from '../../web/src/app-context.js';

/** A gemeente of the list GET /api/gemeenten gives (10 buurten, data of 2020). */
export const gemeente = (code: string, name: string) => ({ code, name, buurten: 10, years: [2020] });

/** AppData with these gemeenten on `divisionYear`, no regions and no map definitions. */
export function appData(
  gemeenten: [code: string, name: string][],
  divisionYear: number | null = 2019,
): AppData {
  return {
    gemeenten: {
      gemeenten: gemeenten.map(([code, name]) => gemeente(code, name)),
      editions: [],
      divisionYear,
      demo: false,
    },
    regions: { regions: [] },
    definitions: { maps: [], layers: [] },
  };
}
