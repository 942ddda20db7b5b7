/**
 * Parsing a JSON input file, the one way every JSON reader does it: the nesting depth is bounded
 * (GeoJSON needs 6 levels, TopoJSON and OData 4), so that deeply nested input is refused with
 * INPUT_TOO_LARGE instead of exhausting the stack of a reader after the parse, and a syntax error
 * is JSON_MALFORMED naming the line where parsing stopped.
 */
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';

/**
 * Throws INPUT_TOO_LARGE when arrays/objects of a parsed document nest deeper than `max`. The walk
 * is iterative and visits containers only (V8's JSON.parse is iterative too, so a document of any
 * depth can be parsed and then measured; the readers after it are not all iterative).
 */
export function checkJsonDepth(file: string, root: unknown, max: number): void {
  const tooDeep = (): AppError =>
    tooLarge({ file }, 'the JSON nesting depth', `${max} levels`, `deeper than ${max}`);
  // parallel stacks (no pair per container); arrays of numbers and strings (a GeoJSON position,
  // the bulk of a geometry file) are measured where they are found, not stacked
  const values: unknown[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (depth > max) throw tooDeep();
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        if (Array.isArray(item) && isFlat(item)) {
          if (depth + 1 > max) throw tooDeep();
        } else {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value as Record<string, unknown>) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
}

/** An array without arrays or objects in it. */
function isFlat(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item === 'object' && item !== null) return false;
  }
  return true;
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
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (e) {
    if (e instanceof RangeError)
      throw tooLarge({ file: file.name }, 'the JSON nesting depth', `${file.limits.maxJsonDepth} levels`);
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineOf(text, Number(position)) : lineOf(text, text.length);
    throw new AppError('JSON_MALFORMED', `not valid JSON (truncated download?): ${message}`, {
      location: { file: file.name, line, expected },
      cause: e,
    });
  }
  if (typeof doc === 'object' && doc !== null) checkJsonDepth(file.name, doc, file.limits.maxJsonDepth);
  return doc;
}
