import { AppError } from './app-error.js';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** CBS gemeente code, `GMgggg`. */
export type GemeenteCode = Brand<string, 'GemeenteCode'>;
/** CBS wijk code, `WKggggww` (ww may contain letters, e.g. Amsterdam since 2022). */
export type WijkCode = Brand<string, 'WijkCode'>;
/** CBS buurt code, `BUggggwwbb` (letters allowed in ww/bb, e.g. `BU0363AA01`). */
export type BuurtCode = Brand<string, 'BuurtCode'>;
export type AreaCode = GemeenteCode | WijkCode | BuurtCode;

export const AREA_LEVELS = ['land', 'gemeente', 'wijk', 'buurt'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

const PATTERNS = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{4}[0-9A-Z]{2}$/,
  buurt: /^BU\d{4}[0-9A-Z]{2}[0-9A-Z]{2}$/,
} as const;

/** Normalises case and whitespace; returns the level of a valid code or undefined. */
export function findAreaLevel(raw: string): Exclude<AreaLevel, 'land'> | undefined {
  const code = raw.trim().toUpperCase();
  if (PATTERNS.buurt.test(code)) return 'buurt';
  if (PATTERNS.wijk.test(code)) return 'wijk';
  if (PATTERNS.gemeente.test(code)) return 'gemeente';
  return undefined;
}

export function isAreaCode(raw: string): boolean {
  return findAreaLevel(raw) !== undefined;
}

/** Parses any CBS area code (GM/WK/BU); throws AREA_CODE_INVALID otherwise. */
export function parseAreaCode(raw: string): AreaCode {
  const code = raw.trim().toUpperCase();
  if (findAreaLevel(code) === undefined) {
    throw new AppError(
      'AREA_CODE_INVALID',
      `'${raw}' is not a CBS area code (GMgggg, WKggggww or BUggggwwbb)`,
    );
  }
  return code as AreaCode;
}

export function parseGemeenteCode(raw: string): GemeenteCode {
  const code = raw.trim().toUpperCase();
  if (!PATTERNS.gemeente.test(code))
    throw new AppError('AREA_CODE_INVALID', `'${raw}' is not a gemeente code (GMgggg)`);
  return code as GemeenteCode;
}

export function parseBuurtCode(raw: string): BuurtCode {
  const code = raw.trim().toUpperCase();
  if (!PATTERNS.buurt.test(code))
    throw new AppError('AREA_CODE_INVALID', `'${raw}' is not a buurt code (BUggggwwbb)`);
  return code as BuurtCode;
}

/** The gemeente a wijk or buurt code belongs to (digits 3–6). */
export function gemeenteOf(code: AreaCode): GemeenteCode {
  return `GM${code.slice(2, 6)}` as GemeenteCode;
}

/** The wijk a buurt code belongs to. */
export function wijkOf(code: BuurtCode): WijkCode {
  return `WK${code.slice(2, 8)}` as WijkCode;
}
