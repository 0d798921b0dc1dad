import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { brandingFor, loadRecipient } from '../../activities/delivery/recipient';
import { customerTemplateVariables } from '../../activities/delivery/templateVariables';
import { loadCampaignCatalogue } from '../../campaigns/catalogue';
import type { SendStep } from '../../campaigns/dsl/steps';
import { forEachStep } from '../../campaigns/dsl/steps';
import { signedUrl } from '../../links/signedLinks';
import { renderMessage } from '../../templates/render';
import { requireUuid, withDatabase } from './support/context';

type PreviewFlags = { customer: string; vehicle?: string; context: string[]; out?: string };

const collect = (value: string, previous: string[]) => [...previous, value];

function parseContext(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--context "${pair}": expected key=value, e.g. huDueMonth=2027-06-01`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function firstSendStep(campaignId: string): SendStep {
  const campaign = loadCampaignCatalogue().get(campaignId);
  if (!campaign) throw new Error(`campaigns preview: no campaign "${campaignId}" (see "campaigns list")`);
  let first: SendStep | undefined;
  forEachStep(campaign.steps, (step) => {
    if (!first && step.kind === 'send') first = step;
  });
  if (!first) throw new Error(`campaigns preview: campaign "${campaignId}" has no send step`);
  return first;
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
    .option('--context <key=value>', 'an enrollment context value (repeatable), e.g. --context huDueMonth=2027-06-01', collect, [])
    .option('--out <file>', 'the HTML file to write')
    .action(async (campaignId: string, flags: PreviewFlags) => {
      const step = firstSendStep(campaignId);
      requireUuid(flags.customer, '--customer');
      if (flags.vehicle) requireUuid(flags.vehicle, '--vehicle');
      const context = parseContext(flags.context);
      await withDatabase(async ({ prisma, settings }) => {
        const vehicleId =
          flags.vehicle ??
          (await prisma.vehicle.findFirst({ where: { ownerId: flags.customer }, orderBy: [{ deliveredAt: { sort: 'desc', nulls: 'last' } }], select: { id: true } }))?.id;
        const recipient = await loadRecipient(prisma, flags.customer, vehicleId);
        if (!recipient) throw new Error(`campaigns preview: no customer with id ${flags.customer}`);
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
          variables: customerTemplateVariables(recipient, context, { publicBaseUrl: settings.PUBLIC_BASE_URL, signingSecret: settings.LINK_SIGNING_SECRET, now }),
          branding: brandingFor(recipient, unsubscribeUrl),
        });
        const out = path.resolve(flags.out ?? path.join(os.tmpdir(), 'stammkunde-preview', `${campaignId}.${recipient.customer.id}.html`));
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, message.html);
        process.stdout.write(`${campaignId} → ${step.template} (${message.language}) for ${recipient.customer.lastName}\nSubject: ${message.subject}\n${out}\n`);
      });
    });
}
