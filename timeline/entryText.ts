import { loadCampaignCatalogue } from '../campaigns/catalogue';
import type { Step } from '../campaigns/dsl/steps';
import { TIMELINE_LABELS, withoutIsoDates, word, type PageLanguage } from './labels';
import type { TimelineEntry } from './types';

let catalogue: ReturnType<typeof loadCampaignCatalogue> | undefined;

/** The campaign step at a path such as "2" or "1.else.0" (as the enrollment reports its planned steps). */
function stepAt(campaignId: string, stepPath: string): Step | undefined {
  catalogue ??= loadCampaignCatalogue();
  let steps: Step[] | undefined = catalogue.get(campaignId)?.steps;
  let step: Step | undefined;
  for (const part of stepPath.split('.')) {
    if (/^\d+$/.test(part)) step = steps?.[Number(part)];
    else steps = (step as unknown as Record<string, Step[] | undefined> | undefined)?.[part];
  }
  return step;
}

export const campaignName = (language: PageLanguage, campaignId: string) => {
  catalogue ??= loadCampaignCatalogue();
  return TIMELINE_LABELS[language].campaigns[campaignId] ?? catalogue.get(campaignId)?.name ?? word({}, campaignId);
};

/** What one timeline line says, in the page's language: codes as words, campaign names, no ISO dates. */
export function entryText(entry: TimelineEntry, language: PageLanguage): { summary: string; detail?: string } {
  const L = TIMELINE_LABELS[language];
  const inCampaign = entry.campaignId ? L.campaign(campaignName(language, entry.campaignId)) : undefined;
  if (entry.channel === 'callback' && entry.leadSource !== undefined) return { summary: L.callback(word(L.leadSources, entry.leadSource)) };
  if (entry.stepPath === 'dormancy') return { summary: L.dormancy, detail: inCampaign };
  if (entry.stepPath && entry.campaignId) {
    const step = stepAt(entry.campaignId, entry.stepPath);
    if (step?.kind === 'send') return { summary: L.sendStep(word(L.templates, step.template)), detail: inCampaign };
    if (step?.kind === 'createTask') return { summary: L.taskStep(word(L.tasks, step.task)), detail: inCampaign };
  }
  if (entry.templateId) {
    return {
      summary: entry.summary || L.sendStep(word(L.templates, entry.templateId)),
      detail: inCampaign ?? (entry.newsletter ? L.newsletter : undefined),
    };
  }
  const detail = [entry.inbound ? L.inbound : undefined, entry.detail ? withoutIsoDates(language, entry.detail) : undefined]
    .filter(Boolean)
    .join(' · ');
  return { summary: withoutIsoDates(language, entry.summary), ...(detail ? { detail } : {}) };
}

/** "Frau Anna Müller" on an English page is "Ms Anna Müller". */
export function personTitle(language: PageLanguage, name: string): string {
  return language === 'en' ? name.replace(/^Frau /, 'Ms ').replace(/^Herr /, 'Mr ') : name;
}
