/**
 * Database constraint errors that are the client's doing, as 4xx problems naming the field: a value
 * that refers to nothing (foreign key), a value already taken (unique), a record gone, a value
 * PostgreSQL cannot read. Mapped here, once, for every route (see errorHandler.ts).
 */
export type DatabaseProblem = { statusCode: number; message: string; issues?: Array<{ path: string; message: string }> };

type AdapterCause = {
  originalCode?: string;
  originalMessage?: string;
  kind?: string;
  constraint?: { index?: string; fields?: string[] };
  column?: string;
};
type PrismaLikeError = {
  name?: string;
  code?: unknown;
  meta?: { target?: unknown; field_name?: unknown; modelName?: unknown; driverAdapterError?: { cause?: AdapterCause } };
};

/** `customers_locationId_fkey` → locationId; `leads_dealerId_externalId_key` → dealerId, externalId. */
function columnsOfConstraint(name: string): string[] {
  const match = /^[a-z0-9]+(?:_[a-z0-9]+)*?_([A-Za-z][\w]*)_(?:fkey|key)$/.exec(name);
  return match ? match[1].split('_').filter(Boolean) : [];
}

function fieldsOf(error: PrismaLikeError): string[] {
  const meta = error.meta ?? {};
  const cause = meta.driverAdapterError?.cause;
  if (Array.isArray(meta.target)) return meta.target.map(String);
  if (cause?.constraint?.fields?.length) return cause.constraint.fields.map((f) => f.replace(/"/g, ''));
  const named = [typeof meta.target === 'string' ? meta.target : undefined, cause?.constraint?.index, String(meta.field_name ?? '')]
    .filter((n): n is string => Boolean(n))
    .flatMap((n) => columnsOfConstraint(n.replace(/ \(index\)$/, '')));
  if (named.length) return named;
  return cause?.column ? [cause.column] : [];
}

const isPrismaError = (error: unknown): error is PrismaLikeError =>
  typeof error === 'object' && error !== null && /^PrismaClient\w*Error$/.test((error as { name?: string }).name ?? '');

export function databaseProblem(error: unknown): DatabaseProblem | undefined {
  if (!isPrismaError(error)) return undefined;
  const fields = fieldsOf(error);
  const named = (message: string, statusCode: number): DatabaseProblem => {
    const issues = (fields.length ? fields : ['body']).map((path) => ({ path, message }));
    return { statusCode, message: `${fields.length ? fields.join(', ') : 'a field'}: ${message}`, issues };
  };
  const cause = error.meta?.driverAdapterError?.cause;
  const sqlState = cause?.originalCode;
  switch (error.code) {
    case 'P2002':
      return named('a record with this value exists already', 409);
    case 'P2003':
      return named('refers to a record that does not exist (or belongs to another dealer)', 400);
    case 'P2025':
      return { statusCode: 404, message: `the ${String(error.meta?.modelName ?? 'record').toLowerCase()} was not found` };
    case 'P2000':
      return named('too long for the database column', 400);
    case 'P2011':
      return named('is required', 400);
    case 'P2023':
      return named('is not a valid value (e.g. not a UUID)', 400);
  }
  // PostgreSQL's own classes: 22 = data exception (invalid uuid, NUL in text, out of range), 23 = integrity.
  if (sqlState === '22P02') return named('is not a valid value (e.g. not a UUID)', 400);
  if (sqlState === '22021' || sqlState === '22P05') return named('contains a character the database cannot store', 400);
  if (sqlState?.startsWith('22')) return named(`is out of range or malformed (${cause?.originalMessage ?? sqlState})`, 400);
  return undefined;
}
