import { describe, expect, it } from 'vitest';
import { frameStatlineText, headerLineOf, isUnitsRow } from './csv-frame.js';

describe('frameStatlineText(text)', () => {
  it('blanks title lines above the header and footer lines at the end, keeping line numbers', () => {
    const text = '"Kerncijfers 2018";;;\r\n"a";"b";"c"\r\n"1";"2";"3"\r\n"Bron: CBS"\r\n';
    const framed = frameStatlineText(text);
    expect(framed).toEqual({ text: '\r\n"a";"b";"c"\r\n"1";"2";"3"\r\n\r\n', titleLines: 1, footerLines: 1 });
    expect(framed.text.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('leaves a plain CSV as it is, and a last row cut short is not mistaken for a footer', () => {
    const plain = 'code,a_inw\nBU09171000,12\n';
    expect(frameStatlineText(plain)).toEqual({ text: plain, titleLines: 0, footerLines: 0 });
    const cut = 'Wijken en buurten,Codering,a\nMaria Gewanden\n';
    expect(frameStatlineText(cut).footerLines).toBe(0);
  });

  it('finds the header line after title and empty lines', () => {
    expect(headerLineOf('"Titel"\n\n"x";"y"\n"1";"2"')).toBe('"x";"y"');
    expect(headerLineOf('x,y\n1,2')).toBe('x,y');
  });
});

describe('isUnitsRow(cells)', () => {
  it('is a row of StatLine units (empty cells allowed), not a data row', () => {
    expect(isUnitsRow(['', '', 'aantal', '%', 'x 1 000 euro', 'per 1 000 inwoners', 'km²'])).toBe(true);
    expect(isUnitsRow(['', '(aantal)', '(%)'])).toBe(true);
    expect(isUnitsRow(['', '', ''])).toBe(false);
    expect(isUnitsRow(['Terschuren', 'BU09171001', '.', '.'])).toBe(false);
    expect(isUnitsRow(['', '', '12', '%'])).toBe(false);
  });
});
