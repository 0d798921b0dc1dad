import { compactHtml } from './escape';
import { buildMjml, buildText } from './layout/document';
import { parsePlaceholders, type ParsedTemplate } from './placeholders';
import { loadPrebuiltHtml, prebuiltFor, type PrebuiltHtml } from './prebuiltHtml';
import type { Language, TemplateDefinition } from './types';

/** Turns a complete MJML document into HTML. Injectable so tests can count compiles. */
export type MjmlCompiler = (mjml: string, name: string) => Promise<string>;

/** The real MJML compiler, strict: a template with invalid MJML fails loudly at compile time. */
export const compileWithMjml: MjmlCompiler = async (mjml, name) => {
  // Loaded on the first compile only: a worker from dist/ finds every template prebuilt and never needs MJML.
  const { default: mjml2html } = await import('mjml');
  try {
    const result = await mjml2html(mjml, { validationLevel: 'strict' });
    return result.html;
  } catch (error) {
    const details = (error as { details?: { formattedMessage?: string }[] }).details;
    const reason = details?.map((d) => d.formattedMessage).join('; ') || (error as Error).message;
    throw new Error(`MJML compile of ${name} failed: ${reason}`);
  }
};

/**
 * One template in one language, ready to fill: the HTML that MJML produced once, the plain text,
 * subject and preheader, each parsed into placeholder nodes.
 */
export interface CompiledTemplate {
  templateId: string;
  language: Language;
  subject: ParsedTemplate;
  preheader: ParsedTemplate;
  html: ParsedTemplate;
  text: ParsedTemplate;
}

export interface CompileStats {
  /** How often MJML ran in total. */
  mjmlCompiles: number;
  /** MJML runs per "templateId:language". */
  perTemplate: Record<string, number>;
}

export interface TemplateCompiler {
  /** The compiled template, compiling it on first use and reusing it afterwards. */
  compiled(definition: TemplateDefinition, language: Language): Promise<CompiledTemplate>;
  stats(): CompileStats;
  /** Drops every compiled template (e.g. after editing a template in development). */
  clear(): void;
}

/**
 * Compiles each template once per language. HTML that `npm run build` prebuilt for exactly this MJML is used as it is
 * (and not counted as a compile); anything else goes through `compileMjml`.
 */
export function createTemplateCompiler(
  compileMjml: MjmlCompiler = compileWithMjml,
  prebuilt: PrebuiltHtml = loadPrebuiltHtml(),
): TemplateCompiler {
  const cache = new Map<string, Promise<CompiledTemplate>>();
  const perTemplate: Record<string, number> = {};

  async function compile(definition: TemplateDefinition, language: Language, key: string): Promise<CompiledTemplate> {
    const texts = definition.texts[language];
    const mjml = buildMjml(definition, language);
    let html = prebuiltFor(prebuilt, key, mjml);
    if (html === undefined) {
      perTemplate[key] = (perTemplate[key] ?? 0) + 1;
      html = await compileMjml(mjml, key);
    }
    return {
      templateId: definition.id,
      language,
      subject: parsePlaceholders(texts.subject, `${key} subject`),
      preheader: parsePlaceholders(texts.preheader, `${key} preheader`),
      html: parsePlaceholders(compactHtml(html), `${key} html`),
      text: parsePlaceholders(buildText(definition, language), `${key} text`),
    };
  }

  return {
    compiled(definition, language) {
      const key = `${definition.id}:${language}`;
      let entry = cache.get(key);
      if (!entry) {
        entry = compile(definition, language, key);
        cache.set(key, entry);
        // A failed compile is not cached, so a fixed template compiles on the next try.
        entry.catch(() => cache.delete(key));
      }
      return entry;
    },
    stats() {
      const counts = Object.values(perTemplate);
      return { mjmlCompiles: counts.reduce((a, b) => a + b, 0), perTemplate: { ...perTemplate } };
    },
    clear() {
      cache.clear();
    },
  };
}
