import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiProblem } from './problems';

/**
 * One error handler for the whole API: client mistakes get their 4xx with a message naming the
 * field and the problem; only genuine faults become a 500 (logged, without internals in the body).
 */
export type ProblemBody = {
  statusCode: number;
  error: string;
  message: string;
  issues?: Array<{ path: string; in?: string; message: string }>;
};

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

export function problem(statusCode: number, message: string, issues?: ProblemBody['issues']): ProblemBody {
  return { statusCode, error: reasons[statusCode] ?? 'Error', message, ...(issues ? { issues } : {}) };
}

const locationNames: Record<string, string> = { body: 'body', params: 'path', querystring: 'query', headers: 'header' };

function validationProblem(error: FastifyError): ProblemBody {
  const where = locationNames[error.validationContext ?? 'body'] ?? 'body';
  const issues = (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    return { path: path || where, in: where, message: issue.message ?? 'invalid' };
  });
  const summary = issues.map((i) => `${i.path === where ? where : `${where}.${i.path}`}: ${i.message}`).join('; ');
  return problem(400, summary || `invalid ${where}`, issues);
}

/** Prisma's known request errors that are the client's doing. */
function prismaProblem(error: unknown): ProblemBody | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'P2002') {
    const target = (error as { meta?: { target?: unknown } }).meta?.target;
    return problem(409, `conflicts with an existing record${target ? ` (${String(target)})` : ''}`);
  }
  if (code === 'P2025') return problem(404, 'the record was not found');
  return undefined;
}

function fastifyClientProblem(error: FastifyError): ProblemBody | undefined {
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(413, 'body: too large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return problem(
      415,
      `Content-Type: ${error.message.replace(/^Unsupported Media Type:?\s*/, '') || 'unsupported'}; send application/json`,
    );
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return problem(400, 'body: empty, but Content-Type is application/json');
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return problem(400, `body: not valid JSON (${error.message})`);
  return problem(status, error.message);
}

export function installErrorHandler(app: FastifyInstance, options: { bodyLimitKiB: number }): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    let body: ProblemBody | undefined;
    if (error instanceof ApiProblem) body = problem(error.statusCode, error.message, error.issues);
    else if (hasZodFastifySchemaValidationErrors(error)) body = validationProblem(error);
    else body = prismaProblem(error) ?? fastifyClientProblem(error);
    if (body?.statusCode === 413) body.message = `body: larger than the limit of ${options.bodyLimitKiB} KiB`;
    if (!body) {
      request.log.error({ err: error }, 'request failed');
      body = problem(500, 'internal error; the request was not applied, please retry later');
    }
    return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(problem(404, `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
