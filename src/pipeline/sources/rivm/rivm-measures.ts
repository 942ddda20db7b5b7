/**
 * RIVM/CBS Gezondheidsmonitor "Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)"
 * (table 50090NED): which measures Veerkracht keeps and which rows it reads.
 * Measures are mapped by key stem (`Eenzaam_28` → `Eenzaam`), never by the numeric suffix.
 * Only adults 18+ (`Leeftijd` 20300) and the point estimate (`Marges` MW00000) become values;
 * other age groups (65+, 18–65) and margins are skipped and counted in the import report — the
 * veerkracht indicators are defined for all adults, and 18–65 is missing in 2020.
 */

/** Key stem → indicator id. */
export const RIVM_MEASURES: Readonly<Record<string, string>> = {
  HoogRisicoOpAngstOfDepressie: 'rivm_high_risk_anxiety_depression',
  MoeiteMetRondkomen: 'rivm_difficulty_making_ends_meet',
  Eenzaam: 'rivm_lonely',
  ErnstigZeerErnstigEenzaam: 'rivm_severely_lonely',
  ErnstigeGeluidhinderDoorBuren: 'rivm_noise_neighbours',
  BeperktVanwegeGezondheid: 'rivm_limited_by_health',
  ErvarenGezondheidGoedZeerGoed: 'rivm_good_health',
  MatigVeelRegieOverEigenLeven: 'rivm_control_own_life',
  Mantelzorger: 'rivm_informal_carer',
  Vrijwilligerswerk: 'rivm_volunteer',
};

export const RIVM_TABLE = '50090NED';
/** `Leeftijd` code of "18 jaar of ouder". */
export const RIVM_ADULTS = '20300';
/** `Marges` code of the point estimate. */
export const RIVM_POINT_ESTIMATE = 'MW00000';
/** The table's codes are of the 2020 division (its title says so). */
export const RIVM_DIVISION_YEAR = 2020;

/** Age group codes seen in 50090NED, for the skip report. */
export const RIVM_AGE_LABELS: Readonly<Record<string, string>> = {
  '20300': '18 jaar of ouder',
  '53115': '18 tot 65 jaar',
  '80200': '65 jaar of ouder',
};
