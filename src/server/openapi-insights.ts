/**
 * OpenAPI paths and schemas of the early warning (GET /api/early-warning) and of "buurten zoals
 * deze" (GET /api/buurten/:code/similar), generated from their zod schemas in src/api.
 */
import { z } from 'zod';
import { EarlyWarningResponseSchema } from '../api/early-warning.js';
import { SimilarResponseSchema } from '../api/similar-buurten.js';

const INSIGHTS_SCHEMAS = {
  EarlyWarningResponse: EarlyWarningResponseSchema,
  SimilarResponse: SimilarResponseSchema,
} as const;

export function insightsSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(INSIGHTS_SCHEMAS).map(([k, s]) => [
      k,
      z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }),
    ]),
  );
}

const ref = (name: keyof typeof INSIGHTS_SCHEMAS | 'ErrorBody') => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof INSIGHTS_SCHEMAS | 'ErrorBody', description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = {
  '400': json('ErrorBody', 'Invalid or unknown parameters (USAGE)'),
  '401': json('ErrorBody', 'Members mode without a session or share link (UNAUTHENTICATED)'),
  '403': json('ErrorBody', 'A share link of another area (FORBIDDEN)'),
  '404': json('ErrorBody', 'Unknown area or buurt, or no period with data (AREA_NOT_FOUND, NO_DATA)'),
};

export function insightsPaths(): Record<string, unknown> {
  return {
    '/api/early-warning': {
      get: {
        summary:
          'Early warning: the buurten of a gemeente, region or werkgebied that need attention, ranked, each reason in words with its numbers (values, periods, thresholds)',
        parameters: [
          {
            name: 'area',
            in: 'query',
            required: true,
            description: 'Gemeente code or region id (also an organisation’s werkgebied)',
            schema: { type: 'string', example: 'GM0917' },
          },
          {
            name: 'period',
            in: 'query',
            required: false,
            description:
              'Current period t0-t1 (default: the default period); compared with the equally long period before it',
            schema: { type: 'string', example: '2016-2020' },
          },
        ],
        responses: { '200': json('EarlyWarningResponse', 'OK'), ...errors },
      },
    },
    '/api/buurten/{code}/similar': {
      get: {
        summary:
          'Buurten zoals deze: the most similar buurten nationally (standardised indicators, explained per indicator) and the positive deviants',
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string', example: 'BU09170001' } },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'How many similar buurten, 1–50 (default 10)',
            schema: { type: 'integer', minimum: 1, maximum: 50 },
          },
        ],
        responses: { '200': json('SimilarResponse', 'OK'), ...errors },
      },
    },
  };
}
