import { signedUrl, signLinkToken } from '../../links/signedLinks';
import type { OutgoingMail } from '../../mail/transport';
import { TemplateVariablesError } from '../../templates/errors';
import type { RenderedMessage } from '../../templates/render';
import type { CampaignDeliveryDeps, DeliverCampaignMessageInput } from './deliverCampaignMessage';
import { replyAddressOf } from '../../mail/addresses';
import { envelopeFor, messageIdFor, unsubscribeHeaders } from './headers';
import { brandingFor, type Recipient } from './recipient';
import { customerTemplateVariables } from './templateVariables';

const UNSUBSCRIBE_LINK_DAYS = 365;

export type ComposedCustomerMail = { rendered: RenderedMessage; messageId: string; mail: OutgoingMail };

/** The category of a customer message: everything but transactional mail is marketing (consent, window, cap). */
export const categoryOf = (input: Pick<DeliverCampaignMessageInput, 'legalBasis'>): 'marketing' | 'transactional' =>
  input.legalBasis === 'transactional' ? 'transactional' : 'marketing';

/** Where the customer's sending window is judged: their location's time zone and holidays, else the dealer's. */
export function sendingLocaleOf(recipient: Recipient) {
  return {
    timeZone: recipient.customer.location?.timeZone ?? recipient.customer.dealer.timeZone,
    federalState: recipient.customer.location?.federalState ?? 'BY',
  };
}

/** A render failure caused by the template or its data (recorded as a failed message), not by the machine. */
export function isTemplateError(error: unknown): error is Error {
  return error instanceof TemplateVariablesError || (error instanceof Error && /template/i.test(error.message));
}

/**
 * The customer email as it goes to SMTP: signed unsubscribe link, template variables from fresh data,
 * rendered template, stable Message-ID, Reply-To the dealer's reply address, the per-message bounce
 * envelope sender, and (for marketing) the one-click unsubscribe headers.
 * Throws what the renderer throws (see isTemplateError).
 */
export async function composeCustomerMail(
  deps: Pick<CampaignDeliveryDeps, 'settings' | 'renderer'>,
  input: DeliverCampaignMessageInput,
  recipient: Recipient,
  now: Date,
): Promise<ComposedCustomerMail> {
  const unsubscribeClaims = {
    purpose: 'unsubscribe' as const,
    subject: input.customerId,
    expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000).toISOString(),
  };
  const token = signLinkToken(unsubscribeClaims, deps.settings.LINK_SIGNING_SECRET);
  const unsubscribeUrl = signedUrl(deps.settings.PUBLIC_BASE_URL, 'unsubscribe', unsubscribeClaims, deps.settings.LINK_SIGNING_SECRET);
  const rendered = await deps.renderer.renderMessage({
    templateId: input.templateId,
    language: recipient.customer.language,
    variables: customerTemplateVariables(
      recipient,
      input.context,
      {
        publicBaseUrl: deps.settings.PUBLIC_BASE_URL,
        signingSecret: deps.settings.LINK_SIGNING_SECRET,
        now,
      },
      input.extraVariables,
    ),
    branding: brandingFor(recipient, unsubscribeUrl),
  });
  const messageId = messageIdFor(input.idempotencyKey, deps.settings.MAIL_FROM);
  const mail: OutgoingMail = {
    from: deps.settings.MAIL_FROM,
    to: recipient.customer.email!,
    replyTo: replyAddressOf(deps.settings),
    envelope: envelopeFor(deps.settings, messageId, recipient.customer.email!),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId,
    date: now,
    headers: {
      ...(categoryOf(input) === 'marketing' ? unsubscribeHeaders(unsubscribeUrl, deps.settings.MAIL_FROM, token) : {}),
      'X-Stammkunde-Key': input.idempotencyKey,
    },
  };
  return { rendered, messageId, mail };
}
