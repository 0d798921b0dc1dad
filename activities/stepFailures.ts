import type { PrismaClient } from '../db/generated/client';

/** What an activity that gave up left behind: its type, the error's message (entity and field, never personal data) and type. */
type GaveUp = { activityType: string; cause: string; causeType?: string; now: string };

export type EnrollmentFailureInput = GaveUp & {
  enrollmentId: string;
  /** The step it ran for ("0", "1.then.0" …), when one was running. */
  stepPath?: string;
};

export type LifecycleFailureInput = GaveUp & { customerId: string; eventId: string; eventType: string };

const ACTIVITY_LABEL: Record<string, string> = {
  deliverCampaignMessage: 'E-Mail senden',
  createStaffTask: 'Aufgabe anlegen',
  decideBranch: 'Verzweigung entscheiden',
  finishEnrollment: 'Kampagne abschließen',
  admitLifecycleEnrollment: 'in eine Kampagne aufnehmen',
  startEnrollmentWorkflow: 'Kampagne starten',
  enrollInLifecycleCampaign: 'in eine Kampagne aufnehmen',
  closeEnrollments: 'Kampagnen beenden',
  createReactivationLead: 'Lead aus der Reaktivierung anlegen',
  startLeadFollowUp: 'Lead-Nachverfolgung starten',
};

const labelOf = (activityType: string) => ACTIVITY_LABEL[activityType] ?? activityType;

/**
 * A campaign step gave up (its retries ran out, or the error cannot heal): the enrollment ends as
 * exited with the reason (the workflow does that), the customer's timeline says so, and the dealer's
 * managers get a staff task naming the cause, so a customer never silently drops out of a campaign.
 */
export async function recordEnrollmentFailure(prisma: PrismaClient, input: EnrollmentFailureInput): Promise<void> {
  const enrollment = await prisma.campaignEnrollment.findUnique({
    where: { id: input.enrollmentId },
    select: { id: true, dealerId: true, customerId: true, vehicleId: true, campaignId: true },
  });
  if (!enrollment) return;
  const what = labelOf(input.activityType);
  const step = input.stepPath === undefined ? '' : `, Schritt ${input.stepPath}`;
  await recordForTheDealer(prisma, input, {
    key: `enrollment/${enrollment.id}/failed/${input.stepPath ?? 'run'}`,
    dealerId: enrollment.dealerId,
    customerId: enrollment.customerId,
    vehicleId: enrollment.vehicleId,
    enrollmentId: enrollment.id,
    kind: 'campaign.step_failed',
    summary: `Kampagne „${enrollment.campaignId}“ gestoppt (${what}${step})`,
    title: `Kampagne gestoppt: ${enrollment.campaignId} (${what})`,
    advice: 'Bitte die Ursache beheben und den Kunden bei Bedarf neu einschreiben.',
  });
}

/**
 * Handling one event of a customer's lifecycle gave up: the lifecycle goes on with the next event
 * (the workflow does that), and the timeline and a managers' task say which event was not handled and why.
 */
export async function recordLifecycleFailure(prisma: PrismaClient, input: LifecycleFailureInput): Promise<void> {
  const customer = await prisma.customer.findUnique({ where: { id: input.customerId }, select: { id: true, dealerId: true } });
  if (!customer) return;
  const what = labelOf(input.activityType);
  await recordForTheDealer(prisma, input, {
    key: `lifecycle/${customer.id}/failed/${input.eventId}`,
    dealerId: customer.dealerId,
    customerId: customer.id,
    kind: 'lifecycle.event_failed',
    summary: `Ereignis „${input.eventType}“ nicht vollständig verarbeitet (${what})`,
    title: `Kundenlebenszyklus: ${input.eventType} nicht verarbeitet (${what})`,
    advice: 'Bitte die Ursache beheben und das Ereignis erneut senden (neue eventId).',
  });
}

async function recordForTheDealer(
  prisma: PrismaClient,
  gaveUp: GaveUp,
  what: {
    key: string;
    dealerId: string;
    customerId: string;
    vehicleId?: string | null;
    enrollmentId?: string;
    kind: string;
    summary: string;
    title: string;
    advice: string;
  },
): Promise<void> {
  const at = new Date(gaveUp.now);
  const cause = gaveUp.cause.slice(0, 1000);
  await prisma.touchpoint.createMany({
    data: [
      {
        dealerId: what.dealerId,
        customerId: what.customerId,
        vehicleId: what.vehicleId,
        channel: 'system',
        direction: 'internal',
        department: 'sales',
        kind: what.kind,
        summary: `${what.summary}: ${cause}`,
        occurredAt: at,
        externalEventId: `failed:${what.key}`,
      },
    ],
    skipDuplicates: true,
  });
  await prisma.staffTask.createMany({
    data: [
      {
        idempotencyKey: what.key,
        dealerId: what.dealerId,
        role: 'manager',
        kind: what.kind.replace('.', '_'),
        title: what.title,
        details: `${cause}${gaveUp.causeType ? ` [${gaveUp.causeType}]` : ''}\n${what.advice}`,
        customerId: what.customerId,
        vehicleId: what.vehicleId,
        enrollmentId: what.enrollmentId,
        dueAt: at,
        createdAt: at,
      },
    ],
    skipDuplicates: true,
  });
}
