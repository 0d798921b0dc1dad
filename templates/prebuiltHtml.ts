import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * MJML's output for every template and language, written by `npm run build` beside the compiled code
 * (dist/templates/prebuilt-html.json), so a production worker never loads MJML (58 MB of its memory) to compile
 * templates it could have got ready-made. Each entry carries the hash of the MJML document it came from: a template
 * changed since the build misses and is compiled as before, so the file can never serve stale HTML.
 */
export type PrebuiltHtml = ReadonlyMap<string, { mjmlSha256: string; html: string }>;

export const PREBUILT_HTML_FILE = path.join(__dirname, 'prebuilt-html.json');

export const mjmlHash = (mjml: string) => crypto.createHash('sha256').update(mjml).digest('hex');

/** The prebuilt HTML if the build wrote it (from dist/), otherwise an empty map (from the sources, in development). */
export function loadPrebuiltHtml(file = PREBUILT_HTML_FILE): PrebuiltHtml {
  if (!fs.existsSync(file)) return new Map();
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { mjmlSha256: string; html: string }>;
  return new Map(Object.entries(entries));
}

/** The prebuilt HTML for this document, if there is one for exactly this MJML. */
export function prebuiltFor(prebuilt: PrebuiltHtml, key: string, mjml: string): string | undefined {
  const entry = prebuilt.get(key);
  return entry && entry.mjmlSha256 === mjmlHash(mjml) ? entry.html : undefined;
}
