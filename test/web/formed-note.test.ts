import { describe, expect, it } from 'vitest';
import { formedNote } from '../../web/src/app-context.js';
import { messagesFor } from '../../web/src/i18n/messages.js';
import { appData } from './app-data-fixture.js';

const data = appData([
  ['GM0363', 'Amsterdam'],
  ['GM0457', 'Weesp'],
  ['GM0398', 'Heerhugowaard'],
  ['GM0416', 'Langedijk'],
  ['GM0757', 'Boxtel'],
  ['GM0917', 'Heerlen'],
]);
const nl = messagesFor('nl');

describe('formedNote: what a herindeling after the division shown means for an area’s maps', () => {
  it('for a gemeente formed later from whole gemeenten: which gemeenten the maps show', () => {
    expect(formedNote(data, 'GM1980', nl)).toBe(
      'Dijk en Waard bestaat sinds 2022. De kaarten gebruiken de buurtindeling van 2019; daarop is Dijk en Waard het gebied van Heerhugowaard en Langedijk, de gemeenten waaruit het is gevormd.',
    );
  });

  it('for a gemeente of the division that later took in (part of) another: that it is not on the maps', () => {
    expect(formedNote(data, 'GM0363', nl)).toBe(
      'Weesp (GM0457) hoort vanaf de indeling van 2023 bij Amsterdam; op de buurtindeling van 2019, die de kaarten gebruiken, is het nog een eigen gemeente en staat het niet op deze kaarten.',
    );
    // Haaren was split over Boxtel, Oisterwijk, Tilburg and Vught (2021)
    expect(formedNote(data, 'GM0757', nl)).toBe(
      'Een deel van Haaren (GM0788) hoort vanaf de indeling van 2021 bij Boxtel; op de buurtindeling van 2019, die de kaarten gebruiken, is het nog een eigen gemeente en staat het niet op deze kaarten.',
    );
  });

  it('is null for a gemeente no herindeling touched after the division, and without a division', () => {
    expect(formedNote(data, 'GM0917', nl)).toBeNull();
    expect(
      formedNote({ ...data, gemeenten: { ...data.gemeenten, divisionYear: null } }, 'GM1980', nl),
    ).toBeNull();
  });
});
