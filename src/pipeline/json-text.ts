/**
 * Parsing a JSON input file, the one way every JSON reader does it: the nesting depth is
 * bounded first (a linear scan outside strings; GeoJSON needs 6 levels, TopoJSON and OData 4),
 * so that deeply nested input is refused with INPUT_TOO_LARGE instead of exhausting the stack,
 * and a syntax error is JSON_MALFORMED naming the line where parsing stopped.
 */
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';

/** Throws INPUT_TOO_LARGE at the first point where arrays/objects nest deeper than `max`. */
export function checkJsonDepth(file: string, text: string, max: number): void {
  let depth = 0;
  let inString = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) {
        throw tooLarge({ file, line }, 'the JSON nesting depth', `${max} levels`, `deeper than ${max}`);
      }
    } else if (c === 93 || c === 125) depth--;
  }
}

/** Line of character offset `at` in `text` (1-based). */
function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The parsed JSON of a file; `expected` says what the file should be ("a GeoJSON
 * FeatureCollection"). Throws JSON_MALFORMED (with the line) or INPUT_TOO_LARGE.
 */
export function parseJsonFile(file: InputFile, expected: string): unknown {
  const text = file.text();
  checkJsonDepth(file.name, text, file.limits.maxJsonDepth);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineOf(text, Number(position)) : lineOf(text, text.length);
    throw new AppError('JSON_MALFORMED', `not valid JSON (truncated download?): ${message}`, {
      location: { file: file.name, line, expected },
      cause: e,
    });
  }
}
