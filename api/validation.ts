import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { refusingControlCharacters } from './schemas/controlCharacters';

/**
 * The validator compiler for every route: the route's zod schema (body, query, path, headers), behind the
 * shared control-character refinement, so no route can forget it.
 */
export const validateRequestPart: FastifySchemaCompiler<z.ZodType> = ({ schema, ...rest }) =>
  validatorCompiler({ schema: refusingControlCharacters(schema), ...rest } as Parameters<typeof validatorCompiler>[0]);
