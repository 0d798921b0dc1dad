/** Small MJML building blocks so template definitions read like the email they produce. */

/** A block of running text; pass HTML paragraphs (`<p>…</p>`). */
export function copy(html: string): string {
  return `<mj-text>${html}</mj-text>`;
}

/** A call-to-action button whose link comes from a variable path, e.g. `button('Termin buchen', 'location.bookingUrl')`. */
export function button(label: string, urlPath: string): string {
  return `<mj-button href="{{${urlPath}}}">${label}</mj-button>`;
}

/** A highlighted box (offers, escalation notes). */
export function callout(html: string): string {
  return `<mj-text background-color="#eef3fa" container-background-color="#eef3fa" padding="12px 28px">${html}</mj-text>`;
}

/** Closing lines, e.g. `signOff('Herzliche Grüße', '{{salesperson.name}}', '{{branding.dealerName}}')`. */
export function signOff(...lines: string[]): string {
  return `<mj-text padding="12px 28px 4px">${lines.join('<br />')}</mj-text>`;
}
