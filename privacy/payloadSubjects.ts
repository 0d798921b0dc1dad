import type { SerializationContext } from '@temporalio/common';
import type { PrismaClient } from '../db/generated/client';
import { customerSubject, DEALER_SUBJECT, type KeySubject } from './keyStore';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const lifecycleId = new RegExp(`^customer-(${UUID})$`, 'i');
const enrollmentId = new RegExp(`^enrollment-(${UUID})$`, 'i');
const leadId = new RegExp(`^lead-(${UUID})$`, 'i');

/**
 * Which key a payload is encrypted under follows from the workflow it belongs to (the SDK hands
 * every codec call a serialization context with the workflow id, for activity payloads too):
 * `customer-<id>` is that customer's, `enrollment-<id>` and `lead-<id>` belong to the customer of
 * that enrollment or lead (looked up once, then remembered: they never change owner), and everything
 * else (newsletter runs, health probes, schedules, a lead with no customer) uses the dealer key.
 */
export class PayloadSubjects {
  private known = new Map<string, KeySubject>();

  constructor(private readonly prisma: PrismaClient) {}

  async forContext(context: SerializationContext | undefined): Promise<KeySubject> {
    const workflowId = context?.workflowId;
    if (!workflowId) return DEALER_SUBJECT;
    const remembered = this.known.get(workflowId);
    if (remembered) return remembered;
    const subject = await this.lookup(workflowId);
    if (subject !== DEALER_SUBJECT) this.known.set(workflowId, subject);
    return subject;
  }

  private async lookup(workflowId: string): Promise<KeySubject> {
    const lifecycle = lifecycleId.exec(workflowId);
    if (lifecycle) return customerSubject(lifecycle[1].toLowerCase());
    const enrollment = enrollmentId.exec(workflowId);
    if (enrollment) {
      const row = await this.prisma.campaignEnrollment.findUnique({ where: { id: enrollment[1] }, select: { customerId: true } });
      return row ? customerSubject(row.customerId) : DEALER_SUBJECT;
    }
    const lead = leadId.exec(workflowId);
    if (lead) {
      const row = await this.prisma.lead.findUnique({ where: { id: lead[1] }, select: { customerId: true } });
      return row?.customerId ? customerSubject(row.customerId) : DEALER_SUBJECT;
    }
    return DEALER_SUBJECT;
  }
}
