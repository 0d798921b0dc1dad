import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { componentLogger } from '../config/logger';
import { cockpitRoutes } from '../cockpit/routes';
import { nodeRequire } from '../db/nativeRequire';
import { installApiKeyAuth } from './auth';
import type { ApiDeps } from './deps';
import { installErrorHandler } from './errorHandler';
import { answerMethodNotAllowed } from './methodNotAllowed';
import { declarePageResponses } from './pageResponses';
import { acceptFormBodies } from './public/formBodies';
import { publicPageRoutes } from './public/publicPageRoutes';
import { apiRoutes } from './routes';
import { codecRoutes } from './routes/codecRoutes';
import { validateRequestPart } from './validation';

export type { ApiDeps } from './deps';

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The HTTP API: JSON routes for the DMS, website and dashboards (API key required), and the
 * public German pages behind signed links in emails, and the dealer's cockpit under /cockpit (login). Returns the app unstarted (tests use inject).
 */
export function buildApiApp(deps: ApiDeps) {
  const logger = deps.logger === false ? pino({ level: 'silent' }) : (deps.logger ?? componentLogger('api'));
  const app = Fastify({
    loggerInstance: logger as unknown as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Long path parameters reach the route's validation (400 naming the field) instead of a bare 414.
    routerOptions: { maxParamLength: 2048 },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validateRequestPart);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body would otherwise arrive as a string.
  app.removeContentTypeParser('text/plain');
  answerMethodNotAllowed(app);
  declarePageResponses(app);
  installErrorHandler(app, { bodyLimitKiB: BODY_LIMIT_BYTES / 1024 });
  installApiKeyAuth(app, deps.prisma);

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stammkunde API',
        description:
          'Customer, vehicle and lifecycle-event ingest from the dealer management system, leads from the website and portals, consent, journeys and KPIs. ' +
          'Every route except the public pages needs an API key: `Authorization: Bearer sk_…` or `X-API-Key: sk_…`.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key created with `stammkunde apikey create`' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Through Node's own require: @fastify/static pulls in an ES-module-only dependency jest cannot load.
  const swaggerUi = nodeRequire('@fastify/swagger-ui') as { default: typeof import('@fastify/swagger-ui').default };
  app.register(swaggerUi.default, { routePrefix: '/docs' });
  app.register(async (docs) => {
    docs.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  });

  app.register(apiRoutes(deps));
  app.register(codecRoutes(deps));
  app.register(async (pages) => {
    acceptFormBodies(pages);
    await pages.register(publicPageRoutes(deps));
  });
  app.register(cockpitRoutes(deps), { prefix: '/cockpit' });
  return app;
}
