import type { z } from 'zod';
import { brandingSchema, type Branding } from './branding';
import { createTemplateCompiler, type CompiledTemplate, type CompileStats, type TemplateCompiler } from './compile';
import { TemplateVariablesError, type VariableProblem } from './errors';
import { escapeHtml, keepPlain } from './escape';
import { fillTemplate } from './fill';
import { resolveLanguage } from './language';
import { templateRegistry, type TemplateRegistry } from './registry';
import { SUPPORTED_LANGUAGES, type Language, type TemplateCategory, type TemplateDefinition } from './types';

export interface RenderRequest {
  templateId: string;
  /** The customer's (or staff member's) language; unknown or missing languages fall back to German. */
  language?: string | null;
  variables: unknown;
  branding: Branding;
}

export interface RenderedMessage {
  templateId: string;
  category: TemplateCategory;
  /** The language actually used (after fallback). */
  language: Language;
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

function problemsOf(issues: z.core.$ZodIssue[], prefix: string[] = []): VariableProblem[] {
  return issues.map((issue) => ({ path: [...prefix, ...issue.path.map(String)].join('.'), problem: issue.message }));
}

/** Checks variables and branding against the template; throws one error listing every problem. */
export function validateRequest(definition: TemplateDefinition, language: Language, variables: unknown, branding: unknown) {
  const parsedVariables = definition.variables.safeParse(variables);
  const parsedBranding = brandingSchema.safeParse(branding);
  const problems: VariableProblem[] = [
    ...(parsedVariables.success ? [] : problemsOf(parsedVariables.error.issues)),
    ...(parsedBranding.success ? [] : problemsOf(parsedBranding.error.issues, ['branding'])),
  ];
  if (parsedBranding.success && definition.category === 'marketing' && !parsedBranding.data.unsubscribeUrl) {
    problems.push({ path: 'branding.unsubscribeUrl', problem: 'required for marketing emails (§7 UWG, RFC 8058)' });
  }
  if (problems.length > 0 || !parsedVariables.success || !parsedBranding.success) {
    throw new TemplateVariablesError(definition.id, language, problems);
  }
  const brandingForCategory = definition.category === 'staff' ? { ...parsedBranding.data, unsubscribeUrl: undefined } : parsedBranding.data;
  return { variables: parsedVariables.data as Record<string, unknown>, branding: brandingForCategory };
}

/** Subjects and preheaders are one line: whitespace runs become one space (most need nothing, so test first). */
const NOT_ONE_LINE = /\s\s|[^\S ]|^ | $/;
const oneLine = (s: string) => (NOT_ONE_LINE.test(s) ? s.replace(/\s+/g, ' ').trim() : s);

/** What placeholders see: the variables, values derived from them, and `branding`. */
export function messageContext(
  definition: TemplateDefinition,
  language: Language,
  validated: ReturnType<typeof validateRequest>,
): Record<string, unknown> {
  return { ...validated.variables, ...definition.derive?.(validated.variables, language), branding: validated.branding };
}

/** Fills a compiled template: subject and preheader first (plain), then HTML (escaped) and text (plain). */
export function fillMessage(compiled: CompiledTemplate, context: Record<string, unknown>) {
  const name = `${compiled.templateId}:${compiled.language}`;
  const subject = oneLine(fillTemplate(compiled.subject, context, keepPlain, `${name} subject`));
  const preheader = oneLine(fillTemplate(compiled.preheader, context, keepPlain, `${name} preheader`));
  const meta = { meta: { subject, preheader, language: compiled.language } };
  return {
    subject,
    preheader,
    html: fillTemplate(compiled.html, context, escapeHtml, `${name} html`, meta),
    text: fillTemplate(compiled.text, context, keepPlain, `${name} text`, meta),
  };
}

export function createRenderer(compiler: TemplateCompiler = createTemplateCompiler(), registry: TemplateRegistry = templateRegistry) {
  async function renderMessage(request: RenderRequest): Promise<RenderedMessage> {
    const definition = registry.get(request.templateId);
    const language = resolveLanguage(request.language);
    const validated = validateRequest(definition, language, request.variables, request.branding);
    const compiled = await compiler.compiled(definition, language);
    const context = messageContext(definition, language, validated);
    return { templateId: definition.id, category: definition.category, language, ...fillMessage(compiled, context) };
  }

  /** Compiles every template in every language now (e.g. at worker start), instead of on first use. */
  async function precompileAll(): Promise<CompileStats> {
    for (const definition of registry.all()) {
      for (const language of SUPPORTED_LANGUAGES) await compiler.compiled(definition, language);
    }
    return compiler.stats();
  }

  return { renderMessage, precompileAll, compileStats: () => compiler.stats() };
}

export type TemplateRenderer = ReturnType<typeof createRenderer>;

const defaultRenderer = createRenderer();

/** Renders one message: validates variables, picks the language, fills the precompiled template. */
export function renderMessage(request: RenderRequest): Promise<RenderedMessage> {
  return defaultRenderer.renderMessage(request);
}

export function precompileAllTemplates(): Promise<CompileStats> {
  return defaultRenderer.precompileAll();
}

export function templateCompileStats(): CompileStats {
  return defaultRenderer.compileStats();
}
