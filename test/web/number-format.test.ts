import { describe, expect, it } from 'vitest';
import { formatLegendNumber } from '../../src/domain/maps/legend-labels.js';
import { toCsv } from '../../web/src/export/csv-export.js';
import { formatCount, formatNumber, withUnit } from '../../web/src/i18n/format.js';

const MINUS = '\u2212';

describe('formatNumber(value, lang, options)', () => {
  it('writes a negative number with the minus sign "−" (U+2212), never the hyphen-minus', () => {
    expect(formatNumber(-0.11, 'nl')).toBe(`${MINUS}0,11`);
    expect(formatNumber(-0.05, 'nl')).toBe(`${MINUS}0,05`);
    expect(formatNumber(-0.1, 'en')).toBe(`${MINUS}0.1`);
    expect(formatNumber(-1234.5, 'nl')).toBe(`${MINUS}1.235`);
    expect(formatNumber(-0.1234, 'nl', { signed: true })).toBe(`${MINUS}0,12`);
    expect(formatNumber(-0.256, 'nl', { digits: 1 })).toBe(`${MINUS}0,3`);
  });

  it('writes a negative number as the legends of src/domain write it', () => {
    for (const v of [-0.11, -0.05, -3.456, -12.04, -250]) {
      expect(formatNumber(v, 'nl')).toBe(formatLegendNumber(v, 'nl'));
      expect(formatNumber(v, 'en')).toBe(formatLegendNumber(v, 'en'));
    }
  });

  it('never writes "−0" for a value that rounds to zero', () => {
    expect(formatNumber(-0.001, 'nl')).toBe('0');
    expect(formatNumber(-0, 'en')).toBe('0');
    expect(formatNumber(-0.001, 'nl', { signed: true })).toBe('0');
  });

  it('keeps the plus of a signed positive change and the plain text of positives', () => {
    expect(formatNumber(0.21, 'nl', { signed: true })).toBe('+0,21');
    expect(formatNumber(0.22, 'nl')).toBe('0,22');
    expect(formatNumber(1234.5, 'en')).toBe('1,235');
  });

  it('returns the fallback, not 0, for a missing value', () => {
    expect(formatNumber(null, 'nl')).toBe('–');
    expect(formatNumber(undefined, 'nl', { fallback: 'geen gegevens' })).toBe('geen gegevens');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
  });
});

describe('formatCount(value, lang)', () => {
  it('writes a whole number with thousands separators and "−" for a decrease', () => {
    expect(formatCount(361525, 'nl')).toBe('361.525');
    expect(formatCount(-1234, 'nl')).toBe(`${MINUS}1.234`);
    expect(formatCount(-1234, 'en')).toBe(`${MINUS}1,234`);
    expect(formatCount(-0.4, 'nl')).toBe('0');
  });
});

describe('withUnit(text, unit, lang)', () => {
  it('keeps the minus sign before the unit', () => {
    expect(withUnit(formatNumber(-2.5, 'nl'), 'percent', 'nl')).toBe(`${MINUS}2,5 %`);
  });
});

describe('toCsv(rows) of the table download', () => {
  it('keeps machine-readable numbers: hyphen-minus and dot decimals, not the displayed "−"', () => {
    expect(toCsv([['BU0001', -0.11, -1234]])).toBe('BU0001,-0.11,-1234\r\n');
  });
});
