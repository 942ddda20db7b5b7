/**
 * OpenAPI paths and schemas of data editions (GET /api/editions, GET /api/editions/changes) and
 * the `edition` parameter the map, profile, compare and download routes take; generated from
 * the zod schemas in src/api/editions.ts.
 */
import { z } from 'zod';
import { EditionChangesResponseSchema, EditionsResponseSchema } from '../api/editions.js';

const EDITION_SCHEMAS = {
  EditionsResponse: EditionsResponseSchema,
  EditionChangesResponse: EditionChangesResponseSchema,
} as const;

export function editionSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(EDITION_SCHEMAS).map(([k, s]) => [
      k,
      z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }),
    ]),
  );
}

const ref = (name: keyof typeof EDITION_SCHEMAS | 'ErrorBody') => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof EDITION_SCHEMAS | 'ErrorBody', description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

/** 404 and 410 of an `edition` that does not exist or is no longer kept. */
export const EDITION_ERRORS = {
  '410': json(
    'ErrorBody',
    'The data edition is no longer kept (EDITION_GONE): the store keeps the newest editions only (editions.retain)',
  ),
};

/** The `edition` query parameter of the routes that read the engine. */
export const EDITION_PARAMETER = {
  name: 'edition',
  in: 'query',
  required: false,
  description:
    'A data edition id (GET /api/editions): the numbers as they were after that import run; absent = the newest. Unknown: 404 EDITION_NOT_FOUND; dropped by retention: 410 EDITION_GONE',
  schema: { type: 'integer', minimum: 1, example: 1 },
};

export function editionPaths(): Record<string, unknown> {
  const errors = {
    '400': json('ErrorBody', 'Invalid or unknown parameters (USAGE)'),
    '401': json('ErrorBody', 'Members mode without a session or share link (UNAUTHENTICATED)'),
    '403': json('ErrorBody', 'A share link of another area (FORBIDDEN)'),
  };
  return {
    '/api/editions': {
      get: {
        summary:
          'The data editions: what the store held after each import run, with id and label ("editie 2025-1"), oldest first; `available` is false once retention dropped one',
        responses: { '200': json('EditionsResponse', 'OK'), ...errors },
      },
    },
    '/api/editions/changes': {
      get: {
        summary:
          'What changed between two data editions, per buurt of a gemeente or region: the class on each of the nine maps and the stored values, with the reason (new-source-year, revised-figures, boundaries, context)',
        parameters: [
          { name: 'area', in: 'query', required: true, schema: { type: 'string', example: 'GM0917' } },
          {
            name: 'from',
            in: 'query',
            required: false,
            description: 'The older edition (default: the one before `to`)',
            schema: { type: 'integer', minimum: 1 },
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            description: 'The newer edition (default: the newest)',
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          '200': json('EditionChangesResponse', 'OK'),
          ...errors,
          '404': json(
            'ErrorBody',
            'Unknown area or edition, or no earlier edition to compare with (AREA_NOT_FOUND, EDITION_NOT_FOUND)',
          ),
          ...EDITION_ERRORS,
        },
      },
    },
  };
}
