/**
 * The one error type of Veerkracht. Every error carries a stable `code` (listed with a
 * "how to fix" in docs/errors.md, never reused) and a message that names the culprit.
 * Only the edges (CLI main, HTTP error handler) translate codes to exit codes / statuses.
 */
export const ERROR_CODES = {
  // input files
  FILE_NOT_FOUND: { http: 404, exit: 66 },
  FILE_UNREADABLE: { http: 400, exit: 65 },
  UNKNOWN_FILE_KIND: { http: 400, exit: 65 },
  CSV_MALFORMED: { http: 400, exit: 65 },
  CSV_TRUNCATED: { http: 400, exit: 65 },
  CSV_WRONG_DELIMITER: { http: 400, exit: 65 },
  CSV_NO_KNOWN_COLUMNS: { http: 400, exit: 65 },
  CSV_DUPLICATE_ROW: { http: 400, exit: 65 },
  VALUE_NOT_A_NUMBER: { http: 400, exit: 65 },
  YEAR_UNKNOWN: { http: 400, exit: 64 },
  AREA_CODE_INVALID: { http: 400, exit: 65 },
  AREA_UNMATCHED: { http: 400, exit: 65 },
  JSON_MALFORMED: { http: 400, exit: 65 },
  GEOPACKAGE_INVALID: { http: 400, exit: 65 },
  SHAPEFILE_INVALID: { http: 400, exit: 65 },
  GEOMETRY_INVALID: { http: 400, exit: 65 },
  GEOMETRY_UNSUPPORTED: { http: 400, exit: 65 },
  GEOMETRY_OUT_OF_EXTENT: { http: 400, exit: 65 },
  FILE_ENCODING: { http: 400, exit: 65 },
  INPUT_TOO_LARGE: { http: 413, exit: 65 },
  CSV_DUPLICATE_COLUMN: { http: 400, exit: 65 },
  VALUE_OUT_OF_RANGE: { http: 400, exit: 65 },
  YEAR_OUT_OF_RANGE: { http: 400, exit: 65 },
  NOTHING_TO_IMPORT: { http: 400, exit: 65 },
  OFFICIAL_VALUE_PROTECTED: { http: 409, exit: 65 },
  // usage
  USAGE: { http: 400, exit: 64 },
  CONFIG_INVALID: { http: 400, exit: 78 },
  // store / lookups
  STORE_SCHEMA_TOO_NEW: { http: 500, exit: 70 },
  STORE_SCHEMA_TOO_OLD: { http: 500, exit: 70 },
  STORE_UNAVAILABLE: { http: 503, exit: 69 },
  AREA_NOT_FOUND: { http: 404, exit: 66 },
  MAP_NOT_FOUND: { http: 404, exit: 66 },
  INDICATOR_NOT_FOUND: { http: 404, exit: 66 },
  NO_DATA: { http: 404, exit: 66 },
  ROUTE_NOT_FOUND: { http: 404, exit: 64 },
  EDITION_NOT_FOUND: { http: 404, exit: 66 },
  EDITION_GONE: { http: 410, exit: 66 },
  // network
  DOWNLOAD_FAILED: { http: 502, exit: 69 },
  // stopped by the operator (SIGINT/SIGTERM): what was in progress was rolled back
  INTERRUPTED: { http: 503, exit: 130 },
  // auth
  UNAUTHENTICATED: { http: 401, exit: 77 },
  FORBIDDEN: { http: 403, exit: 77 },
  CSRF_REJECTED: { http: 403, exit: 77 },
  TOO_MANY_ATTEMPTS: { http: 429, exit: 75 },
  SHARE_LINK_INVALID: { http: 401, exit: 77 },
  SHARE_LINK_EXPIRED: { http: 410, exit: 77 },
  SHARE_LINK_REVOKED: { http: 410, exit: 77 },
  ACCOUNT_LINK_INVALID: { http: 400, exit: 77 },
  NOT_FOUND: { http: 404, exit: 66 },
  ALREADY_EXISTS: { http: 409, exit: 65 },
  // requests
  UNSUPPORTED_MEDIA_TYPE: { http: 415, exit: 64 },
  REQUEST_TOO_LARGE: { http: 413, exit: 64 },
  // anything else
  INTERNAL: { http: 500, exit: 70 },
} as const satisfies Record<string, { http: number; exit: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Where in an input file an error was found. Row and line are 1-based; line counts the header.
 * In a worksheet of a workbook (`sheet` set) there are no lines: `row` is the worksheet row.
 */
export interface FileLocation {
  file: string;
  sheet?: string;
  line?: number;
  row?: number;
  column?: string;
  expected?: string;
  found?: string;
}

export interface AppErrorOptions {
  location?: FileLocation;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly location: FileLocation | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** What is wrong, without the location that `message` starts with. */
  readonly reason: string;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, {
      cause: options.cause,
    });
    this.name = 'AppError';
    this.code = code;
    this.reason = message;
    this.location = options.location;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  toJSON(): { code: ErrorCode; message: string; location?: FileLocation; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.location ? { location: this.location } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/**
 * "file.csv, line 12 (row 11), column 'Bijstand', expected a number, found 'abc'";
 * "file.xlsx, sheet 'Blad1', row 12, column 'Bijstand', …".
 */
export function formatLocation(loc: FileLocation): string {
  const parts = [loc.file];
  if (loc.sheet !== undefined) parts.push(`sheet '${loc.sheet}'`);
  if (loc.line !== undefined)
    parts.push(loc.row !== undefined ? `line ${loc.line} (row ${loc.row})` : `line ${loc.line}`);
  else if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column '${loc.column}'`);
  let s = parts.join(', ');
  if (loc.expected !== undefined) s += `, expected ${loc.expected}`;
  if (loc.found !== undefined) s += `, found '${truncate(loc.found, 60)}'`;
  return s;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function assertNever(x: never, what = 'value'): never {
  throw new AppError('INTERNAL', `unexpected ${what}: ${JSON.stringify(x)}`);
}
