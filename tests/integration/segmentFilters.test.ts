import { countSegment, segmentCustomerIds } from '../../segments/querySegment';
import { parseSegment, type Segment } from '../../segments/segmentSchema';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership, type Dealership } from '../support/dealership';

/**
 * Segments are evaluated in PostgreSQL. A small customer base at Autohaus Berger, with the edge cases
 * that matter: customers without a vehicle, with several vehicles, who objected, who were erased.
 */
describe('segments pick exactly the right customers', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  const now = new Date('2027-10-05T08:00:00Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    const { prisma } = db;
    const customer = async (name: string, data: Parameters<typeof addCustomer>[2] = {}) => {
      ids[name] = (await addCustomer(prisma, dealership, { lastName: name, ...data })).id;
      return ids[name];
    };
    // Anna drives an electric ID.4 registered 2025, was in the workshop last month, speaks German.
    await addVehicle(prisma, dealership, await customer('Anna', { tags: ['flotte'] }), {
      make: 'Volkswagen',
      model: 'ID.4',
      fuelType: 'electric',
      firstRegistrationAt: new Date('2025-05-01'),
    });
    await prisma.touchpoint.create({
      data: {
        dealerId: dealership.dealer.id,
        customerId: ids.Anna,
        channel: 'visit',
        direction: 'inbound',
        kind: 'service.visit',
        summary: 'Inspektion',
        occurredAt: new Date('2027-09-10T09:00:00Z'),
      },
    });
    // Bernd has no vehicle at all.
    await customer('Bernd', { language: 'en' });
    // Carla has two: an old diesel Passat (2017) and a new electric Enyaq (2026).
    const carla = await customer('Carla', { tags: ['flotte', 'vip'] });
    await addVehicle(prisma, dealership, carla, {
      make: 'Volkswagen',
      model: 'Passat',
      fuelType: 'diesel',
      firstRegistrationAt: new Date('2017-03-01'),
    });
    await addVehicle(prisma, dealership, carla, {
      make: 'Škoda',
      model: 'Enyaq',
      fuelType: 'electric',
      firstRegistrationAt: new Date('2026-02-01'),
    });
    // Dieter drives an electric car but objected to advertising.
    await addVehicle(prisma, dealership, await customer('Dieter', { objectedAt: new Date('2027-01-01') }), {
      fuelType: 'electric',
      firstRegistrationAt: new Date('2024-01-01'),
    });
    // Eva drove an electric car, then asked for erasure.
    await addVehicle(prisma, dealership, await customer('Eva', { erasedAt: new Date('2027-02-01'), email: null, firstName: null }), {
      fuelType: 'electric',
    });
    // Frank's 2010 Golf was deregistered; his other car is a Golf first registered 2018-10-06 (not yet 9 years on 2027-10-05).
    const frank = await customer('Frank');
    await addVehicle(prisma, dealership, frank, {
      make: 'Volkswagen',
      model: 'Golf',
      fuelType: 'petrol',
      firstRegistrationAt: new Date('2010-01-01'),
      deregisteredAt: new Date('2020-01-01'),
    });
    await addVehicle(prisma, dealership, frank, {
      make: 'Volkswagen',
      model: 'Golf',
      fuelType: 'petrol',
      firstRegistrationAt: new Date('2018-10-06'),
    });
    // A customer of another dealer with an electric car must never appear.
    const other = await seedDealership(prisma);
    const stranger = await addCustomer(prisma, other, { lastName: 'Fremd' });
    await addVehicle(prisma, other, stranger.id, { fuelType: 'electric' });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const namesIn = async (definition: unknown): Promise<string[]> => {
    const segment: Segment = parseSegment(definition);
    const scope = { dealerId: dealership.dealer.id, now, timeZone: 'Europe/Berlin' };
    const found = await segmentCustomerIds(db.prisma, segment, scope);
    expect(await countSegment(db.prisma, segment, scope)).toBe(found.length);
    const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return found.map((id) => byId.get(id) ?? `stranger ${id}`).sort();
  };

  it('everyone: all of the dealer’s customers except those who objected or were erased', async () => {
    expect(await namesIn({})).toEqual(['Anna', 'Bernd', 'Carla', 'Frank']);
  });

  it('vehicle owners: anyone with a registered vehicle', async () => {
    expect(await namesIn({ vehicle: {} })).toEqual(['Anna', 'Carla', 'Frank']);
  });

  it('EV owners: one electric car among several is enough; no vehicle means not in it', async () => {
    expect(await namesIn({ vehicle: { fuelTypes: ['electric', 'plug_in_hybrid'] } })).toEqual(['Anna', 'Carla']);
  });

  it('cars older than 10 years: Carla’s 2017 Passat; Frank’s deregistered 2010 Golf does not count', async () => {
    expect(await namesIn({ vehicle: { olderThanYears: 10 } })).toEqual(['Carla']);
  });

  it('the age limit is exact to the day in Munich: 2018-10-06 is not yet 9 years before 2027-10-05', async () => {
    expect(await namesIn({ vehicle: { olderThanYears: 9 } })).toEqual(['Carla']);
    expect(await namesIn({ vehicle: { olderThanYears: 8 } })).toEqual(['Carla', 'Frank']);
    expect(await namesIn({ vehicle: { olderThanYears: 8, makes: ['volkswagen'], models: ['GOLF'] } })).toEqual(['Frank']);
  });

  it('all vehicle conditions must hold for the same car: no electric car older than 8 years', async () => {
    expect(await namesIn({ vehicle: { fuelTypes: ['electric'], olderThanYears: 8 } })).toEqual([]);
  });

  it('a brand’s model launch: Škoda drivers, make in any case', async () => {
    expect(await namesIn({ vehicle: { makes: ['škoda'] } })).toEqual(['Carla']);
  });

  it('language and location', async () => {
    expect(await namesIn({ languages: ['en'] })).toEqual(['Bernd']);
    expect(await namesIn({ locations: ['München-Laim'] })).toEqual(['Anna', 'Bernd', 'Carla', 'Frank']);
    expect(await namesIn({ locations: ['Augsburg'] })).toEqual([]);
  });

  it('last interaction: in touch during the last 60 days, or not (customers without any touchpoint count as not)', async () => {
    expect(await namesIn({ lastInteraction: { after: { daysAgo: 60 } } })).toEqual(['Anna']);
    expect(await namesIn({ lastInteraction: { before: { daysAgo: 60 } } })).toEqual(['Bernd', 'Carla', 'Frank']);
    expect(await namesIn({ lastInteraction: { before: '2027-09-10' } })).toEqual(['Bernd', 'Carla', 'Frank']);
    expect(await namesIn({ lastInteraction: { before: '2027-09-11' } })).toEqual(['Anna', 'Bernd', 'Carla', 'Frank']);
    expect(await namesIn({ lastInteraction: { after: '2027-09-11' } })).toEqual([]);
  });

  it('tags: all, any and none', async () => {
    expect(await namesIn({ tags: { any: ['flotte'] } })).toEqual(['Anna', 'Carla']);
    expect(await namesIn({ tags: { all: ['flotte', 'vip'] } })).toEqual(['Carla']);
    expect(await namesIn({ tags: { any: ['flotte'], none: ['vip'] } })).toEqual(['Anna']);
  });
});
