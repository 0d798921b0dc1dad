import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { payloadEncryption } from '../../privacy/payloadEncryption';
import { PayloadKeyMissing } from '../../privacy/payloadCodec';
import { authenticateApiKey } from '../apiKeys';
import type { ApiDeps } from '../deps';
import { ApiProblem } from '../problems';

/**
 * The codec endpoint for the Temporal Web UI (Settings → Codec Server: http://<api>/codec): the UI
 * posts the payloads it shows and gets them decrypted, only for an authenticated user, i.e. with an
 * API key (`Authorization: Bearer …`) or the session cookie that GET /codec/session sets after the
 * user entered a key there. CORS admits the UI's origins (TEMPORAL_UI_ORIGINS). A payload whose key
 * was shredded stays encrypted.
 */
const SESSION_COOKIE = 'stammkunde_codec';
const SESSION_HOURS = 8;

const wirePayload = z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() }).passthrough();
const wireBody = z.object({ payloads: z.array(wirePayload) });
type WirePayload = z.infer<typeof wirePayload>;

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

function sign(secret: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(`codec-session:${value}`).digest('base64url');
}

function cookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  return header
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
}

export function codecRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const origins = new Set(
    deps.settings.TEMPORAL_UI_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  const secret = deps.settings.LINK_SIGNING_SECRET;
  const { codec } = payloadEncryption(deps.prisma, deps.settings);

  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Credentials', 'true');
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace, X-API-Key');
      reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      reply.header('Vary', 'Origin');
    }
  };

  /** The API key's id when the request carries a valid key or a valid, unexpired session cookie of a key not revoked since. */
  async function authenticated(request: FastifyRequest): Promise<string | undefined> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const header = request.headers['x-api-key'];
    const presented = bearer ?? (Array.isArray(header) ? header[0] : header);
    if (presented) return (await authenticateApiKey(deps.prisma, presented))?.id;
    const [keyId, expires, signature] = (cookieOf(request) ?? '').split('.');
    if (!keyId || !expires || !signature || Number(expires) < Date.now()) return undefined;
    const expected = sign(secret, `${keyId}.${expires}`);
    if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return undefined;
    const key = await deps.prisma.apiKey.findUnique({ where: { id: keyId }, select: { revokedAt: true } });
    return key && !key.revokedAt ? keyId : undefined;
  }

  const requireUser = async (request: FastifyRequest) => {
    const keyId = await authenticated(request);
    if (!keyId)
      throw new ApiProblem(401, 'codec: sign in with an API key (Authorization: Bearer <key>, or GET /codec/session in the browser)');
  };

  return async (app) => {
    app.addHook('onRequest', async (request, reply) => cors(request, reply));
    const hidden = { hide: true } as const;
    app.options('/codec/*', { config: { public: true }, schema: hidden }, async (_request, reply) => reply.code(204).send());

    app.post('/codec/decode', { config: { public: true }, schema: { ...hidden, body: wireBody } }, async (request) => {
      await requireUser(request);
      const payloads = await Promise.all(
        request.body.payloads.map(async (p) => {
          try {
            return toWire((await codec.decode([fromWire(p)]))[0]);
          } catch (error) {
            if (error instanceof PayloadKeyMissing) return p; // shredded: stays unreadable
            throw error;
          }
        }),
      );
      return { payloads };
    });

    app.post('/codec/encode', { config: { public: true }, schema: { ...hidden, body: wireBody } }, async (request) => {
      await requireUser(request);
      return { payloads: (await codec.encode(request.body.payloads.map(fromWire))).map(toWire) };
    });

    app.post('/codec/session', { config: { public: true }, schema: hidden }, async (request, reply) => {
      const keyId = await authenticated(request);
      if (!keyId) throw new ApiProblem(401, 'codec session: send a valid API key as "Authorization: Bearer <key>"');
      const expires = Date.now() + SESSION_HOURS * 3_600_000;
      const value = `${keyId}.${expires}`;
      reply.header(
        'Set-Cookie',
        `${SESSION_COOKIE}=${value}.${sign(secret, value)}; HttpOnly; SameSite=Lax; Path=/codec; Max-Age=${SESSION_HOURS * 3600}`,
      );
      return { signedInUntil: new Date(expires).toISOString() };
    });

    app.get('/codec/session', { config: { public: true }, schema: hidden }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(`<!doctype html><meta charset="utf-8"><title>Stammkunde codec</title>
<h1>Decrypted payloads in the Temporal Web UI</h1>
<p>Enter an API key (<code>stammkunde apikey create</code>). Then set the UI's codec server to this API's <code>/codec</code> with "include cross-origin credentials".</p>
<form id="f"><input id="k" type="password" size="50" placeholder="sk_…"> <button>Sign in for ${SESSION_HOURS} hours</button></form><p id="r"></p>
<script>document.getElementById('f').onsubmit=async(e)=>{e.preventDefault();const r=await fetch('/codec/session',{method:'POST',headers:{Authorization:'Bearer '+document.getElementById('k').value}});document.getElementById('r').textContent=r.ok?'Signed in.':'Not accepted.';};</script>`),
    );
  };
}
