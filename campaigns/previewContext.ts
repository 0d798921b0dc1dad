import { z } from 'zod';
import type { LoadedVehicleFacts } from '../activities/lifecycle/vehicleFacts';
import { defaultLifecycleSettings, type LifecycleSettings } from '../workflows/customerLifecycle/contract';
import { checkInPlan, huPlan, repurchasePlan, servicePlan, type CampaignPlan } from '../workflows/customerLifecycle/plan';
import type { VehicleFacts } from '../workflows/customerLifecycle/state';
import type { CampaignDefinition } from './dsl/campaign';

/**
 * The enrollment context a campaign preview renders with: by default what the customer lifecycle
 * would pin for this vehicle (workflows/customerLifecycle/plan.ts), from the customer's own data;
 * `--context key=value` overrides single keys, typed by the schema of each context key.
 */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date yyyy-mm-dd, e.g. 2027-06-01')
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'not a calendar date',
  );

/** What each context key holds; the campaigns' `context` lists name these keys. */
export const contextValueSchemas: Record<string, z.ZodType<string | number | boolean>> = {
  dueDate: isoDay,
  dueMonth: isoDay.refine((value) => value.endsWith('-01'), 'expected the first day of the month, e.g. 2027-06-01'),
  firstServiceDueDate: isoDay,
  repurchaseDate: isoDay,
  vehicleAgeYears: z.coerce.number({ error: 'is not a number of years, e.g. 6' }).int('is not a whole number of years').min(1).max(50),
  invitedByCheckIns: z.enum(['true', 'false']).transform((value) => value === 'true'),
};

/** Parses `key=value` pairs for this campaign: only its context keys, each value typed ("5" → 5, "true" → true). */
export function parseContextOverrides(campaign: CampaignDefinition, pairs: string[]): Record<string, string | number | boolean> {
  const known = campaign.context.length > 0 ? campaign.context.join(', ') : 'none';
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--context "${pair}": expected key=value, e.g. ${exampleFor(campaign)}`);
      const key = pair.slice(0, at);
      if (!campaign.context.includes(key))
        throw new Error(`--context ${key}: campaign "${campaign.id}" has no such context key (its keys: ${known})`);
      const parsed = (contextValueSchemas[key] ?? z.string().min(1)).safeParse(pair.slice(at + 1));
      if (!parsed.success) throw new Error(`--context ${key}: "${pair.slice(at + 1)}" ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
      return [key, parsed.data];
    }),
  );
}

function exampleFor(campaign: CampaignDefinition): string {
  const key = campaign.context[0] ?? 'dueMonth';
  return key === 'vehicleAgeYears' ? 'vehicleAgeYears=6' : `${key}=2027-06-01`;
}

/** The vehicle as the lifecycle would know it; a car without first registration counts as registered on delivery. */
function factsOf(vehicle: LoadedVehicleFacts): VehicleFacts {
  return {
    ...vehicle,
    condition: vehicle.firstRegistration ? undefined : 'new',
    mileageReadings: [],
  };
}

const planners: Record<string, (v: VehicleFacts, s: LifecycleSettings) => CampaignPlan | undefined> = {
  'post-purchase-check-ins': checkInPlan,
  'service-reminders': (v, s) => servicePlan(v, s),
  'hu-reminders': (v) => huPlan(v),
  'repurchase-lease-end': (v, s) => repurchasePlan(v, s),
  // The replacement-age offer as if the car were owned outright (a financed car gets the lease-end one instead).
  'repurchase-vehicle-age': (v, s) => repurchasePlan({ ...v, financingKind: 'cash', financingEndDate: undefined }, s),
};

/**
 * The context the lifecycle would enroll this vehicle with in `campaign`; keys it cannot compute
 * (no vehicle, no dates on file) are missing and then named by the error of the caller.
 */
export function defaultPreviewContext(
  campaign: CampaignDefinition,
  vehicle: LoadedVehicleFacts | undefined,
  settings: LifecycleSettings = defaultLifecycleSettings,
) {
  const planner = planners[campaign.id];
  if (!planner || !vehicle) return {};
  const plan = planner(factsOf(vehicle), settings);
  return plan && plan.campaignId === campaign.id ? plan.context : {};
}

/** Context keys the campaign declares that have no value: the preview names them instead of failing inside the template. */
export function missingContextKeys(campaign: CampaignDefinition, context: Record<string, unknown>): string[] {
  return campaign.context.filter((key) => context[key] === undefined || context[key] === null);
}
