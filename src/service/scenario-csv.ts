/**
 * A scenario comparison as CSV: one row per scenario × area (buurt, gemeente, total) × year, with
 * the buurt's projected class (buurten every year when the run kept them, else start and end);
 * shares in percent. Demo data is labelled in every row.
 */
import type { ApiTotalRow, ApiYearRow, RunScenariosResponse } from '../api/scenarios.js';

const DEMO_LABEL = 'demo — fictieve gegevens';

const HEADER = [
  'scenario',
  'niveau',
  'code',
  'naam',
  'gemeente',
  'jaar',
  'woningen',
  'corporatiewoningen',
  'aandeel_corporatie_pct',
  'concentratie_pct',
  'concentratie_corporatie_pct',
  'verhuringen',
  'verhuringen_doelgroep',
  'geprojecteerde_klasse',
  'bron',
];

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const pct = (x: number | null) => (x === null ? null : x * 100);

function yearCells(y: ApiYearRow | ApiTotalRow): (string | number | null)[] {
  return [
    y.year,
    y.dwellings,
    y.corp,
    pct(y.corpShare),
    pct(y.concentration),
    pct(y.corpConcentration),
    y.lettings,
    y.targetLettings,
  ];
}

export function scenarioCsv(res: RunScenariosResponse): string {
  const source = `CBS KWB, buurtindeling ${res.divisionYear}; model: docs/method.md Scenario planner${res.demo ? `; ${DEMO_LABEL}` : ''}`;
  const lines = [HEADER.join(',')];
  const push = (cells: (string | number | null)[]) => lines.push(cells.map(cell).join(','));
  for (const s of res.scenarios) {
    for (const t of s.total)
      push([s.spec.name, 'gebied', res.area.id, res.area.name, '', ...yearCells(t), '', source]);
    for (const g of s.gemeenten)
      for (const t of g.years)
        push([s.spec.name, 'gemeente', g.gemeente, g.name, g.gemeente, ...yearCells(t), '', source]);
    for (const b of s.buurten) {
      const rows = b.years ?? [b.start, { ...b.end, year: b.series.length - 1 }];
      for (const y of rows)
        push([s.spec.name, 'buurt', b.code, b.name, b.gemeente, ...yearCells(y), b.projectedClass, source]);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
