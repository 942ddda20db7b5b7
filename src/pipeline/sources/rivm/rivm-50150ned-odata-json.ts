/**
 * RIVM/CBS Gezondheidsmonitor 50150NED "Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024
 * (indeling 2024)" — the successor of 50090NED, published on dataderden.cbs.nl — as CBS OData v3
 * JSON (the combined file `veerkracht fetch` writes, or one raw TypedDataSet page). Same
 * dimensions (Leeftijd, Marges, WijkenEnBuurten, Perioden) and measure key stems as 50090NED, so
 * it is read by the same parser (rivm-odata-json.ts); only the edition names this table.
 * Division year: `--division`, else the GeoDimension's MapYear, else 2024.
 */
import { rivmODataParser } from './rivm-odata-json.js';

export const RIVM_50150_TABLE = '50150NED';
const DIVISION_YEAR = 2024;

export const rivm50150ODataJsonParser = rivmODataParser(
  RIVM_50150_TABLE,
  'rivm-50150ned-odata-json',
  DIVISION_YEAR,
  (divisionYear) => `RIVM/CBS Gezondheidsmonitor ${RIVM_50150_TABLE} (indeling ${divisionYear})`,
);
