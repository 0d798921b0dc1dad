import { DateTime } from 'luxon';
import type { Settings } from '../../config/settings';
import type { PrismaClient } from '../../db/generated/client';
import { signedUrl } from '../../links/signedLinks';
import { formatDateTime, formatWaitingTime } from '../../templates/formatting';
import { TIMELINE_LABELS, word } from '../../timeline/labels';

/**
 * The variables of the lead-assigned and lead-escalation emails: who to call and how, what they asked
 * for, how long they have waited, their last five touchpoints, and signed links to log the call's
 * outcome or take the lead over (valid for `linkValidityDays`, bound to the recipient).
 */

export type LeadEmailDeps = { prisma: PrismaClient; settings: Pick<Settings, 'PUBLIC_BASE_URL' | 'LINK_SIGNING_SECRET'> };

/** Lead kinds in the engine → the labels the staff templates know. */
const KIND_LABEL_KEY = { test_drive: 'test-drive', offer: 'quote', trade_in: 'trade-in', service: 'service' } as const;

/** Lead sources as the staff read them: the same labels as the timeline and the cockpit. */
const SOURCE_LABELS = TIMELINE_LABELS.de.leadSources;

/** Links bound to the recipient; a mailbox (no staff id) gets the outcome link only: taking over needs a person. */
export function leadLinks(deps: LeadEmailDeps, leadId: string, staffId: string | undefined, now: Date, validityDays: number) {
  const expiresAt = DateTime.fromJSDate(now).plus({ days: validityDays }).toUTC().toISO()!;
  const secret = deps.settings.LINK_SIGNING_SECRET;
  if (!staffId)
    return {
      callResultUrl: signedUrl(
        deps.settings.PUBLIC_BASE_URL,
        'leads/callback',
        { purpose: 'log_callback', subject: leadId, expiresAt },
        secret,
      ),
    };
  return {
    callResultUrl: signedUrl(
      deps.settings.PUBLIC_BASE_URL,
      'leads/callback',
      { purpose: 'log_callback', subject: leadId, expiresAt, extra: { staffId } },
      secret,
    ),
    claimUrl: signedUrl(
      deps.settings.PUBLIC_BASE_URL,
      'leads/take-over',
      { purpose: 'take_over_lead', subject: leadId, expiresAt, extra: { staffId } },
      secret,
    ),
  };
}

export async function leadEmailVariables(
  deps: LeadEmailDeps,
  input: { leadId: string; recipientStaffId?: string; recipientName?: string; now: Date; linkValidityDays: number },
): Promise<Record<string, unknown>> {
  const lead = await deps.prisma.lead.findUniqueOrThrow({ where: { id: input.leadId }, include: { customer: true, vehicle: true } });
  const recipient = input.recipientStaffId ? await deps.prisma.staff.findUniqueOrThrow({ where: { id: input.recipientStaffId } }) : null;
  const customer = lead.customer;
  const touchpoints = customer
    ? await deps.prisma.touchpoint.findMany({
        where: { customerId: customer.id, direction: { not: 'internal' } },
        orderBy: { occurredAt: 'desc' },
        take: 5,
      })
    : [];
  const fullName = customer
    ? [customer.title, customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.companyName || customer.lastName
    : 'Unbekannt';
  const vehicle =
    lead.vehicleOfInterest ??
    (lead.vehicle ? `${lead.vehicle.make} ${lead.vehicle.model}${lead.vehicle.variant ? ` ${lead.vehicle.variant}` : ''}` : undefined);
  return {
    recipientName: recipient ? `${recipient.firstName} ${recipient.lastName}` : (input.recipientName ?? 'Team'),
    customer: {
      fullName,
      ...(customer?.email ? { email: customer.email } : {}),
      ...(customer?.phone ? { phone: customer.phone } : {}),
    },
    ...(vehicle ? { vehicleOfInterest: vehicle } : {}),
    lead: {
      kind: KIND_LABEL_KEY[lead.kind],
      ...(lead.message ? { message: lead.message } : {}),
      receivedAt: formatDateTime(lead.receivedAt, 'de'),
      waitingFor: formatWaitingTime(input.now.getTime() - lead.receivedAt.getTime(), 'de'),
      source: word(SOURCE_LABELS, lead.source),
    },
    touchpoints: touchpoints.map((t) => ({
      date: formatDateTime(t.occurredAt, 'de'),
      channel: t.channel,
      summary: t.summary.slice(0, 300),
    })),
    ...leadLinks(deps, lead.id, recipient?.id, input.now, input.linkValidityDays),
  };
}
