import { describe, expect, it } from 'vitest';
import { parseCell } from './cell-value.js';

describe('parseCell(raw)', () => {
  it('reads plain numbers, decimal commas, thousands spaces and scientific notation', () => {
    expect(parseCell('12.5')).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('12,5')).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('4 560')).toEqual({ kind: 'number', value: 4560 });
    expect(parseCell('   76.1')).toEqual({ kind: 'number', value: 76.1 });
    expect(parseCell('4.1446017970596323e-4')).toEqual({ kind: 'number', value: 4.1446017970596323e-4 });
    expect(parseCell('1.234,5', { decimalComma: true })).toEqual({ kind: 'number', value: 1234.5 });
  });
  it('reads a decimal comma in scientific notation as spreadsheets on Dutch machines write it', () => {
    expect(parseCell('4,1446017970596E-004')).toEqual({ kind: 'number', value: 4.1446017970596e-4 });
    expect(parseCell('-6,36e-4')).toEqual({ kind: 'number', value: -6.36e-4 });
  });
  it('treats CBS suppression marks and empty cells as missing, never 0', () => {
    for (const raw of ['', '.', 'NA', 'x', '  ', null, undefined])
      expect(parseCell(raw)).toEqual({ kind: 'missing' });
  });
  it('reads plain decimals (the fast path) as before: signs, leading zeros, dots with decimalComma, overflow', () => {
    expect(parseCell('-0.5')).toEqual({ kind: 'number', value: -0.5 });
    expect(parseCell('007')).toEqual({ kind: 'number', value: 7 });
    expect(parseCell('\u00a0 12.5\t\r')).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('\uFEFF-3 ')).toEqual({ kind: 'number', value: -3 });
    expect(Object.is((parseCell(' -0') as { value: number }).value, -0)).toBe(true);
    expect(parseCell('12.500', { decimalComma: true })).toEqual({ kind: 'number', value: 12500 });
    const huge = '9'.repeat(400);
    expect(parseCell(huge)).toEqual({ kind: 'invalid', raw: huge });
  });
  it('reports text as invalid, keeping the raw text for the error message', () => {
    expect(parseCell('abc')).toEqual({ kind: 'invalid', raw: 'abc' });
    expect(parseCell('12a')).toEqual({ kind: 'invalid', raw: '12a' });
  });
});
