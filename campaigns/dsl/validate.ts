import type { z } from 'zod';
import { campaignSchema, type CampaignDefinition } from './campaign';
import { forEachStep, type Step } from './steps';

export type TemplateCatalogue = { has(templateId: string): boolean; categoryOf(templateId: string): string | undefined };

export class InvalidCampaignError extends Error {
  constructor(
    readonly campaignId: string,
    readonly problems: string[],
  ) {
    super(`Campaign "${campaignId}" is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidCampaignError';
  }
}

/** "step 2 › then › 0 › template" from a zod issue path. */
function describeIssuePath(path: ReadonlyArray<PropertyKey>): string {
  if (path[0] !== 'steps' || path.length < 2) return path.map(String).join('.') || '(campaign)';
  const [, index, ...rest] = path;
  return [`step ${String(index)}`, ...rest.map(String)].join(' › ');
}

function schemaProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${describeIssuePath(issue.path)}: ${issue.message}`);
}

function stepProblems(step: Step, path: string, campaign: CampaignDefinition, templates?: TemplateCatalogue): string[] {
  const at = `step ${path.split('.').join(' › ')} (${step.kind})`;
  const problems: string[] = [];
  if (step.kind === 'send' && templates) {
    if (!templates.has(step.template)) problems.push(`${at}: unknown template "${step.template}"`);
    else if (campaign.legalBasis !== 'transactional' && templates.categoryOf(step.template) === 'transactional') {
      problems.push(`${at}: template "${step.template}" is transactional but the campaign advertises (legal basis ${campaign.legalBasis})`);
    }
  }
  if (step.kind === 'waitUntil' && !campaign.context.includes(step.date)) {
    problems.push(`${at}: date "${step.date}" is not declared in the campaign's context (${campaign.context.join(', ') || 'none'})`);
  }
  if (step.kind === 'branch' && step.then.length === 0 && step.else.length === 0) {
    problems.push(`${at}: a branch needs steps in "then" or "else"`);
  }
  return problems;
}

/**
 * Validates a campaign definition and returns it typed, or throws one error that names the
 * campaign, each step (by its path, e.g. "step 3 › onTimeout › 0") and the problem.
 */
export function validateCampaign(candidate: unknown, templates?: TemplateCatalogue): CampaignDefinition {
  const id =
    typeof candidate === 'object' && candidate !== null && typeof (candidate as { id?: unknown }).id === 'string'
      ? (candidate as { id: string }).id
      : '(no id)';
  const parsed = campaignSchema.safeParse(candidate);
  if (!parsed.success) throw new InvalidCampaignError(id, schemaProblems(parsed.error));
  const campaign = parsed.data;
  const problems: string[] = [];
  forEachStep(campaign.steps, (step, path) => problems.push(...stepProblems(step, path, campaign, templates)));
  if (problems.length > 0) throw new InvalidCampaignError(id, problems);
  return campaign;
}
