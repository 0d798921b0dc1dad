import { createTestDatabase, type TestDatabase } from '../support/database';

/** Each integration test file gets its own database, cloned from the migrated template (a `CREATE DATABASE … TEMPLATE`, no migrations per file). */
describe('test databases cloned from the migrated template', () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.drop();
  });

  it('start with every table and are isolated from each other', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    opened.push(first, second);

    await first.prisma.dealer.create({ data: { name: 'Autohaus Berger' } });
    expect(await first.prisma.dealer.count()).toBe(1);
    expect(await second.prisma.dealer.count()).toBe(0);
    expect(first.url).not.toBe(second.url);
  });

  it('record a re-delivered incoming event only once (touchpoint externalEventId is unique)', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const { prisma } = database;
    const dealer = await prisma.dealer.create({ data: { name: 'Autohaus Berger' } });
    const customer = await prisma.customer.create({ data: { dealerId: dealer.id, lastName: 'Schmidt' } });
    const touchpoint = {
      dealerId: dealer.id,
      customerId: customer.id,
      channel: 'web' as const,
      direction: 'inbound' as const,
      kind: 'lead.received',
      summary: 'Probefahrt ID.4 angefragt',
      occurredAt: new Date('2026-11-20T16:45:00Z'),
      externalEventId: 'web-form-4711',
    };
    await prisma.touchpoint.create({ data: touchpoint });
    await expect(prisma.touchpoint.create({ data: touchpoint })).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.touchpoint.count({ where: { customerId: customer.id } })).toBe(1);
  });
});
