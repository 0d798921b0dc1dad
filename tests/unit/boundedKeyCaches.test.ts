import crypto from 'node:crypto';
import type { PrismaClient } from '../../db/generated/client';
import { customerSubject } from '../../privacy/keyStore';
import { PayloadKeyStore } from '../../privacy/keyStore';
import { DEVELOPMENT_MASTER_KEY, parseMasterKey } from '../../privacy/masterKey';
import { PayloadSubjects } from '../../privacy/payloadSubjects';

/**
 * A worker of a 100,000-customer dealer group encrypts payloads for every customer over the months. What it
 * remembers about them (whose enrollment is whose, the customers' unwrapped keys) must stay bounded, or its memory
 * grows with the group and customers' keys stay in it long after they were needed.
 */
type Row = { id: string; subject: string; wrappedKey: string; masterKeyId: string };

function payloadKeysTable() {
  const rows = new Map<string, Row>();
  let reads = 0;
  const table = {
    findUnique: async ({ where }: { where: { subject?: string; id?: string } }) => {
      reads += 1;
      return [...rows.values()].find((r) => (where.subject ? r.subject === where.subject : r.id === where.id)) ?? null;
    },
    findUniqueOrThrow: async ({ where }: { where: { subject: string } }) => [...rows.values()].find((r) => r.subject === where.subject)!,
    createManyAndReturn: async ({ data }: { data: Row[] }) => {
      for (const row of data) rows.set(row.id, row);
      return data;
    },
  };
  return { prisma: { payloadKey: table } as unknown as PrismaClient, reads: () => reads };
}

describe("what a worker remembers of the customers' payload keys", () => {
  it('keeps at most its capacity of keys, and a forgotten customer’s key is read again, the same key', async () => {
    const table = payloadKeysTable();
    const keys = new PayloadKeyStore(table.prisma, parseMasterKey(DEVELOPMENT_MASTER_KEY), [], 3);
    const customers = Array.from({ length: 10 }, () => customerSubject(crypto.randomUUID()));
    const first = await keys.keyFor(customers[0]!);
    for (const customer of customers.slice(1)) await keys.keyFor(customer);
    expect(keys.cachedKeys).toBeLessThanOrEqual(6); // 3 by customer, 3 by key id

    const readsBefore = table.reads();
    const again = await keys.keyFor(customers[0]!);
    expect(table.reads()).toBe(readsBefore + 1);
    expect(again.id).toBe(first.id);
    expect(again.key.equals(first.key)).toBe(true);
  });
});

describe('which customer an enrollment or a lead workflow belongs to', () => {
  const enrollments = new Map<string, string>();
  const prisma = {
    campaignEnrollment: { findUnique: async ({ where }: { where: { id: string } }) => ({ customerId: enrollments.get(where.id)! }) },
    lead: { findUnique: async () => null },
  } as unknown as PrismaClient;

  it('is remembered for at most its capacity of workflows, and one forgotten is looked up again', async () => {
    const subjects = new PayloadSubjects(prisma, 2);
    const ids = Array.from({ length: 5 }, () => {
      const id = crypto.randomUUID();
      enrollments.set(id, crypto.randomUUID());
      return id;
    });
    for (const id of ids) await subjects.forContext({ type: 'workflow', namespace: 'default', workflowId: `enrollment-${id}` });
    expect(subjects.remembered).toBe(2);
    expect(subjects.lookups).toBe(5);

    // The two most recent are remembered; the first is looked up again and gives the same customer.
    await subjects.forContext({ type: 'workflow', namespace: 'default', workflowId: `enrollment-${ids[4]}` });
    expect(subjects.lookups).toBe(5);
    expect(await subjects.forContext({ type: 'workflow', namespace: 'default', workflowId: `enrollment-${ids[0]}` })).toBe(
      customerSubject(enrollments.get(ids[0]!)!),
    );
    expect(subjects.lookups).toBe(6);
  });

  it("reads a lifecycle's customer from its id, without a lookup and without remembering it", async () => {
    const subjects = new PayloadSubjects(prisma, 2);
    const customerId = crypto.randomUUID();
    expect(await subjects.forContext({ type: 'workflow', namespace: 'default', workflowId: `customer-${customerId}` })).toBe(
      customerSubject(customerId),
    );
    expect({ lookups: subjects.lookups, remembered: subjects.remembered }).toEqual({ lookups: 0, remembered: 0 });
  });
});
