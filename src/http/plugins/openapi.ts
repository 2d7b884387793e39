import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

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
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/'))
        return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0 },
  });
  app.get('/api/openapi.json', { config: { rateLimit: false } }, async () => app.swagger());
}
