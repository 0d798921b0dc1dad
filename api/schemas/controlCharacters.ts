import { z } from 'zod';
import { MULTILINE_META } from '../../config/freeText';

/**
 * Control characters are refused at the edge, in every text field of every route (body, query, path,
 * headers), by one zod refinement that the validator compiler puts in front of each route schema
 * (api/validation.ts). A NUL would otherwise reach PostgreSQL and fail there; a CR/LF in a name would
 * end up in mail headers and pages.
 *
 * - NUL: refused everywhere.
 * - Single-line fields (the default: names, ids, emails, keys of maps): every C0 control character
 *   (U+0000–U+001F) and DEL are refused, tab included.
 * - Free-text fields (messages, notes, consent wording), marked with freeText() (config/freeText.ts): line breaks and
 *   tab are allowed, every other C0 control character and DEL are refused.
 */

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
const FREE_TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const characterNames: Record<number, string> = { 0: 'NUL', 9: 'tab', 10: 'LF (line break)', 13: 'CR (line break)', 127: 'DEL' };
const nameOf = (char: string) => {
  const code = char.charCodeAt(0);
  return characterNames[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** The problem with a text value, or undefined when it has no forbidden control character. */
export function controlCharacterProblem(value: string, freeText: boolean): string | undefined {
  const found = (freeText ? FREE_TEXT_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(value);
  if (!found) return undefined;
  const allowed = freeText ? 'line breaks and tab are allowed, other control characters are not' : 'a single line of text is expected';
  return `must not contain control characters (${nameOf(found[0])} at position ${found.index + 1}; ${allowed})`;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType;
  getter?: () => z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/** The schemas a value at `key` of an object or array described by `schemas` is checked against. */
function childSchemas(schemas: z.ZodType[], key: string | number, isArray: boolean): z.ZodType[] {
  const children: z.ZodType[] = [];
  for (const schema of schemas) {
    const def = defOf(schema);
    if (def.type === 'unknown' || def.type === 'any') children.push(schema); // free-form JSON: checked all the way down
    if (isArray && def.type === 'array' && def.element) children.push(def.element);
    if (isArray && def.type === 'tuple') {
      const item = def.items?.[Number(key)] ?? def.rest;
      if (item) children.push(item);
    }
    if (!isArray && def.type === 'object') {
      const field = def.shape?.[String(key)] ?? def.catchall;
      if (field) children.push(field);
    }
    if (!isArray && def.type === 'record' && def.valueType) children.push(def.valueType);
  }
  return children;
}

/** Unwraps optional/default/pipe/union/… down to the schemas that describe the value itself; notes a multiline mark on the way. */
function resolve(schemas: z.ZodType[]): { schemas: z.ZodType[]; freeText: boolean } {
  const seen = new Set<z.ZodType>();
  const resolved: z.ZodType[] = [];
  let freeText = false;
  const visit = (schema: z.ZodType | undefined) => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    if (z.globalRegistry.get(schema)?.[MULTILINE_META] === true) freeText = true;
    const def = defOf(schema);
    if (WRAPPERS.has(def.type)) return visit(def.innerType);
    if (def.type === 'pipe') return visit(def.in);
    if (def.type === 'lazy') return visit(def.getter?.());
    if (def.type === 'union') return def.options?.forEach(visit);
    if (def.type === 'intersection') {
      visit(def.left);
      return visit(def.right);
    }
    resolved.push(schema);
  };
  schemas.forEach(visit);
  return { schemas: resolved, freeText };
}

type Issue = { path: Array<string | number>; message: string };

/** Every text value and map key in `value` with a forbidden control character, with its path. */
export function findControlCharacters(schema: z.ZodType, value: unknown): Issue[] {
  const issues: Issue[] = [];
  const walk = (schemas: z.ZodType[], node: unknown, path: Array<string | number>) => {
    const { schemas: described, freeText } = resolve(schemas);
    if (typeof node === 'string') {
      const message = controlCharacterProblem(node, freeText);
      if (message) issues.push({ path, message });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(childSchemas(described, index, true), item, [...path, index]));
      return;
    }
    if (node && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const keyProblem = controlCharacterProblem(key, false);
        if (keyProblem) issues.push({ path: [...path, key], message: `field name ${keyProblem}` });
        else {
          const children = childSchemas(described, key, false);
          // A field the schema does not declare is stripped or refused by the schema itself; headers carry many such.
          if (described.length > 0 && children.length === 0) continue;
          walk(children, item, [...path, key]);
        }
      }
    }
  };
  walk([schema], value, []);
  return issues;
}

/** The route schema behind the shared control-character refinement: refused before any other rule runs. */
export function refusingControlCharacters<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, unknown> {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const issue of findControlCharacters(schema, value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    })
    .pipe(schema) as unknown as z.ZodType<z.output<T>, unknown>;
}
