import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { deployMigrations } from '../../db/migrationRunner';
import { tempDir } from '../support/migrationFixtures';

/** Without DATABASE_URL the engine keeps its data in an embedded PGlite database: zero install. */
describe('a dealer trying Stammkunde on a laptop, without a PostgreSQL server', () => {
  const dataDir = tempDir('stammkunde-data-');
  let database: Database;

  beforeAll(async () => {
    await deployMigrations({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    database = await createDatabase({ DATABASE_URL: undefined, STAMMKUNDE_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a dealer, its Munich branch and a customer, and reads them back', async () => {
    const { prisma } = database;
    expect(database.target).toEqual({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });

    const dealer = await prisma.dealer.create({ data: { name: 'Autohaus Berger', city: 'München' } });
    const location = await prisma.location.create({
      data: { dealerId: dealer.id, name: 'München-Laim', federalState: 'BY', openingHours: { mon: [{ from: '09:00', to: '18:00' }] } },
    });
    await prisma.customer.create({
      data: {
        dealerId: dealer.id,
        locationId: location.id,
        externalDmsId: 'K-10042',
        salutation: 'ms',
        firstName: 'Erika',
        lastName: 'Mustermann',
        email: 'erika@example.de',
        emailConsentBasis: 'existing_customer',
        existingCustomerSince: new Date('2021-03-15T10:00:00Z'),
        tags: ['werkstatt', 'leasing'],
      },
    });

    const found = await prisma.customer.findUniqueOrThrow({
      where: { dealerId_externalDmsId: { dealerId: dealer.id, externalDmsId: 'K-10042' } },
      include: { location: true, dealer: true },
    });
    expect(found).toMatchObject({
      lastName: 'Mustermann',
      language: 'de',
      tags: ['werkstatt', 'leasing'],
      existingCustomerSince: new Date('2021-03-15T10:00:00Z'),
      location: {
        name: 'München-Laim',
        federalState: 'BY',
        timeZone: 'Europe/Berlin',
        openingHours: { mon: [{ from: '09:00', to: '18:00' }] },
      },
      dealer: { name: 'Autohaus Berger', timeZone: 'Europe/Berlin' },
    });
  });

  it("refuses a second import of the same DMS customer number with Prisma's unique-constraint error", async () => {
    const { prisma } = database;
    const dealer = await prisma.dealer.create({ data: { name: 'Autohaus Weber' } });
    await prisma.customer.create({ data: { dealerId: dealer.id, externalDmsId: 'K-1', lastName: 'Weber' } });
    await expect(prisma.customer.create({ data: { dealerId: dealer.id, externalDmsId: 'K-1', lastName: 'Weber' } })).rejects.toMatchObject({
      code: 'P2002',
    });
  });
});
