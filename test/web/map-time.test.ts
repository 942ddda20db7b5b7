import { describe, expect, it } from 'vitest';
import type { MapFeature, MapResponse } from '../../src/api/schemas.js';
import { messagesFor } from '../../web/src/i18n/messages.js';
import {
  changedBuurten,
  classChanges,
  differenceResponse,
  transitionText,
} from '../../web/src/map/class-changes.js';

const LABELS: Record<string, [string, string]> = {
  'veerkracht-onder-druk': ['Veerkracht onder druk', 'Resilience under pressure'],
  veerkrachtig: ['Veerkrachtig', 'Resilient'],
  'meer-overlast': ['Meer overlast zonder meer kwetsbaren', 'More nuisance'],
  'stabiel-of-verbeterd': ['Stabiel of verbeterd', 'Stable or improved'],
  'onvoldoende-gegevens': ['Onvoldoende gegevens', 'Insufficient data'],
};

function map(period: string, classes: Record<string, string>): MapResponse {
  const features: MapFeature[] = Object.entries(classes).map(([code, classId]) => ({
    type: 'Feature',
    id: code,
    geometry: null,
    properties: {
      code,
      name: `Buurt ${code}`,
      gemeente: 'GM0202',
      value: null,
      classIndex: 0,
      classId,
      label: LABELS[classId]![0],
      flags: [],
      inhabitants: 1000,
    },
  }));
  return {
    type: 'FeatureCollection',
    features,
    legend: Object.entries(LABELS).map(([classId, [label, labelEn]]) => ({
      classId,
      label,
      labelEn,
      color: '#000000',
      count: 0,
    })),
    meta: {
      map: 'veerkracht-absoluut',
      kind: 'classification',
      titleNl: 'Veerkracht signaleringskaart (absoluut)',
      titleEn: 'Resilience signal map (absolute)',
      area: 'GM0202',
      areaName: 'Arnhem',
      period,
      year: null,
      divisionYear: 2019,
      sources: [],
      harmonisation: '',
      measureUsed: null,
      caveatsNl: '',
      caveatsEn: '',
      howToReadNl: '',
      howToReadEn: '',
      demo: false,
    },
  };
}

describe('class changes between the previous and the current period', () => {
  const then = map('2012-2016', {
    A: 'stabiel-of-verbeterd',
    B: 'veerkracht-onder-druk',
    C: 'veerkrachtig',
    D: 'onvoldoende-gegevens',
  });
  const now = map('2016-2020', {
    A: 'veerkracht-onder-druk',
    B: 'veerkrachtig',
    C: 'veerkrachtig',
    D: 'meer-overlast',
    E: 'stabiel-of-verbeterd',
  });
  const changes = classChanges(now, then);

  it('says per buurt the class then and now and whether it is more or less concern', () => {
    expect(changes.map((c) => [c.code, c.direction])).toEqual([
      ['A', 'worse'],
      ['B', 'better'],
      ['C', 'same'],
      ['D', 'unknown'],
      ['E', 'unknown'],
    ]);
    expect(transitionText(changes[0]!, 'nl')).toBe('Stabiel of verbeterd → Veerkracht onder druk');
    expect(transitionText(changes[1]!, 'en')).toBe('Resilience under pressure → Resilient');
  });

  it('lists the buurten whose class changed, the largest worsening first', () => {
    expect(changedBuurten(changes).map((c) => c.code)).toEqual(['A', 'B']);
  });

  it('the difference view colours by direction, labels the transition and counts per legend entry', () => {
    const diff = differenceResponse(now, then, changes, { nl: messagesFor('nl'), en: messagesFor('en') });
    expect(diff.features.map((f) => f.properties.classId)).toEqual([
      'worse',
      'better',
      'same',
      'missing',
      'missing',
    ]);
    expect(diff.features[0]!.properties.label).toBe('Stabiel of verbeterd → Veerkracht onder druk');
    expect(Object.fromEntries(diff.legend.map((l) => [l.classId, l.count]))).toEqual({
      worse: 1,
      better: 1,
      same: 1,
      missing: 2,
    });
    expect(diff.meta.titleNl).toBe('Verschil 2012–2016 → 2016–2020: Veerkracht signaleringskaart (absoluut)');
    expect(new Set(diff.legend.map((l) => l.color)).size).toBe(4);
  });
});
