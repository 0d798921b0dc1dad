import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { PrismaClient } from '../../db/generated/client';

/**
 * The legal check, from the simulated outbox itself rather than from the engine's own rules: every
 * marketing message that went out is held against the customer's legal basis (§7 UWG: double opt-in,
 * or the existing-customer exception where the campaign allows it), an objection before the send,
 * and a suppression of the address before the send. The figure a dealer wants is 0. Objections
 * count from the earlier of what the engine recorded and when the simulated customer objected.
 */
const objectedBefore = (recorded: Date | null, simulated: Date | undefined, sentAt: Date) =>
  [recorded, simulated].some((at) => at && at < sentAt);

export type ComplianceCheck = {
  marketingSent: number;
  withoutLegalBasis: number;
  afterObjection: number;
  toSuppressedAddress: number;
  violations: Array<{ messageId: string; customerId: string; reason: string }>;
};

export async function checkCompliance(
  prisma: PrismaClient,
  range: { begin: Date; end: Date; catalogue: Map<string, CampaignDefinition>; objections: Map<string, Date> },
): Promise<ComplianceCheck> {
  const sent = await prisma.message.findMany({
    where: { category: 'marketing', status: 'sent', sentAt: { gte: range.begin, lt: range.end } },
    select: {
      id: true,
      customerId: true,
      campaignId: true,
      recipientEmail: true,
      sentAt: true,
      customer: { select: { emailConsentBasis: true, consentConfirmedAt: true, objectedAt: true } },
    },
    orderBy: { id: 'asc' },
  });
  const suppressed = new Map<string, Date>();
  for (const s of await prisma.suppression.findMany({ where: { email: { in: [...new Set(sent.map((m) => m.recipientEmail))] } } })) {
    const known = suppressed.get(s.email);
    if (!known || s.createdAt < known) suppressed.set(s.email, s.createdAt);
  }
  const violations: ComplianceCheck['violations'] = [];
  for (const m of sent) {
    const c = m.customer;
    const campaign = m.campaignId ? range.catalogue.get(m.campaignId) : undefined;
    const needsConsent = campaign?.legalBasis === 'consent';
    const hasBasis =
      c &&
      (c.emailConsentBasis === 'double_opt_in'
        ? Boolean(c.consentConfirmedAt) || !needsConsent
        : c.emailConsentBasis === 'existing_customer' && !needsConsent);
    if (!hasBasis) violations.push({ messageId: m.id, customerId: m.customerId ?? '', reason: 'no legal basis' });
    else if (m.sentAt && objectedBefore(c.objectedAt, range.objections.get(m.customerId ?? ''), m.sentAt))
      violations.push({ messageId: m.id, customerId: m.customerId!, reason: 'after objection' });
    const suppressedAt = suppressed.get(m.recipientEmail);
    if (suppressedAt && m.sentAt && suppressedAt < m.sentAt)
      violations.push({ messageId: m.id, customerId: m.customerId ?? '', reason: 'suppressed address' });
  }
  const count = (reason: string) => violations.filter((v) => v.reason === reason).length;
  return {
    marketingSent: sent.length,
    withoutLegalBasis: count('no legal basis'),
    afterObjection: count('after objection'),
    toSuppressedAddress: count('suppressed address'),
    violations,
  };
}
