import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../db/generated/client';
import { authenticateApiKey, type AuthenticatedKey } from './apiKeys';
import { ApiProblem } from './problems';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: AuthenticatedKey;
  }
  interface FastifyContextConfig {
    /** Reachable without an API key (signed-link pages, docs). */
    public?: boolean;
  }
}

/** The cockpit has its own login (session cookie), see cockpit/routes.ts. */
const publicPrefixes = ['/docs', '/openapi.json', '/cockpit'];

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  const header = request.headers['x-api-key'];
  return Array.isArray(header) ? header[0] : header;
}

/** Every route needs `Authorization: Bearer <key>` (or `X-API-Key`) unless its config says public. */
export function installApiKeyAuth(app: FastifyInstance, prisma: PrismaClient): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (request.routeOptions.config?.public || publicPrefixes.some((p) => path === p || path.startsWith(`${p}/`))) return;
    const key = presentedKey(request);
    if (key === undefined) throw new ApiProblem(401, 'missing API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"');
    if (!key) throw new ApiProblem(401, 'malformed Authorization header: expected "Bearer <key>"');
    const authenticated = await authenticateApiKey(prisma, key);
    if (!authenticated) throw new ApiProblem(403, 'API key unknown or revoked');
    request.apiKey = authenticated;
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dealer a request acts for: the key's dealer; for a key bound to no dealer (an operator key),
 * the `X-Dealer-Id` header, or the only dealer when the installation has just one.
 */
export async function dealerIdFor(prisma: PrismaClient, request: FastifyRequest): Promise<string> {
  if (request.apiKey?.dealerId) return request.apiKey.dealerId;
  const header = request.headers['x-dealer-id'];
  const given = Array.isArray(header) ? header[0] : header;
  if (given) {
    if (!uuidPattern.test(given))
      throw new ApiProblem(400, 'X-Dealer-Id: must be a dealer id (UUID)', [{ path: 'X-Dealer-Id', message: 'must be a UUID' }]);
    const dealer = await prisma.dealer.findUnique({ where: { id: given }, select: { id: true } });
    if (!dealer) throw new ApiProblem(404, `dealer ${given} not found`);
    return dealer.id;
  }
  const dealers = await prisma.dealer.findMany({ select: { id: true }, take: 2 });
  if (dealers.length === 1) return dealers[0].id;
  throw new ApiProblem(400, 'X-Dealer-Id: this API key is not bound to a dealer; say which dealer with the X-Dealer-Id header', [
    { path: 'X-Dealer-Id', message: 'required for keys not bound to a dealer' },
  ]);
}
