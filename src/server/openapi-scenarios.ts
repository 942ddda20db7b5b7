/**
 * The OpenAPI paths and schemas of the scenario planner (issue 14), merged into the document of
 * openapi-document.ts. Running is a read of the area (no session, no CSRF token; Origin, content
 * type and size are checked as for every POST); saving needs a logged-in member and the CSRF token.
 */
import { z } from 'zod';
import { RunScenariosRequestSchema, SaveScenarioRequestSchema } from '../api/scenarios.js';

const SCHEMAS = {
  RunScenariosRequest: RunScenariosRequestSchema,
  SaveScenarioRequest: SaveScenarioRequestSchema,
};

export function scenarioSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([k, s]) => [k, z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' })]),
  );
}

const ref = (name: keyof typeof SCHEMAS | 'ErrorBody') => ({ $ref: `#/components/schemas/${name}` });
const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('ErrorBody') } },
});
const body = (name: keyof typeof SCHEMAS) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const object = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const csv = (description: string) => ({
  description,
  content: { 'text/csv': { schema: { type: 'string' } } },
});
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } };
const id = {
  name: 'id',
  in: 'path',
  required: true,
  description:
    'Saved scenario id; with `.csv` appended the comparison as CSV, with `.pdf` as PDF (A4 landscape, printed by Chromium; `?lang=en`)',
  schema: { type: 'string', pattern: '^\\d+(\\.(csv|pdf))?$' },
};

const RUN_ERRORS = {
  '400': err('Invalid body (USAGE, naming the field)'),
  '401': err('Members mode without a session or share link (UNAUTHENTICATED)'),
  '403': err('Outside a share link’s area (FORBIDDEN), or another Origin (CSRF_REJECTED)'),
  '404': err('Unknown area (AREA_NOT_FOUND), or no buurt with starting values (NO_DATA)'),
  '413': err('Body over 16 KiB (REQUEST_TOO_LARGE)'),
  '415': err('Body not application/json (UNSUPPORTED_MEDIA_TYPE)'),
};
const USER = {
  '401': err('Not logged in (UNAUTHENTICATED)'),
  '403': err('A share link, or no/wrong CSRF token (FORBIDDEN, CSRF_REJECTED)'),
};

export function scenarioPaths(): Record<string, unknown> {
  const run = (summary: string, ok: unknown) => ({
    post: { summary, requestBody: body('RunScenariosRequest'), responses: { '200': ok, ...RUN_ERRORS } },
  });
  return {
    '/api/scenarios/run': run(
      'Project one to three scenarios (default: basis, spreiden, toevoegen) per buurt of an area over N years with the stock-flow model (docs/method.md, "Scenario planner"); the defaults with their sources, per buurt the start, end, series and projected class, totals per gemeente and area per year',
      object('RunScenariosResponse (src/api/scenarios.ts)'),
    ),
    '/api/scenarios/run.csv': run(
      'The same projection as CSV: the area, its gemeenten and every buurt year by year',
      csv('CSV, shares in percent'),
    ),
    '/api/scenarios': {
      get: {
        summary: "The organisation's saved scenario comparisons (inputs), newest first",
        responses: { '200': object('SavedScenariosResponse'), ...USER },
      },
      post: {
        summary: 'Save a comparison (title, area, inputs) for the organisation',
        parameters: [csrf],
        requestBody: body('SaveScenarioRequest'),
        responses: {
          '201': object('SavedScenario'),
          '400': err('Invalid body (USAGE)'),
          '404': err('Unknown area (AREA_NOT_FOUND)'),
          ...USER,
        },
      },
    },
    '/api/scenarios/{id}': {
      get: {
        summary:
          'A saved comparison and its results on the current data (or, as `{id}.csv`, the CSV; as `{id}.pdf`, the PDF)',
        parameters: [id],
        responses: {
          '200': {
            description: '{ saved, result }, CSV or PDF',
            content: {
              'application/json': { schema: { type: 'object' } },
              'text/csv': { schema: { type: 'string' } },
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '404': err('No such scenario in the organisation (NOT_FOUND)'),
          ...USER,
        },
      },
      delete: {
        summary: 'Delete a saved comparison (its author, or an org-admin of the organisation)',
        parameters: [id, csrf],
        responses: { '204': { description: 'Deleted' }, '404': err('No such scenario (NOT_FOUND)'), ...USER },
      },
    },
  };
}
