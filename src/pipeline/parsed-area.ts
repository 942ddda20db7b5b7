/** Building the ParsedArea of a CBS code: level, gemeente and wijk follow from the code itself. */
import type { AreaLevel, AreaCode, BuurtCode } from '../core/area-code.js';
import { gemeenteOf, wijkOf } from '../core/area-code.js';
import type { ParsedArea } from '../core/records.js';

/** The area record for a valid CBS code (the caller has checked the code and its level). */
export function areaFromCode(
  code: string,
  level: Exclude<AreaLevel, 'land'>,
  name: string | null,
  divisionYear: number,
): ParsedArea {
  const c = code as AreaCode;
  return {
    code,
    level,
    name: name !== null && name.trim() !== '' ? name.trim() : null,
    gemeenteCode: level === 'gemeente' ? code : gemeenteOf(c),
    wijkCode: level === 'buurt' ? wijkOf(c as BuurtCode) : null,
    divisionYear,
  };
}
