import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { brandingFor, loadRecipient } from '../../activities/delivery/recipient';
import { loadVehicleFacts } from '../../activities/lifecycle/vehicleFacts';
import { customerTemplateVariables } from '../../activities/delivery/templateVariables';
import { loadCampaignCatalogue } from '../../campaigns/catalogue';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { SendStep } from '../../campaigns/dsl/steps';
import { forEachStep } from '../../campaigns/dsl/steps';
import { signedUrl } from '../../links/signedLinks';
import { renderMessage } from '../../templates/render';
import { defaultPreviewContext, missingContextKeys, parseContextOverrides } from '../../campaigns/previewContext';
import { requireUuid, withDatabase } from './support/context';

type PreviewFlags = { customer: string; vehicle?: string; context: string[]; out?: string };

const collect = (value: string, previous: string[]) => [...previous, value];

function campaignOf(campaignId: string): { campaign: CampaignDefinition; step: SendStep } {
  const catalogue = loadCampaignCatalogue();
  const campaign = catalogue.get(campaignId);
  if (!campaign) throw new Error(`campaigns preview: no campaign "${campaignId}"; there are ${[...catalogue.keys()].join(', ')}`);
  let first: SendStep | undefined;
  forEachStep(campaign.steps, (step) => {
    if (!first && step.kind === 'send') first = step;
  });
  if (!first) throw new Error(`campaigns preview: campaign "${campaignId}" has no send step`);
  return { campaign, step: first };
}

/** Adds `campaigns preview` to the existing `campaigns` command (or creates it). */
export function registerCampaignPreviewCommand(program: Command): void {
  const campaigns = program.commands.find((c) => c.name() === 'campaigns') ?? program.command('campaigns');
  campaigns
    .command('preview')
    .description("render the campaign's first email for a real customer to an HTML file")
    .argument('<campaignId>', 'the campaign id (see "campaigns list")')
    .requiredOption('--customer <id>', 'the customer (UUID)')
    .option('--vehicle <id>', "the vehicle (default: the customer's most recently delivered one)")
    .option(
      '--context <key=value>',
      "override an enrollment context value (repeatable; default: what the lifecycle computes from the customer's vehicle), e.g. --context dueMonth=2027-06-01",
      collect,
      [],
    )
    .option('--out <file>', 'the HTML file to write')
    .action(async (campaignId: string, flags: PreviewFlags) => {
      const { campaign, step } = campaignOf(campaignId);
      requireUuid(flags.customer, '--customer');
      if (flags.vehicle) requireUuid(flags.vehicle, '--vehicle');
      const overrides = parseContextOverrides(campaign, flags.context);
      await withDatabase(async ({ prisma, settings }) => {
        // The vehicle: --vehicle, or the newest one the lifecycle would enroll in this campaign (else simply the newest).
        const vehicles = flags.vehicle
          ? [flags.vehicle]
          : (
              await prisma.vehicle.findMany({
                where: { ownerId: flags.customer },
                orderBy: [{ deliveredAt: { sort: 'desc', nulls: 'last' } }],
                select: { id: true },
              })
            ).map((v) => v.id);
        const candidates = await Promise.all(
          vehicles.map(async (id) => {
            const facts = await loadVehicleFacts(prisma, id);
            return { id, facts, context: { ...defaultPreviewContext(campaign, facts), ...overrides } };
          }),
        );
        const chosen = candidates.find((c) => missingContextKeys(campaign, c.context).length === 0) ?? candidates[0];
        const vehicleId = chosen?.id;
        const recipient = await loadRecipient(prisma, flags.customer, vehicleId);
        if (!recipient) throw new Error(`campaigns preview: no customer with id ${flags.customer}`);
        const context = chosen?.context ?? overrides;
        const missing = missingContextKeys(campaign, context);
        if (missing.length > 0) {
          const why = chosen
            ? `the lifecycle would not enroll ${flags.vehicle ? 'this vehicle' : 'any of their vehicles'} in ${campaign.id} (${campaign.audience})`
            : 'the customer has no vehicle';
          throw new Error(
            `campaigns preview: ${missing.join(', ')} unknown (${why}); choose a customer whose vehicle fits, or give ${missing.map((k) => `--context ${k}=…`).join(' ')}`,
          );
        }
        const now = new Date();
        const unsubscribeUrl = signedUrl(
          settings.PUBLIC_BASE_URL,
          'unsubscribe',
          { purpose: 'unsubscribe', subject: recipient.customer.id, expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() },
          settings.LINK_SIGNING_SECRET,
        );
        const message = await renderMessage({
          templateId: step.template,
          language: recipient.customer.language,
          variables: customerTemplateVariables(recipient, context, {
            publicBaseUrl: settings.PUBLIC_BASE_URL,
            signingSecret: settings.LINK_SIGNING_SECRET,
            now,
          }),
          branding: brandingFor(recipient, unsubscribeUrl),
        });
        const out = path.resolve(flags.out ?? path.join(os.tmpdir(), 'stammkunde-preview', `${campaignId}.${recipient.customer.id}.html`));
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, message.html);
        const shown =
          Object.entries(context)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', ') || 'none';
        process.stdout.write(
          `${campaignId} → ${step.template} (${message.language}) for ${recipient.customer.lastName}\nContext: ${shown}\nSubject: ${message.subject}\n${out}\n`,
        );
      });
    });
}
