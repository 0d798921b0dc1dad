/**
 * Renders a template with its sample variables to an HTML file (plus a .txt with subject,
 * preheader and plain text) and prints the path.
 *
 *   npx tsx templates/preview.ts <templateId> [--lang en] [--vars file.json] [--branding file.json] [--out file.html]
 *   npx tsx templates/preview.ts --list
 *
 * `--vars` is merged over the sample variables (objects merge, lists and values replace).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sampleBranding, type Branding } from './branding';
import { resolveLanguage } from './language';
import { getTemplate, listTemplates } from './registry';
import { renderMessage, type RenderedMessage } from './render';
import { sampleVariablesFor } from './types';

export interface PreviewOptions {
  templateId: string;
  language?: string;
  /** Values merged over the template's sample variables. */
  variables?: Record<string, unknown>;
  branding?: Branding;
  /** Where to write the HTML; defaults to a file in the system temp directory. */
  outFile?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergeVariables(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeVariables(base[key], value);
  return merged;
}

/** Renders the preview and writes `<out>.html` and `<out>.txt`; returns the paths and the message. */
export async function previewTemplate(options: PreviewOptions): Promise<{ htmlFile: string; textFile: string; message: RenderedMessage }> {
  const definition = getTemplate(options.templateId);
  const language = resolveLanguage(options.language);
  const variables = mergeVariables(sampleVariablesFor(definition, language), options.variables ?? {});
  const message = await renderMessage({ templateId: definition.id, language, variables, branding: options.branding ?? sampleBranding });
  const htmlFile = path.resolve(options.outFile ?? path.join(os.tmpdir(), 'stammkunde-preview', `${definition.id}.${language}.html`));
  const textFile = htmlFile.replace(/\.html?$/i, '') + '.txt';
  fs.mkdirSync(path.dirname(htmlFile), { recursive: true });
  fs.writeFileSync(htmlFile, message.html);
  fs.writeFileSync(textFile, `Subject: ${message.subject}\nPreheader: ${message.preheader}\n\n${message.text}`);
  return { htmlFile, textFile, message };
}

function readJson(file: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${what} file ${file}: ${(error as Error).message}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('preview')
    .description('Render an email template with sample variables to an HTML file')
    .argument('[templateId]', 'template to render (see --list)')
    .option('--lang <language>', 'de or en (unknown languages fall back to de)', 'de')
    .option('--vars <file>', 'JSON file merged over the sample variables')
    .option('--branding <file>', 'JSON file with the dealer branding (default: a sample dealer)')
    .option('--out <file>', 'HTML file to write')
    .option('--list', 'list the templates')
    .parse(argv);
  const opts = program.opts<{ lang: string; vars?: string; branding?: string; out?: string; list?: boolean }>();
  const [templateId] = program.args;
  if (opts.list || !templateId) {
    for (const t of listTemplates()) console.log(`${t.id.padEnd(30)} ${t.category.padEnd(14)} ${t.description}`);
    if (!opts.list) process.exitCode = 1;
    return;
  }
  const { htmlFile, textFile, message } = await previewTemplate({
    templateId,
    language: opts.lang,
    variables: opts.vars ? readJson(opts.vars, 'variables') : undefined,
    branding: opts.branding ? (readJson(opts.branding, 'branding') as Branding) : undefined,
    outFile: opts.out,
  });
  console.log(`Subject (${message.language}): ${message.subject}`);
  console.log(textFile);
  console.log(htmlFile);
}

if (require.main === module) {
  main(process.argv).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
