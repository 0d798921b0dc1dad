import type { SerializationContext } from '@temporalio/common';
import { LRUCache } from 'lru-cache';
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
 *
 * What is remembered is bounded (the least recently used go first): a worker sees every enrollment and lead of a
 * 100,000-customer group over the months, and a forgotten one costs one primary-key lookup.
 */
export const SUBJECT_CACHE_CAPACITY = 10_000;

export class PayloadSubjects {
  private readonly looked: LRUCache<string, KeySubject>;
  /** Database lookups made so far (enrollments and leads; a lifecycle's id names its customer). */
  lookups = 0;

  constructor(
    private readonly prisma: PrismaClient,
    capacity = SUBJECT_CACHE_CAPACITY,
  ) {
    this.looked = new LRUCache({ max: capacity });
  }

  /** How many workflows' subjects this process remembers now (bounded by the capacity). */
  get remembered(): number {
    return this.looked.size;
  }

  async forContext(context: SerializationContext | undefined): Promise<KeySubject> {
    const workflowId = context?.workflowId;
    if (!workflowId) return DEALER_SUBJECT;
    const lifecycle = lifecycleId.exec(workflowId);
    if (lifecycle) return customerSubject(lifecycle[1].toLowerCase());
    const remembered = this.looked.get(workflowId);
    if (remembered) return remembered;
    this.lookups += 1;
    const subject = await this.lookup(workflowId);
    if (subject !== DEALER_SUBJECT) this.looked.set(workflowId, subject);
    return subject;
  }

  private async lookup(workflowId: string): Promise<KeySubject> {
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
