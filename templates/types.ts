import type { z } from 'zod';

/** Languages every template ships in. German is the default and the fallback. */
export const SUPPORTED_LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/**
 * - `marketing`: advertising under §7 UWG; footer carries imprint, objection notice and unsubscribe link.
 * - `transactional`: no advertising (e.g. double opt-in); footer carries the imprint only.
 * - `staff`: internal emails to dealership staff; simple layout without the customer footer.
 */
export type TemplateCategory = 'marketing' | 'transactional' | 'staff';

/** The texts of one template in one language. All strings may contain `{{placeholders}}`. */
export interface TemplateTexts {
  subject: string;
  preheader: string;
  /** MJML for the content area only; header and footer come from the shared layout. */
  mjmlBody: string;
  /** Plain-text alternative for the content area; header and footer come from the shared text layout. */
  textBody: string;
}

/** Extra values computed from the validated variables, e.g. localized labels for enum values. */
export type DeriveVariables<V> = (variables: V, language: Language) => Record<string, unknown>;

export interface TemplateDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  category: TemplateCategory;
  /** One line for `listTemplates()` and the CLI. */
  description: string;
  variables: S;
  /**
   * Realistic values used by the preview, the tests and the benchmark; a function when the
   * values differ by language (pre-formatted dates).
   */
  sampleVariables: z.input<S> | ((language: Language) => z.input<S>);
  texts: Record<Language, TemplateTexts>;
  derive?: DeriveVariables<z.output<S>>;
}

/** Helper that keeps the variable type of a definition checked against its schema. */
export function defineTemplate<S extends z.ZodType>(definition: TemplateDefinition<S>): TemplateDefinition<S> {
  return definition;
}

/** The sample variables of a template in one language. */
export function sampleVariablesFor(definition: TemplateDefinition, language: Language): unknown {
  const samples = definition.sampleVariables;
  return typeof samples === 'function' ? (samples as (l: Language) => unknown)(language) : samples;
}
