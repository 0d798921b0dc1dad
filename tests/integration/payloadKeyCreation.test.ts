import crypto from 'node:crypto';
import { customerSubject, PayloadKeyStore } from '../../privacy/keyStore';
import { parseMasterKey } from '../../privacy/masterKey';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDealership } from '../support/dealership';

/**
 * A customer's first payloads can be encrypted at the same moment by two processes (the import starting her
 * lifecycle, a worker running it, the API taking her lead): all of them must end up with the one key stored for her,
 * or a payload would be sealed under a key nobody can find again.
 */
describe("a new customer's payload key", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is created once when several processes need it at the same moment, and each of them gets that one key', async () => {
    const { dealer } = await seedDealership(db.prisma);
    const customer = await db.prisma.customer.create({ data: { dealerId: dealer.id, lastName: 'Neumann' } });
    const master = parseMasterKey(crypto.randomBytes(32).toString('base64'));
    const processes = Array.from({ length: 6 }, () => new PayloadKeyStore(db.prisma, master));

    const keys = await Promise.all(processes.map((store) => store.keyFor(customerSubject(customer.id))));

    expect(await db.prisma.payloadKey.count({ where: { subject: customerSubject(customer.id) } })).toBe(1);
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(keys.every((k) => k.key.equals(keys[0].key))).toBe(true);
    const later = await new PayloadKeyStore(db.prisma, master).keyById(keys[0].id);
    expect(later?.key.equals(keys[0].key)).toBe(true);
  });
});
