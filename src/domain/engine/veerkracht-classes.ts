/**
 * The veerkracht classes and the rule that assigns them (methodology §4, made exact):
 * with dK and dO the changes of concentration and nuisance on their fixed base-year scales
 * (positive = rose / got worse), taken as they are (absoluut) or against a reference (the rest of
 * the gemeente, or the country), and thresholds τK, τO:
 *   onvoldoende-gegevens  population unknown (checked first), or dK or dO unknown
 *   te-weinig-inwoners    fewer inhabitants than the minimum
 *   veerkracht-onder-druk dK > τK and dO > τO
 *   veerkrachtig          dK > τK and dO ≤ τO
 *   meer-overlast         dK ≤ τK and dO > τO   (meer overlast zonder meer kwetsbaren)
 *   stabiel-of-verbeterd  dK ≤ τK and dO ≤ τO
 */

export const VEERKRACHT_CLASS_IDS = [
  'veerkracht-onder-druk',
  'veerkrachtig',
  'meer-overlast',
  'stabiel-of-verbeterd',
  'onvoldoende-gegevens',
  'te-weinig-inwoners',
] as const;
export type VeerkrachtClassId = (typeof VEERKRACHT_CLASS_IDS)[number];

export interface VeerkrachtClassInfo {
  id: VeerkrachtClassId;
  labelNl: string;
  labelEn: string;
  /** Order of concern among the data classes (higher = more concern); null for the non-data classes. */
  severity: number | null;
}

export const VEERKRACHT_CLASSES: Record<VeerkrachtClassId, VeerkrachtClassInfo> = {
  'veerkracht-onder-druk': {
    id: 'veerkracht-onder-druk',
    labelNl: 'Veerkracht onder druk',
    labelEn: 'Resilience under pressure',
    severity: 3,
  },
  veerkrachtig: { id: 'veerkrachtig', labelNl: 'Veerkrachtig', labelEn: 'Resilient', severity: 1 },
  'meer-overlast': {
    id: 'meer-overlast',
    labelNl: 'Meer overlast zonder meer kwetsbaren',
    labelEn: 'More nuisance without more vulnerable residents',
    severity: 2,
  },
  'stabiel-of-verbeterd': {
    id: 'stabiel-of-verbeterd',
    labelNl: 'Stabiel of verbeterd',
    labelEn: 'Stable or improved',
    severity: 0,
  },
  'onvoldoende-gegevens': {
    id: 'onvoldoende-gegevens',
    labelNl: 'Onvoldoende gegevens',
    labelEn: 'Insufficient data',
    severity: null,
  },
  'te-weinig-inwoners': {
    id: 'te-weinig-inwoners',
    labelNl: 'Te weinig inwoners',
    labelEn: 'Too few residents',
    severity: null,
  },
};

export interface Thresholds {
  concentration: number;
  nuisance: number;
}

/** A buurt's population against the minimum: enough, too few, or unknown (never taken as 0). */
export type Residents = 'enough' | 'too-few' | 'unknown';

/** The class of one buurt from its changes (NaN = unknown). */
export function classifyChange(
  dK: number,
  dO: number,
  residents: Residents,
  t: Thresholds,
): VeerkrachtClassId {
  if (residents === 'unknown') return 'onvoldoende-gegevens';
  if (residents === 'too-few') return 'te-weinig-inwoners';
  if (Number.isNaN(dK) || Number.isNaN(dO)) return 'onvoldoende-gegevens';
  const kUp = dK > t.concentration;
  const oUp = dO > t.nuisance;
  if (kUp) return oUp ? 'veerkracht-onder-druk' : 'veerkrachtig';
  return oUp ? 'meer-overlast' : 'stabiel-of-verbeterd';
}

/** Index of a class id in VEERKRACHT_CLASS_IDS. */
export function classIndexOf(id: VeerkrachtClassId): number {
  return VEERKRACHT_CLASS_IDS.indexOf(id);
}
