import type { PrismaClient } from '../db/generated/client';

export type EnrollmentFailureInput = {
  enrollmentId: string;
  /** The activity that gave up, e.g. "deliverCampaignMessage". */
  activityType: string;
  /** The step it ran for ("0", "1.then.0" …), when one was running. */
  stepPath?: string;
  /** The error's message (activities name entity and field, never personal data) and its type. */
  cause: string;
  causeType?: string;
  now: string;
};

const ACTIVITY_LABEL: Record<string, string> = {
  deliverCampaignMessage: 'E-Mail senden',
  createStaffTask: 'Aufgabe anlegen',
  decideBranch: 'Verzweigung entscheiden',
  finishEnrollment: 'Kampagne abschließen',
};

/**
 * A campaign step gave up (its retries ran out, or the error cannot heal): the enrollment ends as
 * exited with the reason, the customer's timeline says so, and the dealer's managers get a staff task
 * naming the cause, so a customer never silently drops out of a campaign. Idempotent per step.
 */
export async function recordEnrollmentFailure(prisma: PrismaClient, input: EnrollmentFailureInput): Promise<void> {
  const enrollment = await prisma.campaignEnrollment.findUnique({
    where: { id: input.enrollmentId },
    select: { id: true, dealerId: true, customerId: true, vehicleId: true, campaignId: true },
  });
  if (!enrollment) return;
  const at = new Date(input.now);
  const key = `enrollment/${enrollment.id}/failed/${input.stepPath ?? 'run'}`;
  const what = ACTIVITY_LABEL[input.activityType] ?? input.activityType;
  const cause = input.cause.slice(0, 1000);
  const step = input.stepPath === undefined ? '' : `, Schritt ${input.stepPath}`;
  await prisma.touchpoint.createMany({
    data: [
      {
        dealerId: enrollment.dealerId,
        customerId: enrollment.customerId,
        vehicleId: enrollment.vehicleId,
        channel: 'system',
        direction: 'internal',
        department: 'sales',
        kind: 'campaign.step_failed',
        summary: `Kampagne „${enrollment.campaignId}“ gestoppt (${what}${step}): ${cause}`,
        occurredAt: at,
        externalEventId: `failed:${key}`,
      },
    ],
    skipDuplicates: true,
  });
  await prisma.staffTask.createMany({
    data: [
      {
        idempotencyKey: key,
        dealerId: enrollment.dealerId,
        role: 'manager',
        kind: 'campaign_step_failed',
        title: `Kampagne gestoppt: ${enrollment.campaignId} (${what})`,
        details: `${cause}${input.causeType ? ` [${input.causeType}]` : ''}\nBitte die Ursache beheben und den Kunden bei Bedarf neu einschreiben.`,
        customerId: enrollment.customerId,
        vehicleId: enrollment.vehicleId,
        enrollmentId: enrollment.id,
        dueAt: at,
        createdAt: at,
      },
    ],
    skipDuplicates: true,
  });
}
