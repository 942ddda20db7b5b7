/**
 * The HTTP contract of Veerkracht: zod schemas of every API request and response, and the
 * types inferred from them. The server validates what it sends with these in tests, and the
 * web app parses what it receives with them, so both sides share one definition.
 *
 * Conventions: missing numbers are `null` (never 0); area codes are CBS codes (`GMgggg`,
 * `BUggggwwbb`); periods are `"YYYY-YYYY"`; every Dutch text has an English twin (`…Nl`/`…En`).
 */
import { z } from 'zod';
import { EngineConfigSchema } from '../domain/engine/engine-config.js';
import { DisplayNameSchema } from './display-name.js';

/** A period "t0-t1", e.g. "2016-2020" (t0 < t1). */
export const PeriodSchema = z.string().regex(/^\d{4}-\d{4}$/, 'a period looks like 2016-2020');
export type Period = z.infer<typeof PeriodSchema>;

/** Map kinds: a level in one year, a change over a period, or a veerkracht classification over a period. */
export const MapKindSchema = z.enum(['level', 'change', 'classification']);
export type MapKind = z.infer<typeof MapKindSchema>;

/** Error body of every non-2xx response. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * Why a buurt has no value (docs/method.md, "Kinds of missing"): `suppressed` — the source
 * published the cell as secret (CBS `.`); `no-score` — the Leefbaarometer published `NA`;
 * `not-published` — the edition loaded for that year has no such value for the buurt;
 * `not-loaded` — no file of that source covers the buurt for that year; `not-in-source` — a file
 * of that source for that year is loaded and covers the buurt's gemeente but holds nothing for
 * this buurt (e.g. its code does not occur in the source's division); `too-few-residents`;
 * `population-unknown` — no number of inhabitants (never taken as 0); `no-comparison` — a relative
 * or national reading without other buurten (of the gemeente, or with the same nuisance measure)
 * to compare the buurt with; `missing` — anything else.
 */
export const MissingKindSchema = z.enum([
  'suppressed',
  'no-score',
  'not-published',
  'not-loaded',
  'not-in-source',
  'too-few-residents',
  'population-unknown',
  'no-comparison',
  'missing',
]);
export type MissingKind = z.infer<typeof MissingKindSchema>;

// ---------------------------------------------------------------- GET /api/gemeenten

export const GemeenteSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Buurten of this gemeente on the reference division (with geometry). */
  buurten: z.number().int(),
  /** Years with at least one value for one of its buurten. */
  years: z.array(z.number().int()),
});
export type GemeenteSummary = z.infer<typeof GemeenteSummarySchema>;

export const EditionSummarySchema = z.object({
  source: z.string(),
  edition: z.string(),
  table: z.string().nullable(),
  /**
   * Gemeenten of the reference division with a cell of this edition (a value, or one the source
   * suppressed): an edition of one gemeente does not read as a national one. Null for boundaries
   * (no values) and on a store without boundaries.
   */
  gemeenten: z.number().int().nullable().optional(),
});
export type EditionSummary = z.infer<typeof EditionSummarySchema>;

export const GemeentenResponseSchema = z.object({
  gemeenten: z.array(GemeenteSummarySchema),
  editions: z.array(EditionSummarySchema),
  /** The reference division (indelingsjaar) all maps are drawn on, null when no geometry is loaded. */
  divisionYear: z.number().int().nullable(),
  /** True when the store holds the labelled demo set rather than official data. */
  demo: z.boolean(),
});
export type GemeentenResponse = z.infer<typeof GemeentenResponseSchema>;

// ---------------------------------------------------------------- regions

export const RegionSchema = z.object({
  id: z.string(),
  name: z.string(),
  gemeenten: z.array(z.string()),
  predefined: z.boolean(),
  /** 'organisation': the werkgebied of the viewer's organisation, seen only by its users (and its share links). */
  visibility: z.enum(['public', 'organisation']).optional(),
});
export type Region = z.infer<typeof RegionSchema>;

export const RegionsResponseSchema = z.object({ regions: z.array(RegionSchema) });
export type RegionsResponse = z.infer<typeof RegionsResponseSchema>;

/**
 * POST /api/regions body. Gemeente codes must exist in the store; the name is plain text (no
 * markup) and unique among the regions the creator sees. `visibility: 'public'` (the operator's
 * regions, admins only); default: the creator's organisation.
 */
export const CreateRegionRequestSchema = z.strictObject({
  name: DisplayNameSchema,
  gemeenten: z
    .array(z.string().regex(/^GM\d{4}$/i, 'a gemeente code looks like GM0917'))
    .min(1)
    .max(400),
  visibility: z.enum(['organisation', 'public']).optional(),
});
export type CreateRegionRequest = z.infer<typeof CreateRegionRequestSchema>;

// ---------------------------------------------------------------- GET /api/maps/definitions

/** Sources `veerkracht fetch --sources` can download (and import). */
export const FetchSourceSchema = z.enum(['kwb', 'geo', 'lbm', 'rivm', 'politie']);
export type FetchSource = z.infer<typeof FetchSourceSchema>;

/**
 * Why a map of an area is empty: a source it needs has no values for the area
 * (`source-not-loaded`), its sources are there but not at two years that can be compared
 * (`no-comparable-years`), or every buurt lacks a usable value (`no-values`).
 */
export const EmptyReasonSchema = z.enum(['source-not-loaded', 'no-comparable-years', 'no-values']);
export type EmptyReason = z.infer<typeof EmptyReasonSchema>;

/** What a map (or layer) has for one area (GET /api/maps/definitions?area=…). */
export const AreaAvailabilitySchema = z.object({
  /** Buurten in the area. */
  buurten: z.number().int(),
  /** Per year ("2020") or period ("2016-2020") with national data: buurten of the area with a value. */
  counts: z.record(z.string(), z.number().int()),
  /** True when some year or period gives a value for at least one buurt of the area. */
  hasData: z.boolean(),
  /** True when the offered years/periods give values for at least half of the buurten. */
  halfCovered: z.boolean(),
  /** Sources the map needs that have no value at all for this area. */
  missingSources: z.array(FetchSourceSchema),
  /** Why the map is empty for this area; null when it has data. */
  emptyReason: EmptyReasonSchema.nullable(),
});
export type AreaAvailability = z.infer<typeof AreaAvailabilitySchema>;

export const MapDefinitionSchema = z.object({
  id: z.string(),
  titleNl: z.string(),
  titleEn: z.string(),
  kind: MapKindSchema,
  /** For change and classification maps: the periods with data. */
  periods: z.array(PeriodSchema).optional(),
  /** For level maps: the years with data. */
  years: z.array(z.number().int()).optional(),
  defaultPeriod: PeriodSchema.optional(),
  defaultYear: z.number().int().optional(),
  /** The map's number in the set of nine (1–9), absent for extra layers. */
  number: z.number().int().optional(),
  /**
   * With `?area=`: what the map has there. `years`/`periods` then list only those with data for
   * the area (at least half of its buurten, else any), and the defaults are the newest of them.
   */
  availability: AreaAvailabilitySchema.optional(),
  howToReadNl: z.string(),
  howToReadEn: z.string(),
  caveatsNl: z.string(),
  caveatsEn: z.string(),
});
export type MapDefinition = z.infer<typeof MapDefinitionSchema>;

export const LayerDefinitionSchema = z.object({
  id: z.string(),
  titleNl: z.string(),
  titleEn: z.string(),
  unit: z.string(),
  /** True when the layer is a component of the vulnerability index. */
  component: z.boolean().optional(),
  years: z.array(z.number().int()).optional(),
  /** With `?area=`: what the layer has there (`years` then lists only the area's years with data). */
  availability: AreaAvailabilitySchema.optional(),
});
export type LayerDefinition = z.infer<typeof LayerDefinitionSchema>;

/** A named term of the engine (an index component or a nuisance measure) with its titles. */
export const TermSchema = z.object({ id: z.string(), titleNl: z.string(), titleEn: z.string() });
export type Term = z.infer<typeof TermSchema>;

/**
 * The area of a gemeente formed after the division year from whole gemeenten of that year
 * (Dijk en Waard, 2022, on the 2019 division): the year of its herindeling and those gemeenten.
 */
export const FormedFromSchema = z.object({
  since: z.number().int(),
  gemeenten: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type FormedFrom = z.infer<typeof FormedFromSchema>;

export const MapDefinitionsResponseSchema = z.object({
  maps: z.array(MapDefinitionSchema),
  /** Maps outside the nine, e.g. veerkracht-landelijk (the signal map against the national change). */
  extraMaps: z.array(MapDefinitionSchema).optional(),
  layers: z.array(LayerDefinitionSchema),
  /** The area asked for (`?area=`), with its display name. */
  area: z.object({ id: z.string(), name: z.string(), formedFrom: FormedFromSchema.optional() }).optional(),
  /** With `?area=`: the first of the nine maps with data there, null when none has. */
  defaultMap: z.string().nullable().optional(),
  /** Titles of the index components and nuisance measures (ids in yearsUsed, measureUsed, flags). */
  components: z.array(TermSchema).optional(),
  measures: z.array(TermSchema).optional(),
});
export type MapDefinitionsResponse = z.infer<typeof MapDefinitionsResponseSchema>;

// ---------------------------------------------------------------- GET /api/maps

/** Query of a route that takes no parameters (any parameter is refused). */
export const NoQuerySchema = z.strictObject({});

/** `edition=`: a data edition id (GET /api/editions); absent = the newest. */
export const EditionParamSchema = z.coerce
  .number({ message: 'edition is a data edition id, a whole number (GET /api/editions lists them)' })
  .int('edition is a data edition id, a whole number (GET /api/editions lists them)')
  .positive('edition is a data edition id, a whole number (GET /api/editions lists them)');

/** Which data edition an answer shows (GET /api/editions); `current` when it is the newest. */
export const DataEditionInfoSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  createdAt: z.string(),
  current: z.boolean(),
});
export type DataEditionInfo = z.infer<typeof DataEditionInfoSchema>;

/** Query of GET /api/maps/definitions: optionally an area (gemeente code or region id) for its availability. */
export const MapDefinitionsQuerySchema = z.strictObject({
  area: z.string().trim().min(1).optional(),
  edition: EditionParamSchema.optional(),
});
export type MapDefinitionsQuery = z.infer<typeof MapDefinitionsQuerySchema>;

/** Query of GET /api/maps: area = gemeente code or region id; map = map id or indicator id. Unknown parameters are refused. */

export const MapQuerySchema = z.strictObject({
  area: z.string().min(1),
  map: z.string().min(1),
  period: PeriodSchema.optional(),
  year: z.coerce.number().int().optional(),
  edition: EditionParamSchema.optional(),
});
export type MapQuery = z.infer<typeof MapQuerySchema>;

const PositionSchema = z.array(z.number());
export const PolygonGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(PositionSchema)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(PositionSchema))) }),
]);
export type ApiPolygonGeometry = z.infer<typeof PolygonGeometrySchema>;

export const MapFeaturePropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  /** The mapped value (level, change, or for classification maps null). */
  value: z.number().nullable(),
  /** Index of the class among the data classes of the legend; null for missing/suppressed/too few residents. */
  classIndex: z.number().int().nullable(),
  /** Legend entry id: c0…cN for continuous maps, a class id for classifications, or a kind of missing (MissingKindSchema). */
  classId: z.string(),
  /** Dutch label of the class (the legend label). */
  label: z.string(),
  /** English label of the class. */
  labelEn: z.string().optional(),
  /** Flags: suppressed, harmonised, estimated, overlay, too-few-residents, derived, carried-forward/carried-back (an index component from another year), measure:<id>. */
  flags: z.array(z.string()),
  inhabitants: z.number().nullable(),
  /** The year of `inhabitants` (the nearest year with a count), null when unknown. */
  inhabitantsYear: z.number().int().nullable().optional(),
  /** Why the buurt has no value — or on a classification map no class; null when it has one. */
  missing: MissingKindSchema.nullable().optional(),
});
export type MapFeatureProperties = z.infer<typeof MapFeaturePropertiesSchema>;

export const MapFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  /** Simplified display geometry in WGS84 (lng, lat); null when the buurt has no geometry. */
  geometry: PolygonGeometrySchema.nullable(),
  properties: MapFeaturePropertiesSchema,
});
export type MapFeature = z.infer<typeof MapFeatureSchema>;

export const LegendEntrySchema = z.object({
  classId: z.string(),
  label: z.string(),
  labelEn: z.string(),
  /** CSS hex colour. */
  color: z.string(),
  count: z.number().int(),
  /** Lower and upper bound of a continuous class (null for categorical and special entries). */
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
});
export type LegendEntry = z.infer<typeof LegendEntrySchema>;

export const SourceRefSchema = z.object({
  indicator: z.string(),
  edition: z.string(),
  table: z.string().nullable(),
  column: z.string(),
  years: z.array(z.number().int()),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** The engine settings a map depends on (the whole configuration: GET /api/config, same hash). */
export const MapConfigSummarySchema = z.object({
  /** Short hash of the configuration in effect (GET /api/config `hash`). */
  hash: z.string(),
  /** Thresholds τ in national standard deviations of each change. */
  thresholds: z.object({ concentration: z.number(), nuisance: z.number() }),
  minPopulation: z.number().int(),
  minComponents: z.number().int(),
  nuisanceMeasures: z.array(z.string()),
  relativeReference: z.string(),
});
export type MapConfigSummary = z.infer<typeof MapConfigSummarySchema>;

export const MapMetaSchema = z.object({
  map: z.string(),
  kind: MapKindSchema,
  titleNl: z.string(),
  titleEn: z.string(),
  area: z.string(),
  areaName: z.string(),
  /** When the area is a gemeente formed after divisionYear: the gemeenten of that division it is. */
  formedFrom: FormedFromSchema.optional(),
  period: PeriodSchema.nullable(),
  year: z.number().int().nullable(),
  divisionYear: z.number().int(),
  /** Class method for continuous maps (quantile, equal-interval, ckmeans, fixed), null for classifications. */
  classMethod: z.string().nullable().optional(),
  unit: z.string().optional(),
  sources: z.array(SourceRefSchema),
  /** How values reached the reference division, in words. */
  harmonisation: z.string(),
  /** The nuisance measure actually used (lbm_onv, rivm_noise_neighbours, crime_rate…), null when not applicable. */
  measureUsed: z.string().nullable(),
  /** Years actually used per measure, e.g. { concentration: [2016, 2020], nuisance: [2014, 2020] }. */
  yearsUsed: z.record(z.string(), z.array(z.number().int())).optional(),
  /** Classification maps: buurten that change class when the thresholds move −50 % / +50 %. */
  sensitivity: z.object({ minus50: z.number().int(), plus50: z.number().int() }).nullable().optional(),
  caveatsNl: z.string(),
  caveatsEn: z.string(),
  howToReadNl: z.string(),
  howToReadEn: z.string(),
  demo: z.boolean(),
  /** The data edition the map was drawn from; null for a store that recorded none. */
  dataEdition: DataEditionInfoSchema.nullable().optional(),
  /** The engine configuration this map was computed with. */
  config: MapConfigSummarySchema.optional(),
  /** The map's title with its year or period and the years actually compared; names a fallback measure. */
  headingNl: z.string().optional(),
  headingEn: z.string().optional(),
  /** What the legend classes are: the year or period with the years compared, or the change scale. */
  legendTitleNl: z.string().optional(),
  legendTitleEn: z.string().optional(),
  /** Level maps: "Klassen: kwintielen van N buurten in <scope> (year)"; null for fixed classes and period maps. */
  legendScopeNl: z.string().nullable().optional(),
  legendScopeEn: z.string().nullable().optional(),
  /** Period maps: each component and nuisance measure compared for the area, with the years and how many buurten. */
  comparisons: z
    .array(
      z.object({
        id: z.string(),
        quantity: z.enum(['concentration', 'nuisance']),
        titleNl: z.string(),
        titleEn: z.string(),
        years: z.tuple([z.number().int(), z.number().int()]),
        buurten: z.number().int(),
        /** A nuisance measure after the first of the fallback order. */
        fallback: z.boolean(),
      }),
    )
    .optional(),
  /** Period maps: the fixed scale of each compared measure (its national buurt SD in its base year). */
  scales: z
    .array(z.object({ id: z.string(), indicator: z.string(), year: z.number().int(), sd: z.number() }))
    .optional(),
  /** Why no buurt of the area has a value, with what to load; null when some has. */
  emptyReason: z
    .object({
      code: EmptyReasonSchema,
      kind: MissingKindSchema,
      missingSources: z.array(FetchSourceSchema),
      nl: z.string(),
      en: z.string(),
    })
    .nullable()
    .optional(),
});
export type MapMeta = z.infer<typeof MapMetaSchema>;

export const MapResponseSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(MapFeatureSchema),
  legend: z.array(LegendEntrySchema),
  meta: MapMetaSchema,
});
export type MapResponse = z.infer<typeof MapResponseSchema>;

// ---------------------------------------------------------------- GET /api/buurten?q=

/** Query of GET /api/buurten: buurten whose name (or code) contains `q`, accents and case ignored. */
export const BuurtSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2, 'type at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type BuurtSearchQuery = z.infer<typeof BuurtSearchQuerySchema>;

export const BuurtSearchHitSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  gemeenteName: z.string(),
});
export type BuurtSearchHit = z.infer<typeof BuurtSearchHitSchema>;

export const BuurtSearchResponseSchema = z.object({
  query: z.string(),
  /** Best first: name starts with the query, then a word of it does, then it contains it. */
  buurten: z.array(BuurtSearchHitSchema),
});
export type BuurtSearchResponse = z.infer<typeof BuurtSearchResponseSchema>;

// ---------------------------------------------------------------- GET /api/buurten/:code

/** Query of GET /api/buurten/:code: the period whose class the explanation explains. */
export const BuurtQuerySchema = z.strictObject({
  period: PeriodSchema.optional(),
  edition: EditionParamSchema.optional(),
});
export type BuurtQuery = z.infer<typeof BuurtQuerySchema>;

export const SeriesPointSchema = z.object({
  year: z.number().int(),
  value: z.number().nullable(),
  flags: z.array(z.string()),
  edition: z.string(),
  table: z.string().nullable(),
  column: z.string(),
  method: z.string().nullable(),
  /** Why `value` is null; null when it has a value. */
  missing: MissingKindSchema.nullable().optional(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const BuurtIndicatorSchema = z.object({
  id: z.string(),
  titleNl: z.string(),
  titleEn: z.string(),
  unit: z.string(),
  series: z.array(SeriesPointSchema),
});
export type BuurtIndicator = z.infer<typeof BuurtIndicatorSchema>;

export const ClassLabelSchema = z.object({ classId: z.string(), label: z.string(), labelEn: z.string() });
export type ClassLabel = z.infer<typeof ClassLabelSchema>;

export const BuurtClassificationSchema = z.object({
  period: PeriodSchema,
  absolute: ClassLabelSchema,
  relative: ClassLabelSchema,
  /** The class against the national mean change (third reading, map veerkracht-landelijk). */
  national: ClassLabelSchema.optional(),
  measureUsed: z.string().nullable(),
  /** True when the nuisance measure is a fallback (not the first of the configured order). */
  fallbackMeasure: z.boolean().optional(),
  /** Years actually used per measure, e.g. { concentration: [2016, 2020], nuisance: [2014, 2020] }. */
  yearsUsed: z.record(z.string(), z.array(z.number().int())),
  /**
   * The buurt's own change of the concentration index and of nuisance (positive = rose / worse),
   * in standard deviations of each measure's base year; null when unknown.
   */
  deltaConcentration: z.number().nullable().optional(),
  deltaNuisance: z.number().nullable().optional(),
  /** The nuisance change in the measure's own units (positive = worse), null when unknown. */
  deltaNuisanceOwnUnits: z.number().nullable().optional(),
  /** Why the buurt has no class (absolute version), null when it has one. */
  missing: MissingKindSchema.nullable().optional(),
});
export type BuurtClassification = z.infer<typeof BuurtClassificationSchema>;

export const BuurtResponseSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  gemeenteName: z.string(),
  divisionYear: z.number().int(),
  inhabitants: z.number().nullable().optional(),
  /** The year of `inhabitants`, null when unknown. */
  inhabitantsYear: z.number().int().nullable().optional(),
  indicators: z.array(BuurtIndicatorSchema),
  /** The data edition the profile shows (`edition=`); null for a store that recorded none. */
  dataEdition: DataEditionInfoSchema.nullable().optional(),
  classifications: z.array(BuurtClassificationSchema),
  explanation: z.object({ nl: z.string(), en: z.string() }),
});
export type BuurtResponse = z.infer<typeof BuurtResponseSchema>;

// ---------------------------------------------------------------- GET /api/compare

/** Query of GET /api/compare: 1–50 gemeente codes or region ids, comma-separated. */
export const CompareQuerySchema = z.strictObject({
  areas: z.string().min(1),
  period: PeriodSchema.optional(),
  edition: EditionParamSchema.optional(),
});
export type CompareQuery = z.infer<typeof CompareQuerySchema>;

export const ComparePerClassSchema = z.object({
  classId: z.string(),
  label: z.string(),
  labelEn: z.string().optional(),
  buurten: z.number().int(),
  /** Inhabitants of those buurten with a known population; null when none is known (never 0 for unknown). */
  inhabitants: z.number().nullable(),
});
export type ComparePerClass = z.infer<typeof ComparePerClassSchema>;

export const CompareAreaSchema = z.object({
  area: z.string(),
  name: z.string(),
  buurten: z.number().int(),
  /** Inhabitants of the buurten with a known population; null when none is known. */
  inhabitants: z.number().nullable(),
  /** Buurten whose population is unknown (not counted in `inhabitants`, not classified). */
  buurtenWithoutPopulation: z.number().int().optional(),
  /** Absolute classification per class. */
  perClass: z.array(ComparePerClassSchema),
  /** Relative classification per class. */
  perClassRelative: z.array(ComparePerClassSchema).optional(),
  /** Buurten with > 67 % corporation dwellings; null when no buurt of the area has a corporation share. */
  corporatiebuurten: z.number().int().nullable(),
  /** The year of the corporation shares counted; null with `corporatiebuurten`. */
  corporatiebuurtenYear: z.number().int().nullable(),
  /**
   * Mean concentration index in `meanIndexYear`, the last year of the period in which buurten of
   * the area have an index; null without any.
   */
  meanIndex: z.number().nullable(),
  meanIndexYear: z.number().int().nullable(),
  /** Whether the mean is weighted by inhabitants (unweighted when too few are known); null without it. */
  meanIndexWeighted: z.boolean().nullable(),
  /** Pearson correlation over buurten between corporation share and nuisance level, null with < 3 pairs. */
  correlationCorporationNuisance: z.number().nullable(),
  measureUsed: z.string().nullable().optional(),
});
export type CompareArea = z.infer<typeof CompareAreaSchema>;

export const CompareResponseSchema = z.object({
  period: PeriodSchema,
  areas: z.array(CompareAreaSchema),
});
export type CompareResponse = z.infer<typeof CompareResponseSchema>;

// ---------------------------------------------------------------- GET /api/config

/** The engine configuration in effect (docs/method.md, "Configuration"), so every number stays traceable. */
export const ConfigResponseSchema = z.object({
  /** Every setting, defaults filled in. */
  engine: EngineConfigSchema,
  /** Short hash of `engine`; map responses carry the same hash in meta.config. */
  hash: z.string(),
  /** File name the configuration came from, null for the built-in defaults. */
  source: z.string().nullable(),
  /** Key paths whose value differs from the default, e.g. ["thresholds.nuisance", "minPopulation"]. */
  changed: z.array(z.string()),
});
export type ConfigResponse = z.infer<typeof ConfigResponseSchema>;
