/**
 * Reads a Dutch buurt explanation (src/domain/engine/explain-buurt.ts) back: the class labels, the
 * direction words and the numbers they quote, the printed changes against the printed thresholds
 * and the verdicts, and checks each against the buurt's classes and against each other.
 * `contradictions` returns what disagrees (empty when the text agrees). Used on every classified
 * buurt of the national store (national-real.test.ts) and tested on synthetic data and on
 * deliberately wrong texts (explanation-check.test.ts).
 */
import { parsePrinted } from '../../src/domain/engine/explain-numbers.js';
import { MISSING_LABELS } from '../../src/domain/engine/missing-kinds.js';
import { VEERKRACHT_CLASSES } from '../../src/domain/engine/veerkracht-classes.js';

/** The classes that are a classification (not a kind of missing). */
export const DATA_CLASSES: ReadonlySet<string> = new Set([
  'veerkracht-onder-druk',
  'veerkrachtig',
  'meer-overlast',
  'stabiel-of-verbeterd',
]);

const NUMBER = '(−?[\\d.]+(?:,\\d+)?)';
const num = (s: string) => parsePrinted(s, 'nl');

/**
 * Checks one Dutch explanation against the buurt's classes and its own numbers; returns the list
 * of contradictions (empty when it agrees).
 */
export function contradictions(text: string, abs: string, rel: string): string[] {
  const out: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  const absLabel = VEERKRACHT_CLASSES[abs as keyof typeof VEERKRACHT_CLASSES].labelNl;
  const relLabel = VEERKRACHT_CLASSES[rel as keyof typeof VEERKRACHT_CLASSES].labelNl;
  // an unclassified relative reading of a buurt without another to compare with says so, with why
  const alone = `“${MISSING_LABELS['no-comparison'].nl}” (relatief)`;
  const relLabels =
    rel === 'onvoldoende-gegevens' ? [`“${relLabel}” (relatief)`, alone] : [`“${relLabel}” (relatief)`];
  want(
    relLabels.some((l) => text.includes(`klasse “${absLabel}” (absoluut) en ${l}`)),
    'class labels',
  );
  if (text.includes(alone))
    want(text.includes('geen andere buurt met veranderingen'), 'no comparison without its reason');

  // concentration: direction word, printed change, printed threshold, verdict
  const k = new RegExp(
    `Concentratie kwetsbare bewoners (steeg met ${NUMBER}|daalde met ${NUMBER}|bleef gelijk) \\(.*?drempel voor een toename: ${NUMBER}\\): (een toename|geen toename)\\.`,
  ).exec(text);
  if (!k) return [...out, 'concentration sentence'];
  const kUp = k[1]!.startsWith('steeg');
  const kMag = k[2] ? num(k[2]) : k[3] ? num(k[3]) : 0;
  const kTau = num(k[4]!);
  want((k[5] === 'een toename') === (kUp && kMag > kTau), 'concentration verdict vs printed numbers');
  want(
    (k[5] === 'een toename') === (abs === 'veerkracht-onder-druk' || abs === 'veerkrachtig'),
    'concentration verdict vs class',
  );
  want(!k[1]!.startsWith('steeg') || kMag > 0, 'a rise printed as 0');
  want(!k[1]!.startsWith('daalde') || kMag > 0, 'a fall printed as 0');

  // components: each quoted pair agrees with its word; all fell → the concentration did not rise
  const comps = /Componenten \(hoger = meer kwetsbare bewoners\): (.*?)\.(?: [A-Z]|$)/.exec(text);
  const words: string[] = [];
  for (const part of comps ? comps[1]!.split('; ') : []) {
    const m = new RegExp(
      `(steeg van ${NUMBER}(?: %)? naar ${NUMBER}|daalde van ${NUMBER}(?: %)? naar ${NUMBER}|bleef gelijk op ${NUMBER})`,
    ).exec(part);
    if (!m) {
      out.push(`component phrase: ${part}`);
      continue;
    }
    if (m[1]!.startsWith('steeg')) {
      words.push('up');
      want(num(m[3]!) > num(m[2]!), `component "steeg" with ${m[2]} → ${m[3]}`);
    } else if (m[1]!.startsWith('daalde')) {
      words.push('down');
      want(num(m[5]!) < num(m[4]!), `component "daalde" with ${m[4]} → ${m[5]}`);
    } else words.push('same');
  }
  if (words.length && words.every((w) => w !== 'up'))
    want(!kUp, 'no component rose, yet the concentration rose');
  if (words.length && words.every((w) => w !== 'down'))
    want(!k[1]!.startsWith('daalde'), 'no component fell, yet it fell');

  // nuisance: the quoted pair and the scale direction agree with the word and the verdict
  const o = new RegExp(
    `\\((hogere Leefbaarometer-score = beter|hoger = meer misdrijven|hoger percentage = meer hinder)\\), ging van ${NUMBER} \\((\\d{4})\\) naar ${NUMBER} \\((\\d{4})\\): (slechter|beter|gelijk)\\.`,
  ).exec(text);
  if (!o) return [...out, 'nuisance sentence'];
  const higherBetter = o[1]!.startsWith('hogere Leefbaarometer');
  const a = num(o[2]!);
  const b = num(o[4]!);
  const worse = higherBetter ? b < a : b > a;
  const better = higherBetter ? b > a : b < a;
  want(
    o[6] === (worse ? 'slechter' : better ? 'beter' : 'gelijk'),
    `nuisance word ${o[6]} for ${o[2]} → ${o[4]}`,
  );
  want(Number(o[3]) < Number(o[5]), 'nuisance years in order');
  const d = new RegExp(
    `is dat (een verslechtering van ${NUMBER}|een verbetering van ${NUMBER}|geen verandering) \\(drempel voor meer overlast: ${NUMBER}\\): (meer overlast|geen toename van overlast)\\.`,
  ).exec(text);
  if (!d) return [...out, 'nuisance change sentence'];
  const oMag = d[2] ? num(d[2]) : d[3] ? num(d[3]) : 0;
  const oTau = num(d[4]!);
  want(d[1]!.startsWith('een verslechtering') === worse, 'deterioration vs the quoted values');
  want(d[1]!.startsWith('een verbetering') === better, 'improvement vs the quoted values');
  want(
    (d[5] === 'meer overlast') === (d[1]!.startsWith('een verslechtering') && oMag > oTau),
    'nuisance verdict vs printed numbers',
  );
  want(
    (d[5] === 'meer overlast') === (abs === 'veerkracht-onder-druk' || abs === 'meer-overlast'),
    'nuisance verdict vs class',
  );

  // relative: above/below the rest of the gemeente agrees with the relative class
  const r = new RegExp(
    `de verandering van de concentratie ligt (${NUMBER} boven|${NUMBER} onder|gelijk aan) het gemiddelde daar, die van de overlast (${NUMBER} boven \\(slechter\\)|${NUMBER} onder \\(beter\\)|gelijk aan) het gemiddelde daar \\(drempels ${NUMBER} en ${NUMBER}\\)`,
  ).exec(text);
  if (r) {
    const rk = r[1]!.includes('boven') ? num(r[2]!) : r[1]!.includes('onder') ? -num(r[3]!) : 0;
    const ro = r[4]!.includes('boven') ? num(r[5]!) : r[4]!.includes('onder') ? -num(r[6]!) : 0;
    const kUpRel = rk > num(r[7]!);
    const oUpRel = ro > num(r[8]!);
    const expected = kUpRel
      ? oUpRel
        ? 'veerkracht-onder-druk'
        : 'veerkrachtig'
      : oUpRel
        ? 'meer-overlast'
        : 'stabiel-of-verbeterd';
    want(expected === rel, `relative class ${rel} vs printed deviations ${r[1]} / ${r[4]}`);
  } else want(!DATA_CLASSES.has(rel), 'a relative class without its sentence');
  return out;
}
