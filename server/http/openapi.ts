import { z } from 'zod';
import { HubErrorBody, SYNC_API_VERSION } from '../../src/shared/sync-api';
import { ENDPOINTS, type Endpoint } from './endpoints';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12, which OpenAPI 3.1 uses as is. Requests are documented as they are accepted. */
const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operation(endpoint: Endpoint): JsonSchema {
  const responses: JsonSchema = {
    200: { description: 'OK', content: { 'application/json': { schema: schemaOf(endpoint.response, 'output') } } },
    400: errorResponse('Invalid input (INVALID_INPUT, MALFORMED_JSON)'),
  };
  if (endpoint.method === 'post') responses[413] = errorResponse('PAYLOAD_TOO_LARGE');
  if (endpoint.access !== 'public') responses[401] = errorResponse('TOKEN_MISSING, TOKEN_INVALID or DEVICE_REVOKED');
  if (endpoint.access === 'admin') responses[403] = errorResponse('FORBIDDEN');
  if (endpoint.path === '/v1/sync/pull')
    responses[409] = errorResponse(
      'CURSOR_AHEAD or CURSOR_UNKNOWN (the hub was restored from a backup): pull again from 0',
    );
  responses[503] = errorResponse('SHUTTING_DOWN');

  const parameters = endpoint.query
    ? Object.entries((schemaOf(endpoint.query, 'input').properties ?? {}) as Record<string, JsonSchema>).map(
        ([name, schema]) => ({ name, in: 'query', required: false, schema }),
      )
    : undefined;
  return {
    summary: endpoint.summary,
    ...(endpoint.access === 'public' ? { security: [] } : {}),
    ...(parameters ? { parameters } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(endpoint.documentedBody ?? endpoint.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

const blobOperation = {
  summary: 'A content file by SHA-256, with ETag, Range and If-Range (resumable downloads).',
  parameters: [
    { name: 'sha256', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
    { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=1048576-' } },
    { name: 'If-Range', in: 'header', required: false, schema: { type: 'string' } },
    { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
  ],
  responses: {
    200: { description: 'The whole file', content: { 'application/octet-stream': {} } },
    206: { description: 'The requested range', content: { 'application/octet-stream': {} } },
    304: { description: 'Not modified (ETag matched)' },
    401: errorResponse('TOKEN_MISSING, TOKEN_INVALID or DEVICE_REVOKED'),
    404: errorResponse('NOT_FOUND'),
    416: errorResponse('RANGE_NOT_SATISFIABLE'),
  },
};

/** The OpenAPI 3.1 document of the hub's API, generated from the zod schemas in src/shared/sync-api.ts. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operation(endpoint) };
  }
  paths['/v1/content/blobs/{sha256}'] = { get: blobOperation, head: blobOperation };
  paths['/openapi.json'] = {
    get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneTeam Field hub',
      version: SYNC_API_VERSION,
      description:
        'Sync, enrolment and content for OneTeam Field devices. Every error body is { error: { code, message } }.',
    },
    servers: [{ url: '/' }],
    security: [{ deviceToken: [] }],
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: '<deviceId>.<secret> from POST /v1/enrol' },
      },
      schemas: { Error: schemaOf(HubErrorBody, 'output') },
    },
    paths,
  };
}
