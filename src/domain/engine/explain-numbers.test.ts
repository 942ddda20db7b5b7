import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movement } from './explain-buurt.js';
import { direction, fixed, pairDigits, parsePrinted, thresholdDigits } from './explain-numbers.js';

describe('fixed(v, digits, locale)', () => {
  it('prints the locale’s format with a real minus sign and never “−0”', () => {
    expect(fixed(-0.1712, 4, 'nl')).toBe('−0,1712');
    expect(fixed(1234.5, 1, 'nl')).toBe('1.234,5');
    expect(fixed(1234.5, 1, 'en')).toBe('1,234.5');
    expect(fixed(-0.0004, 2, 'nl')).toBe('0,00');
    expect(fixed(-0, 0, 'en')).toBe('0');
  });
});

describe('pairDigits(a, b) and movement(a, b, unit, locale)', () => {
  it('prints two different values with enough decimals to differ', () => {
    expect(pairDigits(-0.1712, -0.1745)).toBe(3);
    expect(movement(-0.1712, -0.1745, 'score', 'nl')).toBe('daalde van −0,171 naar −0,175');
    expect(movement(34.9, 26, 'percent', 'nl')).toBe('daalde van 34,9 % naar 26,0 %');
    expect(movement(7.1, 7.8, 'percent', 'en')).toBe('rose from 7.1% to 7.8%');
  });

  it('calls equal values equal, never a change', () => {
    expect(movement(15.2, 15.2, 'percent', 'nl')).toBe('bleef gelijk op 15,2 %');
    expect(movement(-0.17, -0.17, 'score', 'en')).toBe('stayed at −0.17');
  });

  it('the direction word always agrees with the printed numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (a, b) => {
          const text = movement(a, b, 'score', 'nl');
          const m = /^(steeg|daalde) van (\S+) naar (\S+)$/.exec(text);
          if (!m) {
            expect(direction(a, b)).toBe('same');
            return;
          }
          const [pa, pb] = [parsePrinted(m[2]!, 'nl'), parsePrinted(m[3]!, 'nl')];
          expect(pa).not.toBe(pb);
          expect(m[1] === 'steeg').toBe(pb > pa);
        },
      ),
    );
  });
});

describe('thresholdDigits(v, τ)', () => {
  it('prints a change next to its threshold so that the comparison reads as it was made', () => {
    expect(fixed(0.2500001, thresholdDigits(0.2500001, 0.25), 'en')).toBe('0.2500001');
    // printed as 0.25: “0.25, threshold 0.25: no increase” reads the same as it was decided (not above)
    expect(fixed(0.24999, thresholdDigits(0.24999, 0.25), 'en')).toBe('0.25');
    expect(fixed(0.31, thresholdDigits(0.31, 0.25), 'en')).toBe('0.31');
    expect(fixed(0.0004, thresholdDigits(0.0004, 0.25), 'en')).toBe('0.0004');
  });
});
