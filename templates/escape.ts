const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

const NEEDS_ESCAPE = /[&<>"'`\u0100-\uffff]/;
const ESCAPE_ALL = /[\ud800-\udbff][\udc00-\udfff]|[&<>"'`\u0100-\uffff]/g;

function escapeChar(ch: string): string {
  return HTML_ESCAPES[ch] ?? `&#${ch.codePointAt(0)};`;
}

/**
 * Escapes a value for HTML text and for quoted attribute values alike. Characters beyond Latin-1
 * (dashes, quotes, emoji) become numeric references, so the HTML stays a compact one-byte string.
 */
export function escapeHtml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE_ALL, escapeChar) : value;
}

/** Plain text and subjects are not HTML; they are filled in unchanged. */
export function keepPlain(value: string): string {
  return value;
}

const BEYOND_LATIN1 = /[\ud800-\udbff][\udc00-\udfff]|[\u0100-\uffff]/g;

/**
 * Done once on the compiled HTML: drops indentation (runs of whitespace with a line break become
 * one line break, which HTML treats the same) and writes characters beyond Latin-1 as numeric
 * references. Placeholders are untouched.
 */
export function compactHtml(html: string): string {
  return html.replace(/[ \t]*\r?\n\s*/g, '\n').replace(BEYOND_LATIN1, (ch) => `&#${ch.codePointAt(0)};`);
}
