import { templateRegistry } from '../templates/registry';
import { huReminders } from './builtin/huReminders';
import { postPurchaseCheckIns } from './builtin/postPurchaseCheckIns';
import { reactivation } from './builtin/reactivation';
import { repurchaseLeaseEnd, repurchaseVehicleAge } from './builtin/repurchase';
import { serviceReminders } from './builtin/serviceReminders';
import type { CampaignDefinition } from './dsl/campaign';
import { InvalidCampaignError, validateCampaign, type TemplateCatalogue } from './dsl/validate';

/** Every campaign the engine ships. Marketing adds theirs here. */
export const builtInCampaigns: CampaignDefinition[] = [
  postPurchaseCheckIns,
  serviceReminders,
  huReminders,
  repurchaseLeaseEnd,
  repurchaseVehicleAge,
  reactivation,
];

export const shippedTemplates: TemplateCatalogue = {
  has: (id) => templateRegistry.all().some((t) => t.id === id),
  categoryOf: (id) => templateRegistry.all().find((t) => t.id === id)?.category,
};

/**
 * Validates every campaign at load (fail fast): one error lists each invalid campaign with its
 * step paths and problems; duplicate id+version pairs are refused too.
 */
export function loadCampaignCatalogue(
  definitions: unknown[] = builtInCampaigns,
  templates = shippedTemplates,
): Map<string, CampaignDefinition> {
  const catalogue = new Map<string, CampaignDefinition>();
  const failures: string[] = [];
  for (const candidate of definitions) {
    try {
      const campaign = validateCampaign(candidate, templates);
      if (catalogue.has(campaign.id)) failures.push(`Campaign "${campaign.id}" is defined twice`);
      catalogue.set(campaign.id, campaign);
    } catch (error) {
      if (!(error instanceof InvalidCampaignError)) throw error;
      failures.push(error.message);
    }
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return catalogue;
}
