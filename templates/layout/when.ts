/**
 * Wraps MJML components in a placeholder section that MJML passes through untouched
 * (`<mj-raw>` markers), so optional blocks are decided per message, not per compile.
 */
export function whenSet(path: string, mjml: string): string {
  return `<mj-raw>{{#${path}}}</mj-raw>\n${mjml}\n<mj-raw>{{/${path}}}</mj-raw>`;
}

export function whenMissing(path: string, mjml: string): string {
  return `<mj-raw>{{^${path}}}</mj-raw>\n${mjml}\n<mj-raw>{{/${path}}}</mj-raw>`;
}
