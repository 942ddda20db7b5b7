/** Police registered crime (politie via CBS table 47022NED): table id and edition records. */
import type { SourceEdition } from '../../../core/records.js';

export const POLICE_TABLE = '47022NED';
/** `SoortMisdrijf` key of "Totaal misdrijven" (CBS pads it: `'0.0.0 '`). */
export const POLICE_TOTAL_CRIME = '0.0.0';

/** The edition record for a police file; `via` names an intermediary when there is one. */
export function policeEdition(divisionYear: number, via?: string): SourceEdition {
  return {
    source: 'politie',
    edition: `Politie/CBS ${POLICE_TABLE} geregistreerde misdrijven${via ? ` via ${via}` : ''} (indeling ${divisionYear})`,
    table: POLICE_TABLE,
    publisher: via ? `Politie via CBS; aggregated by ${via}` : 'Politie via CBS',
    divisionYear,
  };
}
