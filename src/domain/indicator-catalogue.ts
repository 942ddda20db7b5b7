/**
 * The catalogue of stored (source) indicators: stable ids used in the store, the API, CSV
 * exports and URLs. Ids never change meaning; a new definition gets a new id (e.g. the 2024
 * poverty measure has its own ids, it is not "low income" under another name).
 * Derived indicators (rates, the vulnerability index) live in the indicator registry of the engine.
 */
export type IndicatorUnit = 'count' | 'percent' | 'per_1000' | 'score' | 'eur_1000' | 'km' | 'per_km2';

export interface CatalogueEntry {
  id: string;
  titleNl: string;
  titleEn: string;
  unit: IndicatorUnit;
  /** Source family and, where fixed, the official table/variable. */
  source: string;
  definition: string;
}

const e = (
  id: string,
  titleNl: string,
  titleEn: string,
  unit: IndicatorUnit,
  source: string,
  definition: string,
): CatalogueEntry => ({
  id,
  titleNl,
  titleEn,
  unit,
  source,
  definition,
});

export const INDICATOR_CATALOGUE: readonly CatalogueEntry[] = [
  // CBS Kerncijfers Wijken en Buurten
  e(
    'inhabitants',
    'Aantal inwoners',
    'Inhabitants',
    'count',
    'CBS KWB a_inw',
    'Registered inhabitants on 1 January.',
  ),
  e(
    'inhabitants_0_14',
    'Inwoners 0 tot 15 jaar',
    'Inhabitants aged 0–14',
    'count',
    'CBS KWB a_00_14',
    'Inhabitants aged 0 to 15.',
  ),
  e(
    'inhabitants_15_24',
    'Inwoners 15 tot 25 jaar',
    'Inhabitants aged 15–24',
    'count',
    'CBS KWB a_15_24',
    'Inhabitants aged 15 to 25.',
  ),
  e(
    'inhabitants_25_44',
    'Inwoners 25 tot 45 jaar',
    'Inhabitants aged 25–44',
    'count',
    'CBS KWB a_25_44',
    'Inhabitants aged 25 to 45.',
  ),
  e(
    'inhabitants_45_64',
    'Inwoners 45 tot 65 jaar',
    'Inhabitants aged 45–64',
    'count',
    'CBS KWB a_45_64',
    'Inhabitants aged 45 to 65.',
  ),
  e(
    'inhabitants_65_plus',
    'Inwoners 65 jaar of ouder',
    'Inhabitants aged 65+',
    'count',
    'CBS KWB a_65_oo',
    'Inhabitants aged 65 or older.',
  ),
  e(
    'households',
    'Particuliere huishoudens',
    'Private households',
    'count',
    'CBS KWB a_hh',
    'Private households.',
  ),
  e(
    'household_size',
    'Gemiddelde huishoudensgrootte',
    'Average household size',
    'count',
    'CBS KWB g_hhgro',
    'Persons per private household.',
  ),
  e(
    'population_density',
    'Bevolkingsdichtheid',
    'Population density',
    'per_km2',
    'CBS KWB bev_dich',
    'Inhabitants per km² land.',
  ),
  e('dwellings', 'Woningvoorraad', 'Dwellings', 'count', 'CBS KWB a_woning', 'Dwellings on 1 January.'),
  e(
    'address_density',
    'Omgevingsadressendichtheid',
    'Address density of the surroundings',
    'per_km2',
    'CBS KWB ste_oad',
    'Average number of addresses per km² within 1 km of each address in the buurt: the measure behind the CBS degree of urbanity (stedelijkheid).',
  ),
  e(
    'woz_value',
    'Gemiddelde WOZ-waarde',
    'Average WOZ value',
    'eur_1000',
    'CBS KWB g_woz/g_wozbag',
    'Average WOZ value of dwellings, × €1,000.',
  ),
  e(
    'owner_occupied_share',
    'Koopwoningen',
    'Owner-occupied dwellings',
    'percent',
    'CBS KWB p_koopw',
    '% of dwellings owner-occupied.',
  ),
  e(
    'rental_share',
    'Huurwoningen totaal',
    'Rental dwellings',
    'percent',
    'CBS KWB p_huurw',
    '% of dwellings rented.',
  ),
  e(
    'corporation_share',
    'Huurwoningen in bezit woningcorporatie',
    'Corporation-owned dwellings',
    'percent',
    'CBS KWB p_wcorpw',
    '% of dwellings owned by housing corporations (incl. municipal housing companies).',
  ),
  e(
    'other_landlord_share',
    'Huurwoningen in bezit overige verhuurders',
    'Dwellings of other landlords',
    'percent',
    'CBS KWB p_ov_hw',
    '% of dwellings owned by other landlords.',
  ),
  e(
    'avg_income_per_inhabitant',
    'Gemiddeld inkomen per inwoner',
    'Average income per inhabitant',
    'eur_1000',
    'CBS KWB g_ink_pi',
    'Average personal income per inhabitant, × €1,000 (reference year typically edition − 2).',
  ),
  e(
    'low_income_households_share',
    'Huishoudens met een laag inkomen',
    'Households with a low income',
    'percent',
    'CBS KWB p_hh_lkk',
    '% of private households with a low income (CBS low-income threshold); not in KWB 2024+.',
  ),
  e(
    'social_minimum_households_share',
    'Huishoudens onder of rond sociaal minimum',
    'Households at or below the social minimum',
    'percent',
    'CBS KWB p_hh_osm',
    '% of households with income up to 101% of the social minimum; not in KWB 2024+.',
  ),
  e(
    'social_minimum_110_households_share',
    'Huishoudens tot 110% van sociaal minimum',
    'Households up to 110% of social minimum',
    'percent',
    'CBS KWB p_hh_110',
    '% of households with income up to 110% of the social minimum.',
  ),
  e(
    'social_minimum_120_households_share',
    'Huishoudens tot 120% van sociaal minimum',
    'Households up to 120% of social minimum',
    'percent',
    'CBS KWB p_hh_120',
    '% of households with income up to 120% of the social minimum.',
  ),
  e(
    'lowest_40_income_households_share',
    '40% huishoudens met laagste inkomen',
    'Households in the lowest 40% income',
    'percent',
    'CBS KWB p_hh_li',
    '% of households in the national lowest 40% of household income.',
  ),
  e(
    'persons_in_poverty_share',
    'Personen in armoede',
    'Persons in poverty',
    'percent',
    'CBS KWB 2024+ p_ink_ar',
    '% of persons in poverty (new CBS/SCP/Nibud poverty measure, from KWB 2024). Not comparable with low_income_households_share.',
  ),
  e(
    'persons_near_poverty_share',
    'Personen tot 25% boven armoedegrens',
    'Persons up to 25% above the poverty line',
    'percent',
    'CBS KWB 2024+',
    '% of persons with income up to 25% above the poverty line (new measure, from KWB 2024).',
  ),
  e(
    'social_assistance_persons',
    'Personen met bijstand',
    'Persons on social assistance',
    'count',
    'CBS KWB a_soz_wb',
    'Persons receiving general social assistance (bijstand, Participatiewet).',
  ),
  e(
    'disability_benefit_persons',
    'Personen met arbeidsongeschiktheidsuitkering',
    'Persons on disability benefit',
    'count',
    'CBS KWB a_soz_ao',
    'Persons receiving a disability benefit (AO).',
  ),
  e(
    'unemployment_benefit_persons',
    'Personen met WW-uitkering',
    'Persons on unemployment benefit',
    'count',
    'CBS KWB a_soz_ww',
    'Persons receiving unemployment benefit (WW).',
  ),
  e(
    'aow_persons',
    'Personen met AOW-uitkering',
    'Persons on state pension',
    'count',
    'CBS KWB a_soz_ow',
    'Persons receiving AOW.',
  ),
  e(
    'wmo_clients',
    'Wmo-cliënten',
    'Wmo clients',
    'count',
    'CBS KWB a_wmo_t',
    'Persons with a Wmo (social support act) provision.',
  ),
  e(
    'wmo_clients_per_1000',
    'Wmo-cliënten per 1.000 inwoners (gepubliceerd, afgerond)',
    'Wmo clients per 1,000 inhabitants (published, rounded)',
    'per_1000',
    'CBS KWB p_wmo_t',
    'Wmo clients per 1,000 inhabitants, as published.',
  ),
  e(
    'youth_care_share',
    'Jongeren met jeugdzorg in natura',
    'Young people in youth care',
    'percent',
    'CBS KWB p_jz_tn',
    '% of young people with youth care in kind.',
  ),
  e(
    'crime_burglary_per_1000',
    'Diefstal uit woning, schuur e.d. per 1.000 inwoners',
    'Burglary per 1,000 inhabitants',
    'per_1000',
    'CBS KWB ≤2018 criminaliteit',
    'Registered burglaries from dwellings, sheds etc. per 1,000 inhabitants (KWB editions up to 2018).',
  ),
  e(
    'crime_vandalism_per_1000',
    'Vernieling en misdrijven tegen openbare orde per 1.000 inwoners',
    'Vandalism and public order offences per 1,000',
    'per_1000',
    'CBS KWB ≤2018 criminaliteit',
    'Registered vandalism and offences against public order per 1,000 inhabitants.',
  ),
  e(
    'crime_violence_per_1000',
    'Gewelds- en seksuele misdrijven per 1.000 inwoners',
    'Violent and sexual offences per 1,000',
    'per_1000',
    'CBS KWB ≤2018 criminaliteit',
    'Registered violent and sexual offences per 1,000 inhabitants.',
  ),
  // Leefbaarometer 3.0
  e(
    'lbm_total',
    'Leefbaarometer totaalscore',
    'Leefbaarometer total score',
    'score',
    'Leefbaarometer 3.0 lbm',
    'Absolute total liveability score (≈3.4–4.7); higher is better.',
  ),
  e(
    'lbm_afw',
    'Leefbaarometer afwijking',
    'Leefbaarometer deviation',
    'score',
    'Leefbaarometer 3.0 afw',
    'Deviation of the total score from the national reference (= sum of the five dimensions).',
  ),
  e(
    'lbm_fys',
    'Leefbaarometer fysieke omgeving',
    'Leefbaarometer physical environment',
    'score',
    'Leefbaarometer 3.0 fys',
    'Contribution of the physical environment; higher is better.',
  ),
  e(
    'lbm_onv',
    'Leefbaarometer overlast en onveiligheid',
    'Leefbaarometer nuisance and insecurity',
    'score',
    'Leefbaarometer 3.0 onv',
    'Contribution of nuisance and insecurity; higher is better (less nuisance).',
  ),
  e(
    'lbm_soc',
    'Leefbaarometer sociale samenhang',
    'Leefbaarometer social cohesion',
    'score',
    'Leefbaarometer 3.0 soc',
    'Contribution of social cohesion; higher is better.',
  ),
  e(
    'lbm_vrz',
    'Leefbaarometer voorzieningen',
    'Leefbaarometer amenities',
    'score',
    'Leefbaarometer 3.0 vrz',
    'Contribution of amenities; higher is better.',
  ),
  e(
    'lbm_won',
    'Leefbaarometer woningvoorraad',
    'Leefbaarometer housing stock',
    'score',
    'Leefbaarometer 3.0 won',
    'Contribution of the housing stock; higher is better.',
  ),
  e(
    'lbm2_total_rel',
    'Leefbaarometer 2.0 totaal (relatief)',
    'Leefbaarometer 2.0 total (relative)',
    'score',
    'Leefbaarometer 2.0 RLBRMTR',
    'LBM 2.0 total as deviation from the national mean; not comparable with LBM 3.0.',
  ),
  e(
    'lbm2_vei_rel',
    'Leefbaarometer 2.0 veiligheid (relatief)',
    'Leefbaarometer 2.0 safety (relative)',
    'score',
    'Leefbaarometer 2.0 RLBVEI',
    'LBM 2.0 safety dimension, deviation from the national mean.',
  ),
  e(
    'lbm2_won_rel',
    'Leefbaarometer 2.0 woningen (relatief)',
    'Leefbaarometer 2.0 housing (relative)',
    'score',
    'Leefbaarometer 2.0 RLBWON',
    'LBM 2.0 housing dimension, deviation from the national mean.',
  ),
  e(
    'lbm2_bev_rel',
    'Leefbaarometer 2.0 bewoners (relatief)',
    'Leefbaarometer 2.0 residents (relative)',
    'score',
    'Leefbaarometer 2.0 RLBBEV',
    'LBM 2.0 residents dimension, deviation from the national mean.',
  ),
  e(
    'lbm2_vrz_rel',
    'Leefbaarometer 2.0 voorzieningen (relatief)',
    'Leefbaarometer 2.0 amenities (relative)',
    'score',
    'Leefbaarometer 2.0 RLBVRZ',
    'LBM 2.0 amenities dimension, deviation from the national mean.',
  ),
  e(
    'lbm2_fys_rel',
    'Leefbaarometer 2.0 fysieke omgeving (relatief)',
    'Leefbaarometer 2.0 physical environment (relative)',
    'score',
    'Leefbaarometer 2.0 RLBFYS',
    'LBM 2.0 physical environment dimension, deviation from the national mean.',
  ),
  e(
    'lbm2_class',
    'Leefbaarometer 2.0 klasse',
    'Leefbaarometer 2.0 class',
    'score',
    'Leefbaarometer 2.0 KLyy',
    'LBM 2.0 total score class, 1 = zeer onvoldoende … 9 = uitstekend.',
  ),
  // RIVM/CBS Gezondheidsmonitor 50090NED (adults 18+)
  e(
    'rivm_high_risk_anxiety_depression',
    'Hoog risico op angststoornis of depressie',
    'High risk of anxiety or depression',
    'percent',
    'RIVM 50090NED HoogRisicoOpAngstOfDepressie',
    '% of adults (18+) at high risk of anxiety disorder or depression (model estimate).',
  ),
  e(
    'rivm_difficulty_making_ends_meet',
    'Moeite met rondkomen',
    'Difficulty making ends meet',
    'percent',
    'RIVM 50090NED MoeiteMetRondkomen',
    '% of adults (18+) with difficulty making ends meet (model estimate).',
  ),
  e(
    'rivm_lonely',
    'Eenzaam',
    'Lonely',
    'percent',
    'RIVM 50090NED Eenzaam',
    '% of adults (18+) lonely (model estimate).',
  ),
  e(
    'rivm_severely_lonely',
    'Ernstig eenzaam',
    'Severely lonely',
    'percent',
    'RIVM 50090NED ErnstigZeerErnstigEenzaam',
    '% of adults (18+) severely or very severely lonely.',
  ),
  e(
    'rivm_noise_neighbours',
    'Ernstige geluidhinder door buren',
    'Severe noise nuisance from neighbours',
    'percent',
    'RIVM 50090NED ErnstigeGeluidhinderDoorBuren',
    '% of adults (18+) severely bothered by noise from neighbours.',
  ),
  e(
    'rivm_limited_by_health',
    'Beperkt vanwege gezondheid',
    'Limited because of health',
    'percent',
    'RIVM 50090NED BeperktVanwegeGezondheid',
    '% of adults (18+) limited in activities because of health.',
  ),
  e(
    'rivm_good_health',
    'Ervaren gezondheid goed of zeer goed',
    'Good perceived health',
    'percent',
    'RIVM 50090NED ErvarenGezondheidGoedZeerGoed',
    '% of adults (18+) rating their health good or very good.',
  ),
  e(
    'rivm_control_own_life',
    'Matig of veel regie over eigen leven',
    'Moderate or much control over own life',
    'percent',
    'RIVM 50090NED MatigVeelRegieOverEigenLeven',
    '% of adults (18+) with moderate or much control over their own life.',
  ),
  e(
    'rivm_informal_carer',
    'Mantelzorger',
    'Informal carer',
    'percent',
    'RIVM 50090NED Mantelzorger',
    '% of adults (18+) giving informal care.',
  ),
  e(
    'rivm_volunteer',
    'Vrijwilligerswerk',
    'Volunteer work',
    'percent',
    'RIVM 50090NED Vrijwilligerswerk',
    '% of adults (18+) doing volunteer work.',
  ),
  // Police (CBS 47022NED)
  e(
    'police_crimes',
    'Geregistreerde misdrijven',
    'Registered crimes',
    'count',
    'Politie/CBS 47022NED',
    'Registered crimes (all types) in the calendar year; for the latest year the rolling last 12 months.',
  ),
  e(
    'police_crimes_per_1000',
    'Geregistreerde misdrijven per 1.000 inwoners (gepubliceerd, laatste 12 maanden)',
    'Registered crimes per 1,000 inhabitants (published, last 12 months)',
    'per_1000',
    'Politie/CBS 47022NED',
    'Registered crimes (all types) per 1,000 inhabitants, last 12 months, as published.',
  ),
];

const BY_ID = new Map(INDICATOR_CATALOGUE.map((c) => [c.id, c]));

/** The source family of a stored indicator: which kind of file supplies it (for the kinds of missing). */
export type SourceFamily = 'kwb' | 'lbm' | 'rivm' | 'politie' | 'other';

/** The source family of a catalogue id by its prefix; user (tidy) indicators are `other`. */
export function sourceFamily(id: string): SourceFamily {
  if (id.startsWith('lbm')) return 'lbm';
  if (id.startsWith('rivm_')) return 'rivm';
  if (id.startsWith('police_')) return 'politie';
  return BY_ID.has(id) ? 'kwb' : 'other';
}

export function findCatalogueEntry(id: string): CatalogueEntry | undefined {
  return BY_ID.get(id);
}

/** Ids of user-supplied (tidy CSV) indicators must look like this. */
export const CUSTOM_INDICATOR_ID = /^[a-z][a-z0-9_]{1,63}$/;
