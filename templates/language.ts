import { SUPPORTED_LANGUAGES, type Language } from './types';

export const DEFAULT_LANGUAGE: Language = 'de';

/**
 * The language a message is rendered in: the customer's language when we ship it
 * ("en", "en-GB", "EN_us" all mean English), otherwise German.
 */
export function resolveLanguage(requested: string | null | undefined): Language {
  const primary = (requested ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : DEFAULT_LANGUAGE;
}
