/** The words of the early-warning page and of "buurten zoals deze" in the profile, Dutch and English. */
import type { Lang } from '../i18n/messages.js';

const NL = {
  nav: 'Vroegsignalering',
  heading: 'Vroegsignalering',
  intro:
    'Buurten die aandacht vragen: de klasse verslechterde, een verandering nadert de drempel, de concentratie kwetsbare bewoners stijgt twee perioden op rij, of de overlast neemt toe terwijl de rest van de gemeente verbetert. Elke reden staat er met haar getallen bij; veranderingen zijn in landelijke standaarddeviaties (SD).',
  areaLabel: 'Gemeente, regio of werkgebied',
  chooseArea: 'Kies een gemeente, regio of werkgebied.',
  summary: (n: number, of: number, area: string, period: string, previous: string) =>
    `${n} van ${of} buurten in ${area} vragen aandacht in ${period} (vergeleken met ${previous}).`,
  none: 'Geen enkele buurt voldoet aan een van de regels.',
  coverage: (previous: string, classified: number, dK: number, dO: number, of: number) =>
    `Gegevens voor ${previous}: ${classified} van ${of} buurten hebben een klasse, ${dK} een verandering van de concentratie en ${dO} een verandering van de overlast. Regels die die periode nodig hebben, gelden alleen voor die buurten.`,
  score: 'score',
  classNow: 'klasse nu',
  classBefore: 'klasse toen',
  numbers: 'Getallen',
  openProfile: 'Profiel',
  rules: {
    'class-worsened': 'Klasse verslechterd',
    'near-threshold': 'Dicht bij de drempel',
    'concentration-rising': 'Concentratie stijgt twee perioden op rij',
    'nuisance-against-gemeente': 'Overlast stijgt, rest van de gemeente verbetert',
  } as Record<string, string>,
  threshold: 'drempel',
  margin: 'marge',
  rest: 'rest van de gemeente',
  similarHeading: 'Buurten zoals deze',
  similarIntro: (year: number, n: number) =>
    `De meest vergelijkbare buurten in heel Nederland (${year}), op ${n} gestandaardiseerde indicatoren: concentratie kwetsbare bewoners, corporatiebezit, Leefbaarometer, omvang en stedelijkheid.`,
  similarNone: (shared: number, min: number) =>
    `Deze buurt heeft ${shared} van de minstens ${min} indicatoren die een vergelijking nodig heeft.`,
  distance: 'afstand',
  deviantsHeading: 'Om van te leren',
  deviantsIntro: (start: number) =>
    `Buurten die in ${start} op deze buurt leken en waar de overlast sindsdien afnam of de klasse verbeterde.`,
  deviantsNone: 'Geen buurt die in het beginjaar op deze leek deed het sindsdien beter.',
};

type WarningMessages = typeof NL;

const EN: WarningMessages = {
  nav: 'Early warning',
  heading: 'Early warning',
  intro:
    'Buurten that need attention: the class worsened, a change is approaching its threshold, the concentration of vulnerable residents rose in two periods in a row, or nuisance is rising while the rest of the gemeente improves. Each reason comes with its numbers; changes are in national standard deviations (SD).',
  areaLabel: 'Gemeente, region or werkgebied',
  chooseArea: 'Choose a gemeente, region or werkgebied.',
  summary: (n, of, area, period, previous) =>
    `${n} of ${of} buurten in ${area} need attention in ${period} (compared with ${previous}).`,
  none: 'No buurt meets any of the rules.',
  coverage: (previous, classified, dK, dO, of) =>
    `Data for ${previous}: ${classified} of ${of} buurten have a class, ${dK} a change of concentration and ${dO} a change of nuisance. Rules that need that period apply to those buurten only.`,
  score: 'score',
  classNow: 'class now',
  classBefore: 'class then',
  numbers: 'Numbers',
  openProfile: 'Profile',
  rules: {
    'class-worsened': 'Class worsened',
    'near-threshold': 'Close to the threshold',
    'concentration-rising': 'Concentration rising two periods in a row',
    'nuisance-against-gemeente': 'Nuisance rising, rest of the gemeente improving',
  },
  threshold: 'threshold',
  margin: 'margin',
  rest: 'rest of the gemeente',
  similarHeading: 'Buurten like this one',
  similarIntro: (year, n) =>
    `The most similar buurten in the whole country (${year}), on ${n} standardised indicators: concentration of vulnerable residents, corporation share, Leefbaarometer, size and urbanity.`,
  similarNone: (shared, min) =>
    `This buurt has ${shared} of the at least ${min} indicators a comparison needs.`,
  distance: 'distance',
  deviantsHeading: 'To learn from',
  deviantsIntro: (start) =>
    `Buurten that were like this one in ${start} and where nuisance fell or the class improved since.`,
  deviantsNone: 'No buurt that was like this one in the start year did better since.',
};

export function warningMessages(lang: Lang): WarningMessages {
  return lang === 'en' ? EN : NL;
}
