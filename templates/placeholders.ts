/**
 * A small, logic-less placeholder language (a subset of Mustache) that survives MJML:
 *
 * - `{{customer.lastName}}`  the value at that path (HTML-escaped when filled into HTML)
 * - `{{#touchpoints}}…{{/touchpoints}}`  repeat for each item of a list, or show once when the value is set
 * - `{{^claimUrl}}…{{/claimUrl}}`  show only when the value is missing, false or an empty list
 * - `{{.}}`  the current list item (for lists of strings)
 *
 * Inside a section, paths are looked up in the current item first, then outwards.
 * There is deliberately no way to insert unescaped HTML.
 */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string[]; source: string }
  | { kind: 'section'; path: string[]; source: string; inverted: boolean; children: TemplateNode[] };

export interface ParsedTemplate {
  nodes: TemplateNode[];
  /** Every placeholder path used, for diagnostics. */
  paths: string[];
}

const TAG = /\{\{\s*([#^/]?)\s*([^{}]*?)\s*\}\}/g;
const PATH = /^(\.|[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*)$/;

function toPath(source: string): string[] {
  return source === '.' ? [] : source.split('.');
}

/** Parses a template string once; the result is filled many times. */
export function parsePlaceholders(template: string, name: string): ParsedTemplate {
  if (template.includes('{{{')) {
    throw new Error(`${name}: triple braces (unescaped output) are not supported`);
  }
  const root: TemplateNode[] = [];
  const stack: { source: string; children: TemplateNode[] }[] = [{ source: '', children: root }];
  const paths = new Set<string>();
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const [whole, sigil, source] = match;
    const index = match.index ?? 0;
    const current = stack[stack.length - 1].children;
    if (index > last) current.push({ kind: 'text', text: template.slice(last, index) });
    last = index + whole.length;
    if (!PATH.test(source)) throw new Error(`${name}: invalid placeholder "${whole}"`);
    paths.add(source);
    if (sigil === '/') {
      const open = stack.pop();
      if (!open || stack.length === 0 || open.source !== source) {
        throw new Error(`${name}: "${whole}" closes "${open?.source ?? 'nothing'}"`);
      }
    } else if (sigil === '#' || sigil === '^') {
      const section: TemplateNode = { kind: 'section', path: toPath(source), source, inverted: sigil === '^', children: [] };
      current.push(section);
      stack.push({ source, children: section.children });
    } else {
      current.push({ kind: 'value', path: toPath(source), source });
    }
  }
  if (stack.length > 1) throw new Error(`${name}: section "{{#${stack[stack.length - 1].source}}}" is never closed`);
  if (last < template.length) root.push({ kind: 'text', text: template.slice(last) });
  return { nodes: mergeText(root), paths: [...paths] };
}

function mergeText(nodes: TemplateNode[]): TemplateNode[] {
  const merged: TemplateNode[] = [];
  for (const node of nodes) {
    const previous = merged[merged.length - 1];
    if (node.kind === 'text' && previous?.kind === 'text') previous.text += node.text;
    else if (node.kind === 'section') merged.push({ ...node, children: mergeText(node.children) });
    else merged.push(node);
  }
  return merged;
}
