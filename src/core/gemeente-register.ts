/**
 * The CBS gemeenten of every division year (gemeentelijke indeling op 1 januari) 2014–2025:
 * codes, names (with the alternative names people use: "Den Haag" for 's-Gravenhage, the
 * Dutch names of Frisian gemeenten, names without the province qualifier) and the mergers
 * (herindelingen) between the years. With it a name-only export of a gemeente (a StatLine
 * table with the region names only) finds its gemeente code in a store that holds nothing but
 * boundaries. Buurt and wijk names are not here: they come from imported coded sources.
 *
 * Provenance (docs/data-sources.md, "The gemeente register"): codes and names only.
 *   - Codes per year and names were derived from the curated real data in ../shared/data: 2014
 *     (the gemeente codes of the 2014 buurt/wijk TopoJSONs, 403 gemeenten), 2016 (GMC/GMN of the
 *     2016 wijk boundaries, 390), 2019 (the derived 2019 gemeente boundaries, 355), 2020 (RIVM
 *     50090NED `Gemeentenaam_1`, 355), 2022 (CBS/PDOK `gemeente_gegeneraliseerd` statcode/statnaam,
 *     345) and 2024 (KWB 2024 `gm_code`/`gm_naam`, 342).
 *   - The years between (2015, 2017, 2018, 2021, 2023) and 2025 follow from CBS's published
 *     herindelingen (MERGERS below); test/pipeline/gemeente-register.test.ts checks that the
 *     mergers turn each data year's code set exactly into the next one's, and that every name
 *     of the data is a name of the register.
 *   - The names of the 18 gemeenten that ended in 2015/2016 (before any data year with names)
 *     are CBS's names; the 2014 buurt and wijk names of each confirm the place.
 * Format of a line: `gggg first-last name|alternative|…` (no last year: exists in 2025).
 */
import { normaliseAreaName } from './area-name.js';

export const REGISTER_FIRST_YEAR = 2014;
export const REGISTER_LAST_YEAR = 2025;

const GEMEENTEN = `
0003 2014-2020 Appingedam
0005 2014-2018 Bedum
0007 2014-2017 Bellingwedde
0009 2014-2018 Ten Boer
0010 2014-2020 Delfzijl
0014 2014- Groningen
0015 2014-2018 Grootegast
0017 2014-2018 Haren
0018 2014-2017 Hoogezand-Sappemeer
0022 2014-2018 Leek
0024 2014-2020 Loppersum
0025 2014-2018 Marum
0034 2014- Almere
0037 2014- Stadskanaal
0040 2014-2017 Slochteren
0047 2014- Veendam
0048 2014-2017 Vlagtwedde
0050 2014- Zeewolde
0053 2014-2018 Winsum
0056 2014-2018 Zuidhorn
0058 2014-2018 Dongeradeel
0059 2014- Achtkarspelen
0060 2014- Ameland
0063 2014-2017 het Bildt
0070 2014-2017 Franekeradeel
0072 2014- Harlingen
0074 2014- Heerenveen
0079 2014-2018 Kollumerland en Nieuwkruisland|Kollumerland c.a.|Kollumerland
0080 2014- Leeuwarden
0081 2014-2017 Leeuwarderadeel
0085 2014- Ooststellingwerf
0086 2014- Opsterland
0088 2014- Schiermonnikoog
0090 2014- Smallingerland
0093 2014- Terschelling
0096 2014- Vlieland
0098 2014- Weststellingwerf
0106 2014- Assen
0109 2014- Coevorden
0114 2014- Emmen
0118 2014- Hoogeveen
0119 2014- Meppel
0140 2014-2017 Littenseradiel|Littenseradeel
0141 2014- Almelo
0147 2014- Borne
0148 2014- Dalfsen
0150 2014- Deventer
0153 2014- Enschede
0158 2014- Haaksbergen
0160 2014- Hardenberg
0163 2014- Hellendoorn
0164 2014- Hengelo (O.)|Hengelo
0166 2014- Kampen
0168 2014- Losser
0171 2014- Noordoostpolder
0173 2014- Oldenzaal
0175 2014- Ommen
0177 2014- Raalte
0180 2014- Staphorst
0183 2014- Tubbergen
0184 2014- Urk
0189 2014- Wierden
0193 2014- Zwolle
0196 2014-2017 Rijnwaarden
0197 2014- Aalten
0200 2014- Apeldoorn
0202 2014- Arnhem
0203 2014- Barneveld
0209 2014- Beuningen
0213 2014- Brummen
0214 2014- Buren
0216 2014- Culemborg
0221 2014- Doesburg
0222 2014- Doetinchem
0225 2014- Druten
0226 2014- Duiven
0228 2014- Ede
0230 2014- Elburg
0232 2014- Epe
0233 2014- Ermelo
0236 2014-2018 Geldermalsen
0241 2014-2014 Groesbeek
0243 2014- Harderwijk
0244 2014- Hattem
0246 2014- Heerde
0252 2014- Heumen
0262 2014- Lochem
0263 2014- Maasdriel
0265 2014-2014 Millingen aan de Rijn
0267 2014- Nijkerk
0268 2014- Nijmegen
0269 2014- Oldebroek
0273 2014- Putten
0274 2014- Renkum
0275 2014- Rheden
0277 2014- Rozendaal
0279 2014- Scherpenzeel
0281 2014- Tiel
0282 2014-2014 Ubbergen
0285 2014- Voorst
0289 2014- Wageningen
0293 2014- Westervoort
0294 2014- Winterswijk
0296 2014- Wijchen
0297 2014- Zaltbommel
0299 2014- Zevenaar
0301 2014- Zutphen
0302 2014- Nunspeet
0303 2014- Dronten
0304 2014-2018 Neerijnen
0307 2014- Amersfoort
0308 2014- Baarn
0310 2014- De Bilt
0312 2014- Bunnik
0313 2014- Bunschoten
0317 2014- Eemnes
0321 2014- Houten
0327 2014- Leusden
0331 2014- Lopik
0335 2014- Montfoort
0339 2014- Renswoude
0340 2014- Rhenen
0342 2014- Soest
0344 2014- Utrecht
0345 2014- Veenendaal
0351 2014- Woudenberg
0352 2014- Wijk bij Duurstede
0353 2014- IJsselstein
0355 2014- Zeist
0356 2014- Nieuwegein
0358 2014- Aalsmeer
0361 2014- Alkmaar
0362 2014- Amstelveen
0363 2014- Amsterdam
0365 2014-2014 Graft-De Rijp
0370 2014-2021 Beemster
0373 2014- Bergen (NH.)
0375 2014- Beverwijk
0376 2014- Blaricum
0377 2014- Bloemendaal
0381 2014-2015 Bussum
0383 2014- Castricum
0384 2014- Diemen
0385 2014- Edam-Volendam
0388 2014- Enkhuizen
0392 2014- Haarlem
0393 2014-2018 Haarlemmerliede en Spaarnwoude|Haarlemmerliede
0394 2014- Haarlemmermeer
0396 2014- Heemskerk
0397 2014- Heemstede
0398 2014-2021 Heerhugowaard
0399 2014- Heiloo
0400 2014- Den Helder
0402 2014- Hilversum
0405 2014- Hoorn
0406 2014- Huizen
0415 2014- Landsmeer
0416 2014-2021 Langedijk
0417 2014- Laren (NH.)|Laren
0420 2014- Medemblik
0424 2014-2015 Muiden
0425 2014-2015 Naarden
0431 2014- Oostzaan
0432 2014- Opmeer
0437 2014- Ouder-Amstel
0439 2014- Purmerend
0441 2014- Schagen
0448 2014- Texel
0450 2014- Uitgeest
0451 2014- Uithoorn
0453 2014- Velsen
0457 2014-2022 Weesp
0458 2014-2014 Schermer
0473 2014- Zandvoort
0478 2014-2015 Zeevang
0479 2014- Zaanstad
0482 2014- Alblasserdam
0484 2014- Alphen aan den Rijn
0489 2014- Barendrecht
0491 2014-2014 Bergambacht
0498 2014- Drechterland
0501 2014-2022 Brielle
0502 2014- Capelle aan den IJssel
0503 2014- Delft
0505 2014- Dordrecht
0512 2014- Gorinchem
0513 2014- Gouda
0518 2014- 's-Gravenhage|Den Haag
0523 2014- Hardinxveld-Giessendam
0530 2014-2022 Hellevoetsluis
0531 2014- Hendrik-Ido-Ambacht
0532 2014- Stede Broec
0534 2014- Hillegom
0537 2014- Katwijk
0542 2014- Krimpen aan den IJssel
0545 2014-2018 Leerdam
0546 2014- Leiden
0547 2014- Leiderdorp
0553 2014- Lisse
0556 2014- Maassluis
0568 2014-2014 Bernisse
0569 2014- Nieuwkoop
0575 2014- Noordwijk
0576 2014-2018 Noordwijkerhout
0579 2014- Oegstgeest
0584 2014-2018 Oud-Beijerland
0585 2014-2018 Binnenmaas
0588 2014-2018 Korendijk
0589 2014- Oudewater
0590 2014- Papendrecht
0597 2014- Ridderkerk
0599 2014- Rotterdam
0603 2014- Rijswijk (ZH.)|Rijswijk
0606 2014- Schiedam
0608 2014-2014 Schoonhoven
0610 2014- Sliedrecht
0611 2014-2018 Cromstrijen
0612 2014-2014 Spijkenisse
0613 2014- Albrandswaard
0614 2014-2022 Westvoorne
0617 2014-2018 Strijen
0620 2014-2018 Vianen
0622 2014- Vlaardingen
0623 2014-2014 Vlist
0626 2014- Voorschoten
0627 2014- Waddinxveen
0629 2014- Wassenaar
0632 2014- Woerden
0637 2014- Zoetermeer
0638 2014- Zoeterwoude
0642 2014- Zwijndrecht
0643 2014-2014 Nederlek
0644 2014-2014 Ouderkerk
0654 2014- Borsele
0664 2014- Goes
0668 2014- West Maas en Waal
0677 2014- Hulst
0678 2014- Kapelle
0687 2014- Middelburg (Z.)|Middelburg
0689 2014-2018 Giessenlanden
0703 2014- Reimerswaal
0707 2014-2018 Zederik
0715 2014- Terneuzen
0716 2014- Tholen
0717 2014- Veere
0718 2014- Vlissingen
0733 2014-2018 Lingewaal
0736 2014- De Ronde Venen
0737 2014- Tytsjerksteradiel|Tietjerksteradeel
0738 2014-2018 Aalburg
0743 2014- Asten
0744 2014- Baarle-Nassau
0748 2014- Bergen op Zoom
0753 2014- Best
0755 2014- Boekel
0756 2014-2021 Boxmeer
0757 2014- Boxtel
0758 2014- Breda
0762 2014- Deurne
0765 2014- Pekela
0766 2014- Dongen
0770 2014- Eersel
0772 2014- Eindhoven
0777 2014- Etten-Leur
0779 2014- Geertruidenberg
0784 2014- Gilze en Rijen
0785 2014- Goirle
0786 2014-2021 Grave
0788 2014-2020 Haaren
0794 2014- Helmond
0796 2014- 's-Hertogenbosch|Den Bosch
0797 2014- Heusden
0798 2014- Hilvarenbeek
0809 2014- Loon op Zand
0815 2014-2021 Mill en Sint Hubert
0820 2014- Nuenen, Gerwen en Nederwetten|Nuenen c.a.|Nuenen
0823 2014- Oirschot
0824 2014- Oisterwijk
0826 2014- Oosterhout
0828 2014- Oss
0840 2014- Rucphen
0844 2014-2016 Schijndel
0845 2014- Sint-Michielsgestel
0846 2014-2016 Sint-Oedenrode
0847 2014- Someren
0848 2014- Son en Breugel
0851 2014- Steenbergen
0852 2014- Waterland
0855 2014- Tilburg
0856 2014-2021 Uden
0858 2014- Valkenswaard
0860 2014-2016 Veghel
0861 2014- Veldhoven
0865 2014- Vught
0866 2014- Waalre
0867 2014- Waalwijk
0870 2014-2018 Werkendam
0873 2014- Woensdrecht
0874 2014-2018 Woudrichem
0879 2014- Zundert
0880 2014- Wormerland
0881 2014-2018 Onderbanken
0882 2014- Landgraaf
0888 2014- Beek (L.)|Beek
0889 2014- Beesel
0893 2014- Bergen (L.)
0899 2014- Brunssum
0907 2014- Gennep
0917 2014- Heerlen
0928 2014- Kerkrade
0935 2014- Maastricht
0938 2014- Meerssen
0944 2014- Mook en Middelaar
0946 2014- Nederweert
0951 2014-2018 Nuth
0957 2014- Roermond
0962 2014-2018 Schinnen
0965 2014- Simpelveld
0971 2014- Stein (L.)|Stein
0981 2014- Vaals
0983 2014- Venlo
0984 2014- Venray
0986 2014- Voerendaal
0988 2014- Weert
0994 2014- Valkenburg aan de Geul
0995 2014- Lelystad
1507 2014- Horst aan de Maas
1509 2014- Oude IJsselstreek
1525 2014- Teylingen
1581 2014- Utrechtse Heuvelrug
1586 2014- Oost Gelre
1598 2014- Koggenland
1621 2014- Lansingerland
1640 2014- Leudal
1641 2014- Maasgouw
1651 2014-2018 Eemsmond
1652 2014- Gemert-Bakel
1655 2014- Halderberge
1658 2014- Heeze-Leende
1659 2014- Laarbeek
1663 2014-2018 De Marne
1667 2014- Reusel-De Mierden
1669 2014- Roerdalen
1671 2014-2014 Maasdonk
1674 2014- Roosendaal
1676 2014- Schouwen-Duiveland
1680 2014- Aa en Hunze
1681 2014- Borger-Odoorn
1684 2014-2021 Cuijk
1685 2014-2021 Landerd
1690 2014- De Wolden
1695 2014- Noord-Beveland
1696 2014- Wijdemeren
1699 2014- Noordenveld
1700 2014- Twenterand
1701 2014- Westerveld
1702 2014-2021 Sint Anthonis
1705 2014- Lingewaard
1706 2014- Cranendonck
1708 2014- Steenwijkerland
1709 2014- Moerdijk
1711 2014- Echt-Susteren
1714 2014- Sluis
1719 2014- Drimmelen
1721 2014- Bernheze
1722 2014-2018 Ferwerderadiel|Ferwerderadeel
1723 2014- Alphen-Chaam
1724 2014- Bergeijk
1728 2014- Bladel
1729 2014- Gulpen-Wittem
1730 2014- Tynaarlo
1731 2014- Midden-Drenthe
1734 2014- Overbetuwe
1735 2014- Hof van Twente
1740 2014- Neder-Betuwe
1742 2014- Rijssen-Holten
1771 2014- Geldrop-Mierlo
1773 2014- Olst-Wijhe
1774 2014- Dinkelland
1783 2014- Westland
1842 2014- Midden-Delfland
1859 2014- Berkelland
1876 2014- Bronckhorst
1883 2014- Sittard-Geleen
1884 2014- Kaag en Braassem
1891 2014- Dantumadiel|Dantumadeel
1892 2014- Zuidplas
1894 2014- Peel en Maas
1895 2014- Oldambt
1896 2014- Zwartewaterland
1900 2014- Súdwest-Fryslân
1901 2014- Bodegraven-Reeuwijk
1903 2014- Eijsden-Margraten
1904 2014- Stichtse Vecht
1908 2014-2017 Menameradiel|Menaldumadeel
1911 2014- Hollands Kroon
1916 2014- Leidschendam-Voorburg
1921 2014-2014 De Friese Meren
1924 2014- Goeree-Overflakkee
1926 2014- Pijnacker-Nootdorp
1927 2014-2018 Molenwaard
1930 2015- Nissewaard
1931 2015- Krimpenerwaard
1940 2015- De Fryske Marren
1942 2016- Gooise Meren
1945 2015- Berg en Dal
1948 2017- Meierijstad
1949 2018- Waadhoeke
1950 2018- Westerwolde
1952 2018- Midden-Groningen
1954 2019- Beekdaelen
1955 2014- Montferland
1959 2019- Altena
1960 2019- West Betuwe
1961 2019- Vijfheerenlanden
1963 2019- Hoeksche Waard
1966 2019- Het Hogeland
1969 2019- Westerkwartier
1970 2019- Noardeast-Fryslân
1978 2019- Molenlanden
1979 2021- Eemsdelta
1980 2022- Dijk en Waard
1982 2022- Land van Cuijk
1987 2014-2017 Menterwolde
1991 2022- Maashorst
1992 2023- Voorne aan Zee
`;

/** A herindeling on 1 January of `year`: `from` ended (wholly, or `partly` into several) and went into `into`. */
export interface GemeenteMerger {
  year: number;
  into: string;
  from: readonly string[];
  /** Gemeenten split over several others: each of `into` received a part. */
  split?: boolean;
  note?: string;
}

/** The herindelingen 2015–2025 that change codes (CBS, "Gemeentelijke indeling op 1 januari"). */
export const MERGERS: readonly GemeenteMerger[] = [
  { year: 2015, into: 'GM0361', from: ['GM0365', 'GM0458'] },
  { year: 2015, into: 'GM1945', from: ['GM0241', 'GM0265', 'GM0282'] },
  { year: 2015, into: 'GM1931', from: ['GM0491', 'GM0608', 'GM0623', 'GM0643', 'GM0644'] },
  { year: 2015, into: 'GM1930', from: ['GM0568', 'GM0612'] },
  { year: 2015, into: 'GM0796', from: ['GM1671'], split: true },
  { year: 2015, into: 'GM0828', from: ['GM1671'], split: true },
  {
    year: 2015,
    into: 'GM1940',
    from: ['GM1921'],
    note: 'De Friese Meren renamed De Fryske Marren (new code)',
  },
  { year: 2016, into: 'GM1942', from: ['GM0381', 'GM0424', 'GM0425'] },
  { year: 2016, into: 'GM0385', from: ['GM0478'] },
  { year: 2017, into: 'GM1948', from: ['GM0844', 'GM0846', 'GM0860'] },
  { year: 2018, into: 'GM0080', from: ['GM0081', 'GM0140'], split: true },
  { year: 2018, into: 'GM1949', from: ['GM0063', 'GM0070', 'GM1908', 'GM0140'], split: true },
  { year: 2018, into: 'GM1900', from: ['GM0140'], split: true },
  { year: 2018, into: 'GM1952', from: ['GM0018', 'GM0040', 'GM1987'] },
  { year: 2018, into: 'GM1950', from: ['GM0007', 'GM0048'] },
  { year: 2018, into: 'GM0299', from: ['GM0196'] },
  { year: 2019, into: 'GM0014', from: ['GM0009', 'GM0017'] },
  { year: 2019, into: 'GM1966', from: ['GM0005', 'GM1663', 'GM1651', 'GM0053'], split: true },
  { year: 2019, into: 'GM1969', from: ['GM0015', 'GM0022', 'GM0025', 'GM0056', 'GM0053'], split: true },
  { year: 2019, into: 'GM1970', from: ['GM0058', 'GM1722', 'GM0079'] },
  { year: 2019, into: 'GM1960', from: ['GM0236', 'GM0733', 'GM0304'] },
  { year: 2019, into: 'GM1961', from: ['GM0545', 'GM0620', 'GM0707'] },
  { year: 2019, into: 'GM1963', from: ['GM0585', 'GM0611', 'GM0588', 'GM0584', 'GM0617'] },
  { year: 2019, into: 'GM1959', from: ['GM0738', 'GM0870', 'GM0874'] },
  { year: 2019, into: 'GM1954', from: ['GM0951', 'GM0881', 'GM0962'] },
  { year: 2019, into: 'GM1978', from: ['GM0689', 'GM1927'] },
  { year: 2019, into: 'GM0394', from: ['GM0393'] },
  { year: 2019, into: 'GM0575', from: ['GM0576'] },
  { year: 2021, into: 'GM1979', from: ['GM0003', 'GM0010', 'GM0024'] },
  { year: 2021, into: 'GM0757', from: ['GM0788'], split: true },
  { year: 2021, into: 'GM0824', from: ['GM0788'], split: true },
  { year: 2021, into: 'GM0855', from: ['GM0788'], split: true },
  { year: 2021, into: 'GM0865', from: ['GM0788'], split: true },
  { year: 2022, into: 'GM0439', from: ['GM0370'] },
  { year: 2022, into: 'GM1980', from: ['GM0398', 'GM0416'] },
  { year: 2022, into: 'GM1982', from: ['GM0756', 'GM1684', 'GM0786', 'GM0815', 'GM1702'], split: true },
  { year: 2022, into: 'GM0755', from: ['GM1702'], split: true, note: 'Landhorst (Sint Anthonis) to Boekel' },
  { year: 2022, into: 'GM1991', from: ['GM1685', 'GM0856'] },
  { year: 2023, into: 'GM0363', from: ['GM0457'], note: 'Weesp joined Amsterdam on 24 March 2022' },
  { year: 2023, into: 'GM1992', from: ['GM0501', 'GM0530', 'GM0614'] },
];

export interface RegisterGemeente {
  code: string;
  /** The CBS name (the latest one). */
  name: string;
  /** Other names: earlier CBS spellings, names without the province qualifier, names in common use. */
  alternatives: readonly string[];
  /** First and last division year with this code (last: 2025 when it still exists). */
  first: number;
  last: number;
}

function parseRegister(): RegisterGemeente[] {
  return GEMEENTEN.trim()
    .split('\n')
    .map((line) => {
      const m = /^(\d{4}) (\d{4})-(\d{4})? (.+)$/.exec(line);
      if (!m) throw new Error(`gemeente register: bad line '${line}'`);
      const [name, ...alternatives] = m[4]!.split('|');
      return {
        code: `GM${m[1]}`,
        name: name!,
        alternatives,
        first: Number(m[2]),
        last: m[3] ? Number(m[3]) : REGISTER_LAST_YEAR,
      };
    });
}

export const GEMEENTE_REGISTER: readonly RegisterGemeente[] = parseRegister();

const BY_CODE = new Map(GEMEENTE_REGISTER.map((g) => [g.code, g]));

/** A name without a trailing province qualifier: "Bergen (NH.)" → "Bergen". */
function withoutQualifier(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, '');
}

/** Normalised name → codes, with the base names ("hengelo" for "Hengelo (O.)") as a second index. */
const BY_NAME = new Map<string, Set<string>>();
const BY_BASE_NAME = new Map<string, Set<string>>();
for (const g of GEMEENTE_REGISTER) {
  for (const n of [g.name, ...g.alternatives]) {
    const key = normaliseAreaName(n);
    if (!BY_NAME.has(key)) BY_NAME.set(key, new Set());
    BY_NAME.get(key)!.add(g.code);
    const base = normaliseAreaName(withoutQualifier(n));
    if (!BY_BASE_NAME.has(base)) BY_BASE_NAME.set(base, new Set());
    BY_BASE_NAME.get(base)!.add(g.code);
  }
}

/** The register entry of a code, if the code was a gemeente in 2014–2025. */
export function findRegisterGemeente(code: string): RegisterGemeente | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/** True when `code` was a gemeente on 1 January of `year`. */
export function existsIn(g: RegisterGemeente, year: number): boolean {
  return g.first <= year && year <= g.last;
}

/** The gemeente codes of one division year (empty outside 2014–2025). */
export function gemeenteCodesOf(year: number): string[] {
  return GEMEENTE_REGISTER.filter((g) => existsIn(g, year)).map((g) => g.code);
}

/**
 * The codes of the gemeenten named `name` (any spelling: case, accents, punctuation, an
 * alternative name; without a province qualifier when only one gemeente has that base name),
 * restricted to the gemeenten of `year` when given and that year lies in the register.
 */
export function findGemeentenByName(name: string, year?: number): string[] {
  const inYear = (codes: Iterable<string>): string[] =>
    [...codes].filter(
      (c) =>
        year === undefined ||
        year < REGISTER_FIRST_YEAR ||
        year > REGISTER_LAST_YEAR ||
        existsIn(BY_CODE.get(c)!, year),
    );
  const exact = inYear(BY_NAME.get(normaliseAreaName(name)) ?? []);
  if (exact.length > 0) return exact.sort();
  return inYear(BY_BASE_NAME.get(normaliseAreaName(withoutQualifier(name))) ?? []).sort();
}

/** True when `code` was split over several gemeenten: each of them got only part of it. */
export function wasSplit(code: string): boolean {
  return successorsOf(code).length > 1;
}

/** The herindelingen in which `code` ended (empty while it exists). */
export function mergersOf(code: string): GemeenteMerger[] {
  return MERGERS.filter((m) => m.from.includes(code));
}

/**
 * The gemeenten `code` went into, directly or through later herindelingen (Eemsdelta for
 * Appingedam; each receiving gemeente of a split one), sorted; empty while it exists.
 */
export function successorsOf(code: string): readonly string[] {
  let found = successors.get(code);
  if (!found) successors.set(code, (found = Object.freeze(walkSuccessors(code))));
  return found;
}

/** successorsOf per code: the register does not change, and maps ask per buurt. */
const successors = new Map<string, readonly string[]>();

function walkSuccessors(code: string): string[] {
  const out = new Set<string>();
  const walk = (c: string): void => {
    for (const m of mergersOf(c)) {
      if (out.has(m.into) || m.into === code) continue;
      out.add(m.into);
      walk(m.into);
    }
  };
  walk(code);
  return [...out].sort();
}

/**
 * The gemeenten that went into `code` in herindelingen after 1 January of `afterYear` (directly or
 * through earlier ones after that date), and that existed then: the codes a division of that year
 * has for the area `code` covers later. Sorted.
 */
export function predecessorsOf(code: string, afterYear: number): string[] {
  const out = new Set<string>();
  const walk = (c: string): void => {
    for (const m of MERGERS) {
      if (m.into !== c || m.year <= afterYear) continue;
      for (const f of m.from) {
        if (out.has(f) || f === code) continue;
        out.add(f);
        walk(f);
      }
    }
  };
  walk(code);
  return [...out]
    .filter((c) => {
      const g = findRegisterGemeente(c);
      return g !== undefined && existsIn(g, afterYear);
    })
    .sort();
}

/** A gemeente formed after a division year by herindelingen that merged whole gemeenten only. */
export interface MergedGemeente {
  code: string;
  name: string;
  /** The year of the (last) herindeling that formed it. */
  since: number;
  /** The gemeenten of the division year whose area it is, together: sorted codes. */
  from: readonly string[];
}

/**
 * The gemeente `code` on the division of `divisionYear` when it did not exist then but its area
 * is exactly that of gemeenten of that year: every herindeling that formed it after that year
 * merged whole gemeenten (none split over several, none of them went partly elsewhere). Dijk en
 * Waard (2022) on the 2019 division is Heerhugowaard and Langedijk; Land van Cuijk (2022) is not
 * (Sint Anthonis went partly to Boekel). Undefined otherwise, also for a gemeente of that year,
 * and — with `present` — when one of those gemeenten is not present (not loaded).
 */
export function mergedOnDivision(
  code: string,
  divisionYear: number,
  present: (gemeente: string) => boolean = () => true,
): MergedGemeente | undefined {
  const g = findRegisterGemeente(code);
  if (!g || existsIn(g, divisionYear) || g.first <= divisionYear || divisionYear < REGISTER_FIRST_YEAR)
    return undefined;
  // the codes that went into it after the division year, directly or through earlier herindelingen
  const chain = new Set([g.code]);
  const formedBy: GemeenteMerger[] = [];
  const walk = (into: string): void => {
    for (const m of MERGERS) {
      if (m.into !== into || m.year <= divisionYear) continue;
      formedBy.push(m);
      for (const f of m.from) {
        if (chain.has(f)) continue;
        chain.add(f);
        walk(f);
      }
    }
  };
  walk(g.code);
  if (formedBy.length === 0 || formedBy.some((m) => m.split)) return undefined;
  const wholly = [...chain].every((c) =>
    mergersOf(c).every((m) => m.year <= divisionYear || chain.has(m.into)),
  );
  const from = predecessorsOf(g.code, divisionYear);
  if (!wholly || from.length === 0 || !from.every(present)) return undefined;
  return { code: g.code, name: g.name, since: Math.max(...formedBy.map((m) => m.year)), from };
}
