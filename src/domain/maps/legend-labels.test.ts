import { describe, expect, it } from 'vitest';
import { formatLegendNumber } from './legend-labels.js';

describe('formatLegendNumber(v, locale)', () => {
  it('uses a decimal comma in Dutch and a true minus sign', () => {
    expect(formatLegendNumber(-12.04, 'nl')).toBe('−12');
    expect(formatLegendNumber(0.125, 'nl')).toBe('0,13');
    expect(formatLegendNumber(0.125, 'en')).toBe('0.13');
    expect(formatLegendNumber(1234, 'nl')).toBe('1.234');
  });
  it('never prints a negative zero', () => {
    for (const v of [-0, -0.001, -0.004]) expect(formatLegendNumber(v, 'nl')).toBe('0');
    expect(formatLegendNumber(-0.006, 'nl')).toBe('−0,01');
  });
});
