/**
 * The CBS table "Buurt, wijk en gemeente <jaar> voor postcode huisnummer" (store migration 9):
 * the buurt of every address, keyed by postcode (PC6, `1234AB`) and house number. It lets an
 * organisation give its own stock per complex by address instead of by buurt code
 * (src/service/members/own-stock.ts). Loaded whole by `veerkracht postcodes import`
 * (src/pipeline/sources/postcode/), which replaces the table in one transaction. Wijk and gemeente
 * are not stored: CBS codes nest (BUggggwwbb lies in WKggggww in GMgggg), and the importer checks that
 * every row's codes do.
 */
import type { AddressTable } from '../domain/own-stock/place-own-stock.js';

/** One address and its buurt. */
export interface PostcodeBuurtRow {
  /** Four digits and two capitals, no space: `6411AB`. */
  postcode: string;
  huisnummer: number;
  /** `BU…` on the division of the table. */
  buurtCode: string;
}

/** Which table is loaded: its division (the year in its header), file, checksum and size. */
export interface PostcodeTableInfo {
  divisionYear: number;
  file: string;
  checksum: string;
  rows: number;
  importedAt: string;
}

export interface PostcodeStore {
  /** Empties the table (the start of an import, inside its transaction). */
  clearPostcodeTable(): Promise<void>;
  /**
   * Adds a batch of rows; returns the index (in `rows`) of the first whose postcode and house
   * number the table holds already, else undefined. Rows after a duplicate may have been added:
   * the caller's transaction is to be rolled back.
   */
  addPostcodeRows(rows: readonly PostcodeBuurtRow[]): Promise<number | undefined>;
  setPostcodeTableInfo(info: PostcodeTableInfo): Promise<void>;
  /** The table loaded, undefined when none is. */
  postcodeTableInfo(): Promise<PostcodeTableInfo | undefined>;
  /** The buurt of each address the table holds, keyed `postcode|huisnummer` (`6411AB|12`). */
  findPostcodeBuurten(
    addresses: readonly { postcode: string; huisnummer: number }[],
  ): Promise<Map<string, string>>;
}

/** The key of an address in `findPostcodeBuurten`'s answer. */
export function addressKey(postcode: string, huisnummer: number): string {
  return `${postcode}|${huisnummer}`;
}

/**
 * The table as an own-stock upload needs it: the buurten of `addresses` looked up at once.
 * Undefined when no table is loaded (the upload then says so for every address row).
 */
export async function loadAddressTable(
  postcodes: PostcodeStore,
  addresses: readonly { postcode: string; huisnummer: number }[],
): Promise<AddressTable | undefined> {
  const info = await postcodes.postcodeTableInfo();
  if (!info) return undefined;
  const found = await postcodes.findPostcodeBuurten(addresses);
  return {
    label: `CBS's postcode–house number table of indeling ${info.divisionYear} (${info.file})`,
    buurtOf: (a) => found.get(addressKey(a.postcode, a.huisnummer)),
  };
}
