import { allTemplates } from './definitions';
import { UnknownTemplateError } from './errors';
import { SUPPORTED_LANGUAGES, type Language, type TemplateCategory, type TemplateDefinition } from './types';

export interface TemplateSummary {
  id: string;
  category: TemplateCategory;
  description: string;
  languages: Language[];
}

/** A lookup of template definitions by id; rejects duplicate ids. */
export function createRegistry(definitions: TemplateDefinition[]) {
  const byId = new Map<string, TemplateDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) throw new Error(`Template id "${definition.id}" is defined twice`);
    byId.set(definition.id, definition);
  }
  return {
    get(id: string): TemplateDefinition {
      const definition = byId.get(id);
      if (!definition) throw new UnknownTemplateError(id, [...byId.keys()]);
      return definition;
    },
    all(): TemplateDefinition[] {
      return [...byId.values()];
    },
  };
}

export type TemplateRegistry = ReturnType<typeof createRegistry>;

export const templateRegistry: TemplateRegistry = createRegistry(allTemplates);

export function getTemplate(id: string): TemplateDefinition {
  return templateRegistry.get(id);
}

/** Every shipped template, for the CLI and the preview. */
export function listTemplates(): TemplateSummary[] {
  return templateRegistry.all().map((d) => ({
    id: d.id,
    category: d.category,
    description: d.description,
    languages: [...SUPPORTED_LANGUAGES],
  }));
}
