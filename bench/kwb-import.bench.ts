/**
 * Benchmark: import a generated national KWB in the OData JSON layout — 342 gemeenten,
 * ~3,400 wijken, 14,500 buurten × 11 editions (2014–2024) × 100 columns (about 30 of them
 * mapped to indicators, the rest realistic KWB topics Veerkracht does not import) — into a
 * temporary SQLite store. Run: `npx tsx bench/kwb-import.bench.ts`. Target: ≤ 15 s in total.
 * Numbers are generated (seeded), not CBS data.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../src/pipeline/run-import.js';
import { KWB_TABLES } from '../src/pipeline/sources/kwb/kwb-edition.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const BUURTEN = 14_500;
const GEMEENTEN = 342;
// KWB_BENCH_YEARS=2018,2024 limits the editions; KWB_BENCH_KEEP=1 keeps the generated files (for profiling).
const YEARS = (process.env['KWB_BENCH_YEARS'] ?? '2014,2015,2016,2017,2018,2019,2020,2021,2022,2023,2024')
  .split(',')
  .map(Number);

/** [group path, title, key stem, unit]: the mapped topics first, then filler topics. */
type Topic = [string, string, string, string];
const MAPPED: Topic[] = [
  ['Bevolking', 'Aantal inwoners', 'AantalInwoners', 'aantal'],
  ['Bevolking/Leeftijdsgroepen', '0 tot 15 jaar', 'k_0Tot15Jaar', 'aantal'],
  ['Bevolking/Leeftijdsgroepen', '15 tot 25 jaar', 'k_15Tot25Jaar', 'aantal'],
  ['Bevolking/Leeftijdsgroepen', '25 tot 45 jaar', 'k_25Tot45Jaar', 'aantal'],
  ['Bevolking/Leeftijdsgroepen', '45 tot 65 jaar', 'k_45Tot65Jaar', 'aantal'],
  ['Bevolking/Leeftijdsgroepen', '65 jaar of ouder', 'k_65JaarOfOuder', 'aantal'],
  ['Bevolking/Particuliere huishoudens', 'Huishoudens totaal', 'HuishoudensTotaal', 'aantal'],
  [
    'Bevolking/Particuliere huishoudens',
    'Gemiddelde huishoudensgrootte',
    'GemiddeldeHuishoudensgrootte',
    'aantal',
  ],
  ['Bevolking', 'Bevolkingsdichtheid', 'Bevolkingsdichtheid', 'aantal inwoners per km²'],
  ['Wonen', 'Woningvoorraad', 'Woningvoorraad', 'aantal'],
  ['Wonen', 'Gemiddelde woningwaarde', 'GemiddeldeWoningwaarde', 'x 1 000 euro'],
  ['Wonen/Woningen naar eigendom', 'Koopwoningen', 'Koopwoningen', '%'],
  ['Wonen/Woningen naar eigendom/Huurwoningen', 'Huurwoningen totaal', 'HuurwoningenTotaal', '%'],
  ['Wonen/Woningen naar eigendom/Huurwoningen', 'In bezit woningcorporatie', 'InBezitWoningcorporatie', '%'],
  [
    'Wonen/Woningen naar eigendom/Huurwoningen',
    'In bezit overige verhuurders',
    'InBezitOverigeVerhuurders',
    '%',
  ],
  [
    'Inkomen/Inkomen van personen',
    'Gemiddeld inkomen per inwoner',
    'GemiddeldInkomenPerInwoner',
    'x 1 000 euro',
  ],
  [
    'Inkomen/Inkomen van huishoudens',
    '40% huishoudens met laagste inkomen',
    'k_40HuishoudensMetLaagsteInkomen',
    '%',
  ],
  [
    'Inkomen/Inkomen van huishoudens',
    'Huishoudens tot 110% van sociaal minimum',
    'HuishoudensTot110VanSociaalMinimum',
    '%',
  ],
  [
    'Inkomen/Inkomen van huishoudens',
    'Huishoudens tot 120% van sociaal minimum',
    'HuishoudensTot120VanSociaalMinimum',
    '%',
  ],
  [
    'Sociale zekerheid/Personen per soort uitkering',
    'Bijstand',
    'PersonenPerSoortUitkeringBijstand',
    'aantal',
  ],
  ['Sociale zekerheid/Personen per soort uitkering', 'AO', 'PersonenPerSoortUitkeringAO', 'aantal'],
  ['Sociale zekerheid/Personen per soort uitkering', 'WW', 'PersonenPerSoortUitkeringWW', 'aantal'],
  ['Sociale zekerheid/Personen per soort uitkering', 'AOW', 'PersonenPerSoortUitkeringAOW', 'aantal'],
  ['Zorg', 'Wmo-cliënten', 'WmoClienten', 'aantal'],
  ['Zorg', 'Wmo-cliënten relatief', 'WmoClientenRelatief', 'per 1 000 inwoners'],
  ['Zorg', 'Percentage jongeren met jeugdzorg', 'PercentageJongerenMetJeugdzorg', '%'],
];
const INCOME_OLD: Topic[] = [
  [
    'Inkomen/Inkomen van huishoudens',
    'Huishoudens met een laag inkomen',
    'HuishoudensMetEenLaagInkomen',
    '%',
  ],
  [
    'Inkomen/Inkomen van huishoudens',
    'Huish. onder of rond sociaal minimum',
    'HuishOnderOfRondSociaalMinimum',
    '%',
  ],
];
const POVERTY_2024: Topic[] = [
  ['Inkomen/Armoede', 'Personen in armoede', 'PersonenInArmoede', '%'],
  ['Inkomen/Armoede', 'Personen tot 25% boven armoedegrens', 'PersonenTot25BovenArmoedegrens', '%'],
];
const CRIME: Topic[] = [
  [
    'Criminaliteit',
    'Totaal diefstal uit woning, schuur ed.',
    'TotaalDiefstalUitWoningSchuurED',
    'per 1 000 inwoners',
  ],
  [
    'Criminaliteit',
    'Vernieling,misdrijf tegen openbare orde',
    'VernielingMisdrijfTegenOpenbareOrde',
    'per 1 000 inwoners',
  ],
  ['Criminaliteit', 'Gewelds- en seksuele misdrijven', 'GeweldsEnSeksueleMisdrijven', 'per 1 000 inwoners'],
];
const FILLER_TITLES = [
  'Energie/Gemiddeld elektriciteitsverbruik totaal',
  'Energie/Gemiddeld aardgasverbruik totaal',
  "Motorvoertuigen/Personenauto's totaal",
  'Nabijheid voorzieningen/Afstand tot huisartsenpraktijk',
  'Nabijheid voorzieningen/Afstand tot grote supermarkt',
  'Bevolking/Geslacht/Mannen',
  'Bevolking/Geslacht/Vrouwen',
  'Bevolking/Burgerlijke staat/Ongehuwd',
  'Bevolking/Burgerlijke staat/Gehuwd',
  'Wonen/Percentage eengezinswoning',
  'Bedrijfsvestigingen/Bedrijfsvestigingen totaal',
  'Oppervlakte/Oppervlakte totaal',
  'Oppervlakte/Oppervlakte land',
  'Stedelijkheid/Mate van stedelijkheid',
];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function topicsFor(year: number): Topic[] {
  const mapped = [...MAPPED, ...(year >= 2024 ? POVERTY_2024 : INCOME_OLD), ...(year <= 2018 ? CRIME : [])];
  const filler: Topic[] = [];
  for (let i = 0; mapped.length + filler.length < 95; i++) {
    const [group, title] = FILLER_TITLES[i % FILLER_TITLES.length]!.split(/\/(?=[^/]*$)/) as [string, string];
    filler.push([
      group,
      `${title} ${Math.floor(i / FILLER_TITLES.length) || ''}`.trim(),
      `Filler${i}`,
      'aantal',
    ]);
  }
  return [...mapped, ...filler];
}

/** Area codes: gemeenten, ~10 wijken each, buurten spread over the wijken. */
function areas(): { code: string; level: string; gm: string }[] {
  const out: { code: string; level: string; gm: string }[] = [];
  const perGemeente = Math.ceil(BUURTEN / GEMEENTEN);
  let buurten = 0;
  for (let g = 0; g < GEMEENTEN; g++) {
    const gm = String(g + 1).padStart(4, '0');
    out.push({ code: `GM${gm}`, level: 'Gemeente', gm });
    for (let w = 0; w < 10; w++) {
      out.push({ code: `WK${gm}${String(w).padStart(2, '0')}`, level: 'Wijk', gm });
      for (let b = 0; b < Math.ceil(perGemeente / 10) && buurten < BUURTEN; b++, buurten++) {
        out.push({
          code: `BU${gm}${String(w).padStart(2, '0')}${String(b).padStart(2, '0')}`,
          level: 'Buurt',
          gm,
        });
      }
    }
  }
  return out;
}

function writeEdition(dir: string, year: number, rand: () => number): string {
  const table = KWB_TABLES[year]!;
  const topics = topicsFor(year);
  const offset = year - 2010; // the key suffixes shift every edition
  const groupIds = new Map<string, number>();
  const props: Record<string, unknown>[] = [
    { ID: 0, ParentID: null, Type: 'GeoDimension', Key: 'WijkenEnBuurten', Title: 'Wijken en buurten' },
  ];
  const groupOf = (path: string): number | null => {
    let parent: number | null = null;
    for (const part of path.split('/')) {
      const id: number = groupIds.get(`${parent}/${part}`) ?? props.length;
      if (!groupIds.has(`${parent}/${part}`)) {
        groupIds.set(`${parent}/${part}`, id);
        props.push({ ID: id, ParentID: parent, Type: 'TopicGroup', Key: '', Title: part });
      }
      parent = id;
    }
    return parent;
  };
  const meta = [
    ['Gemeentenaam', 'Gemeentenaam'],
    ['SoortRegio', 'Soort regio'],
    ['Codering', 'Codering'],
    ['IndelingswijzigingWijkenEnBuurten', 'Indelingswijziging wijken en buurten'],
  ] as const;
  const metaKeys = meta.map(([stem, title], i) => {
    props.push({
      ID: props.length,
      ParentID: groupOf('Regioaanduiding'),
      Type: 'Topic',
      Key: `${stem}_${i + 1}`,
      Title: title,
      Unit: 'Code',
    });
    return `${stem}_${i + 1}`;
  });
  const keys = topics.map(([group, title, stem, unit], i) => {
    const key = `${stem}_${i + 5 + offset}`;
    props.push({
      ID: props.length,
      ParentID: groupOf(group),
      Type: 'Topic',
      Key: key,
      Title: title,
      Unit: unit,
    });
    return key;
  });
  const rows = areas().map((a, id) => {
    const row: Record<string, unknown> = {
      ID: id,
      WijkenEnBuurten: a.code.padEnd(10),
      [metaKeys[0]!]: `Gemeente ${a.gm}`.padEnd(40),
      [metaKeys[1]!]: a.level.padEnd(10),
      [metaKeys[2]!]: a.code.padEnd(10),
      [metaKeys[3]!]: '1',
    };
    for (const k of keys) {
      const value = rand() < 0.06 ? null : Math.round(rand() * 1000) / 10;
      // within each indicator's plausible range (src/pipeline/plausible-values.ts): 0–100, households 0–10 persons
      row[k] = value !== null && k.startsWith('GemiddeldeHuishoudensgrootte') ? value / 10 : value;
    }
    return row;
  });
  const path = join(dir, `kwb-${year}-${table}.json`);
  writeFileSync(path, JSON.stringify({ table, DataProperties: props, TypedDataSet: rows }));
  return path;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vk-kwb-bench-'));
  const rand = mulberry32(20240601);
  let t = performance.now();
  const files = YEARS.map((y) => writeEdition(dir, y, rand));
  const mb = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
  console.log(
    `generated ${files.length} editions (${areas().length} areas × 100 columns each, ${mb.toFixed(0)} MB JSON) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const store = openSqliteStore({ path: join(dir, 'bench.db') });
  t = performance.now();
  let values = 0;
  const start = t;
  const cpuStart = process.cpuUsage();
  await importPaths(store, files, {}, (r) => {
    const n = Object.values(r.valuesPerIndicator).reduce((s, v) => s + v.values + v.missing, 0);
    values += n;
    const now = performance.now();
    console.log(
      `  ${r.edition.padEnd(26)} ${String(n).padStart(8)} values  ${((now - t) / 1000).toFixed(2)} s`,
    );
    t = now;
  });
  const total = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `imported ${values.toLocaleString('en')} values from ${files.length} editions in ${total.toFixed(1)} s (target ≤ 15 s)`,
  );
  // On a shared machine wall time includes waiting for the CPU; user + system CPU time does not.
  console.log(
    `CPU time of the import: user ${(cpu.user / 1e6).toFixed(1)} s + system ${(cpu.system / 1e6).toFixed(1)} s`,
  );
  await store.close();
  if (process.env['KWB_BENCH_KEEP']) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

await main();
