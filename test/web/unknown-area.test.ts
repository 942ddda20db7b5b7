import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../web/src/i18n/messages.js';
import { unknownAreaText } from '../../web/src/map/unknown-area.js';
import { appData } from './app-data-fixture.js';

const data = appData([
  ['GM0756', 'Boxmeer'],
  ['GM1684', 'Cuijk'],
  ['GM1702', 'Sint Anthonis'],
  ['GM0014', 'Groningen'],
]);
const nl = messagesFor('nl');

describe('unknownAreaText: an area code that opens no maps, in words', () => {
  it('says where a gemeente formed later lay on the division shown, naming the loaded gemeenten', () => {
    expect(unknownAreaText(data, 'GM1982', nl)).toBe(
      'Land van Cuijk (GM1982) bestaat sinds 2022; de kaarten gebruiken de buurtindeling van 2019. Het gebied lag toen (geheel of deels) in Boxmeer (GM0756), Cuijk (GM1684) en Sint Anthonis (GM1702): kies die op de startpagina.',
    );
  });

  it('says which gemeente a gemeente that ended before the division year went into', () => {
    expect(unknownAreaText(data, 'GM0017', nl)).toBe(
      'Haren (GM0017) bestond tot en met 2018; de kaarten gebruiken de buurtindeling van 2019, waarin het gebied (geheel of deels) hoort bij Groningen (GM0014): kies die op de startpagina.',
    );
    expect(unknownAreaText(data, 'GM0017', messagesFor('en'))).toBe(
      'Haren (GM0017) existed until 2018; the maps use the buurt division of 2019, in which its area is (wholly or partly) part of Groningen (GM0014): choose that on the start page.',
    );
  });

  it('is the plain text for a code of no gemeente, one of the division, or one whose gemeenten are not loaded', () => {
    for (const code of ['GM9999', 'GM0398', 'GM1980'])
      expect(unknownAreaText(data, code, nl)).toBe(nl.unknownArea(code));
  });
});
