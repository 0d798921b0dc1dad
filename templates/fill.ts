import type { ParsedTemplate, TemplateNode } from './placeholders';

export type Escape = (value: string) => string;

/** Raised when a template uses a placeholder whose value is not set (a template bug, not bad input). */
export class TemplateFillError extends Error {
  constructor(
    readonly templateName: string,
    readonly placeholder: string,
  ) {
    super(
      `${templateName}: placeholder {{${placeholder}}} has no value; guard optional values with {{#${placeholder}}}…{{/${placeholder}}}`,
    );
    this.name = 'TemplateFillError';
  }
}

function lookup(frames: unknown[], path: string[]): unknown {
  if (path.length === 0) return frames[frames.length - 1];
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (frame !== null && typeof frame === 'object' && path[0] in frame) {
      let value: unknown = frame;
      for (const key of path) {
        if (value === null || typeof value !== 'object') return undefined;
        value = (value as Record<string, unknown>)[key];
      }
      return value;
    }
  }
  return undefined;
}

function isShown(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== '';
}

function fillNodes(nodes: TemplateNode[], frames: unknown[], escape: Escape, name: string): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    const value = lookup(frames, node.path);
    if (node.kind === 'value') {
      if (value === undefined || value === null) throw new TemplateFillError(name, node.source);
      if (typeof value === 'object') throw new TemplateFillError(name, `${node.source} (is a list or object, not text)`);
      out += escape(typeof value === 'string' ? value : String(value));
    } else if (node.inverted) {
      if (!isShown(value)) out += fillNodes(node.children, frames, escape, name);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        frames.push(item);
        out += fillNodes(node.children, frames, escape, name);
        frames.pop();
      }
    } else if (isShown(value)) {
      const pushed = typeof value === 'object';
      if (pushed) frames.push(value);
      out += fillNodes(node.children, frames, escape, name);
      if (pushed) frames.pop();
    }
  }
  return out;
}

/**
 * Fills a parsed template with values; `escape` decides HTML-escaping (HTML) or none (text, subject).
 * `overlay` adds values on top of `context` without copying it (looked up first).
 */
export function fillTemplate(template: ParsedTemplate, context: object, escape: Escape, name: string, overlay?: object): string {
  return fillNodes(template.nodes, overlay ? [context, overlay] : [context], escape, name);
}
