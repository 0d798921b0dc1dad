/**
 * `npm run build`, last step: MJML's HTML of every template in every language, into dist/templates/prebuilt-html.json
 * (see prebuiltHtml.ts). Run: node dist/templates/buildPrebuiltHtml.js
 */
import fs from 'node:fs';
import { compileWithMjml } from './compile';
import { buildMjml } from './layout/document';
import { mjmlHash, PREBUILT_HTML_FILE } from './prebuiltHtml';
import { templateRegistry } from './registry';
import { SUPPORTED_LANGUAGES } from './types';

async function main(): Promise<void> {
  const entries: Record<string, { mjmlSha256: string; html: string }> = {};
  for (const definition of templateRegistry.all()) {
    for (const language of SUPPORTED_LANGUAGES) {
      const key = `${definition.id}:${language}`;
      const mjml = buildMjml(definition, language);
      entries[key] = { mjmlSha256: mjmlHash(mjml), html: await compileWithMjml(mjml, key) };
    }
  }
  fs.writeFileSync(PREBUILT_HTML_FILE, JSON.stringify(entries));
  process.stdout.write(`prebuilt template HTML: ${PREBUILT_HTML_FILE} (${Object.keys(entries).length} templates × languages)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`prebuilding the template HTML failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
