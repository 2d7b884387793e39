import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { packageRoot } from '../../lib/package-root.js';

/**
 * The OpenAPI document is built from the zod schemas of the /api/v1 routes (pages are left out)
 * and served at /api/openapi.json, with Swagger UI at /api/docs, all from Tollgate itself.
 */
export async function registerOpenApi(app: FastifyInstance, baseUrl: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tollgate API',
        version: '1',
        description:
          'Subscription billing and access automation. Authenticate with a staff session cookie. ' +
          'Errors are JSON: {"error": {"code", "message", "fields"}}; `fields` names each bad input.',
      },
      servers: [{ url: baseUrl }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tollgate_session' } },
      },
      security: [{ session: [] }],
    },
    // Lists the schemas named with .meta({ id }) under components, where their $refs point.
    transformObject: jsonSchemaTransformObject,
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/'))
        return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI's own policy allows any https host and its online validator; ours allows nothing
    // outside Tollgate. Swagger UI sets inline styles, so only these pages allow them.
    transformStaticCSP: (header) =>
      header
        .replaceAll(' https:', '')
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', '')
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    logo: { type: 'image/svg+xml', content: readFileSync(join(packageRoot, 'public', 'favicon.svg')) },
    uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0, validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { rateLimit: false } }, async () => app.swagger());
}
