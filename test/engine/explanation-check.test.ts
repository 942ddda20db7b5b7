import { beforeAll, describe, expect, it } from 'vitest';
import { explainBuurt } from '../../src/domain/engine/explain-buurt.js';
import { VEERKRACHT_CLASS_IDS } from '../../src/domain/engine/veerkracht-classes.js';
import { createEngine, type VeerkrachtEngine } from '../../src/domain/engine/veerkracht-engine.js';
import { syntheticCountry } from '../synthetic/synthetic-country.js';
import { contradictions, DATA_CLASSES } from './explanation-check.js';

const P = { t0: 2016, t1: 2020 };

describe('contradictions(explanation, absolute class, relative class)', () => {
  let engine: VeerkrachtEngine;
  let texts: { text: string; abs: string; rel: string }[];

  beforeAll(() => {
    const { buurten, values } = syntheticCountry({ gemeenten: 6, buurtenPerGemeente: 40, seed: 7 });
    engine = createEngine(buurten, values);
    const r = engine.period(P);
    texts = [];
    for (let row = 0; row < engine.table.size; row++) {
      const abs = VEERKRACHT_CLASS_IDS[r.classification.absolute.classes[row]!]!;
      const rel = VEERKRACHT_CLASS_IDS[r.classification.relative.classes[row]!]!;
      if (DATA_CLASSES.has(abs))
        texts.push({ text: explainBuurt(engine, row, P, 'Testgemeente').nl, abs, rel });
    }
  });

  it('finds none in the generated explanations of a synthetic country, in every class', () => {
    expect(texts.length).toBeGreaterThan(150);
    expect(new Set(texts.map((t) => t.abs)).size).toBeGreaterThanOrEqual(3);
    for (const t of texts) expect(contradictions(t.text, t.abs, t.rel), t.text).toEqual([]);
  });

  it('takes "Geen buurt om mee te vergelijken" for an unclassified relative reading only with its reason', () => {
    const head =
      'B valt over 2016–2020 in de klasse “Veerkrachtig” (absoluut) en “Geen buurt om mee te vergelijken” (relatief).';
    const why =
      ' Relatief wordt een buurt vergeleken met de rest van G; daar is geen andere buurt met veranderingen van dezelfde maten om mee te vergelijken.';
    const labels = (text: string, rel: string) =>
      contradictions(text, 'veerkrachtig', rel).filter((c) => /class labels|no comparison/.test(c));
    expect(labels(head + why, 'onvoldoende-gegevens')).toEqual([]);
    expect(labels(head, 'onvoldoende-gegevens')).toEqual(['no comparison without its reason']);
    expect(labels(head + why, 'veerkrachtig')).toEqual(['class labels']);
  });

  it('finds a direction word that does not follow the quoted numbers', () => {
    const t = texts.find((x) => / daalde van /.test(x.text))!;
    expect(contradictions(t.text.replace(' daalde van ', ' steeg van '), t.abs, t.rel)).not.toEqual([]);
    const o = texts.find((x) => /: slechter\./.test(x.text))!;
    expect(contradictions(o.text.replace(': slechter.', ': beter.'), o.abs, o.rel)).not.toEqual([]);
  });

  it('finds a verdict that contradicts the class or the printed change and threshold', () => {
    const t = texts.find((x) => x.abs === 'stabiel-of-verbeterd')!;
    expect(contradictions(t.text, 'meer-overlast', t.rel)).not.toEqual([]);
    expect(
      contradictions(t.text.replace('geen toename van overlast', 'meer overlast'), t.abs, t.rel),
    ).not.toEqual([]);
  });

  it('finds equal rounded values called a change', () => {
    const t = texts.find((x) => /ging van \S+ \(\d{4}\) naar \S+ \(\d{4}\): slechter/.test(x.text))!;
    const same = t.text.replace(
      /ging van (\S+) \((\d{4})\) naar \S+ \((\d{4})\): slechter/,
      'ging van $1 ($2) naar $1 ($3): slechter',
    );
    expect(contradictions(same, t.abs, t.rel)).not.toEqual([]);
  });
});
