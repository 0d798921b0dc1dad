/**
 * Email templates for customers (German by default, English) and dealership staff.
 *
 * - MJML is compiled to HTML once per template and language (on first use, or all at once with
 *   `precompileAllTemplates()`); each message only fills `{{placeholders}}` into that HTML.
 * - Every value filled into HTML is escaped (text and attributes); subjects and plain text are not HTML.
 * - Dates are passed pre-formatted in the recipient's language; see `formatting.ts` for the helpers.
 */
export { renderMessage, precompileAllTemplates, templateCompileStats, createRenderer } from './render';
export type { RenderRequest, RenderedMessage, TemplateRenderer } from './render';
export { listTemplates, getTemplate, createRegistry } from './registry';
export type { TemplateSummary } from './registry';
export { createTemplateCompiler, compileWithMjml } from './compile';
export type { CompileStats, MjmlCompiler } from './compile';
export { TemplateVariablesError, UnknownTemplateError } from './errors';
export { resolveLanguage, DEFAULT_LANGUAGE } from './language';
export { brandingSchema, sampleBranding } from './branding';
export type { Branding } from './branding';
export { OBJECTION_NOTICE } from './layout/footer';
export * from './formatting';
export { sampleVariablesFor } from './types';
export type { Language, TemplateCategory, TemplateDefinition } from './types';
