import type { Language } from './types';

export interface VariableProblem {
  /** Dotted path of the bad value, e.g. "customer.lastName" or "branding.unsubscribeUrl". */
  path: string;
  problem: string;
}

/** The variables or branding given for a message do not fit the template. */
export class TemplateVariablesError extends Error {
  constructor(
    readonly templateId: string,
    readonly language: Language,
    readonly problems: VariableProblem[],
  ) {
    const list = problems.map((p) => `${p.path || '(variables)'}: ${p.problem}`).join('; ');
    super(`Cannot render template "${templateId}" (${language}): ${list}`);
    this.name = 'TemplateVariablesError';
  }
}

export class UnknownTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly knownIds: string[],
  ) {
    super(`Unknown template "${templateId}". Known templates: ${knownIds.join(', ')}`);
    this.name = 'UnknownTemplateError';
  }
}
