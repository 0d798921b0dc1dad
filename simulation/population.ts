import { DateTime } from 'luxon';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { seededChance, seededUuid, type Chance } from './chance';

/**
 * A generated dealership for a simulation without real data: one dealer, `locations` locations in
 * Bavaria with usual opening hours and staff (salespeople, a service advisor, a team lead, a manager),
 * and `customers` customers with one car each, drawn from plausible distributions: delivered up to
 * eight years ago, two in three new, a quarter of the recent ones on a running 24–48-month lease, serviced within the last
 * 18 months, consent: existing customer (§7(3) UWG) 60 %, double opt-in 25 %, none 15 %.
 * Every row's id is a name-based UUID of the seed, so the same seed writes the same rows.
 */
const OPENING = [{ from: '08:00', to: '18:00' }];
const OPENING_HOURS = {
  mon: OPENING,
  tue: OPENING,
  wed: OPENING,
  thu: OPENING,
  fri: OPENING,
  sat: [{ from: '09:00', to: '13:00' }],
  sun: [],
};
const MAKES = [
  ['Volkswagen', ['Golf', 'Polo', 'Tiguan', 'Passat', 'ID.4']],
  ['Audi', ['A3', 'A4', 'Q3', 'Q5']],
  ['Škoda', ['Octavia', 'Fabia', 'Kodiaq']],
  ['Seat', ['Leon', 'Ibiza']],
] as const;

export type DrawnCustomer = {
  location: number;
  salutation: 'mr' | 'ms';
  hasEmail: boolean;
  language: 'de' | 'en';
  basis: 'existing_customer' | 'double_opt_in' | 'none';
  delivered: DateTime;
  firstRegistration: DateTime;
  leased: boolean;
  leaseMonths: number;
  make: string;
  model: string;
  lastService: DateTime;
  lastHu?: DateTime;
};

/** Customer number n (from 0) with their car, drawn from the distributions above; the same seed draws the same customer. */
export function drawCustomer(chance: Chance, n: number, locations: number, today: DateTime): DrawnCustomer {
  const key = `customer/${n}`;
  const location = chance.between(0, locations - 1, key, 'location');
  const delivered = today.minus({ days: chance.between(1, 8 * 365, key, 'delivered') });
  const isNew = chance.happens(2 / 3, key, 'new');
  const firstRegistration = isNew ? delivered : delivered.minus({ days: chance.between(200, 6 * 365, key, 'age') });
  const leaseMonths = chance.pick([24, 36, 48], key, 'leaseMonths');
  // A lease that has already ended took the car back: only running leases stay.
  const leased = chance.happens(0.25, key, 'lease') && delivered.plus({ months: leaseMonths }) > today;
  const consent = chance.draw(key, 'consent');
  const basis = consent < 0.6 ? 'existing_customer' : consent < 0.85 ? 'double_opt_in' : 'none';
  const [make, models] = chance.pick(MAKES, key, 'make');
  const lastService = DateTime.max(delivered, today.minus({ days: chance.between(30, 540, key, 'service') }));
  const age = today.diff(firstRegistration, 'months').months;
  const lastHu = age > 36 ? today.minus({ days: chance.between(30, 700, key, 'hu') }) : undefined;
  return {
    location,
    salutation: chance.pick(['mr', 'ms'] as const, key, 'salutation'),
    hasEmail: chance.happens(0.92, key, 'email'),
    language: chance.happens(0.92, key, 'language') ? 'de' : 'en',
    basis,
    delivered,
    firstRegistration,
    leased,
    leaseMonths,
    make,
    model: chance.pick(models, key, 'model'),
    lastService,
    lastHu,
  };
}

export type GeneratedPopulation = { dealerId: string; customerIds: string[] };

export async function writeGeneratedPopulation(
  prisma: PrismaClient,
  options: { seed: string; customers: number; locations: number; today: DateTime },
): Promise<GeneratedPopulation> {
  const { seed, today } = options;
  const chance = seededChance(`${seed}/population`);
  const id = (name: string) => seededUuid(seed, name);
  const dealerId = id('dealer');
  await prisma.dealer.create({
    data: {
      id: dealerId,
      name: 'Autohaus Simulation',
      legalName: 'Autohaus Simulation GmbH',
      city: 'Rosenheim',
      email: 'info@simulation.invalid',
      managingDirectors: 'Simulation',
    },
  });
  const salespeopleByLocation: string[][] = [];
  const locationIds: string[] = [];
  for (let l = 0; l < options.locations; l++) {
    const locationId = id(`location/${l}`);
    locationIds.push(locationId);
    await prisma.location.create({
      data: { id: locationId, dealerId, name: `Standort ${l + 1}`, federalState: 'BY', openingHours: OPENING_HOURS },
    });
    const person = (key: string, role: 'salesperson' | 'service_advisor' | 'team_lead' | 'manager', managerId?: string) =>
      prisma.staff.create({
        data: {
          id: id(`staff/${l}/${key}`),
          dealerId,
          locationId,
          role,
          firstName: key,
          lastName: `Standort ${l + 1}`,
          email: `${key}.${l + 1}@simulation.invalid`,
          managerId,
        },
      });
    const manager = await person('leitung', 'manager');
    const teamLead = await person('teamleitung', 'team_lead', manager.id);
    await person('service', 'service_advisor', teamLead.id);
    const sales = [];
    for (let s = 0; s < 3; s++) sales.push((await person(`verkauf${s + 1}`, 'salesperson', teamLead.id)).id);
    salespeopleByLocation.push(sales);
  }

  const customerIds: string[] = [];
  const chunk: Array<{ customer: Prisma.CustomerCreateManyInput; vehicle: Prisma.VehicleCreateManyInput }> = [];
  const flush = async () => {
    await prisma.customer.createMany({ data: chunk.map((c) => c.customer) });
    await prisma.vehicle.createMany({ data: chunk.map((c) => c.vehicle) });
    chunk.length = 0;
  };
  const day = (d: DateTime) => new Date(`${d.toISODate()}T00:00:00.000Z`);
  for (let n = 0; n < options.customers; n++) {
    const key = `customer/${n}`;
    const customerId = id(key);
    customerIds.push(customerId);
    const drawn = drawCustomer(chance, n, options.locations, today);
    const { location, delivered, firstRegistration, leased, leaseMonths, basis, make, model, lastService, lastHu } = drawn;
    chunk.push({
      customer: {
        id: customerId,
        dealerId,
        locationId: locationIds[location],
        externalDmsId: `SIM-${n + 1}`,
        salutation: drawn.salutation,
        firstName: 'Kunde',
        lastName: `Nr. ${n + 1}`,
        email: drawn.hasEmail ? `kunde${n + 1}@simulation.invalid` : null,
        language: drawn.language,
        assignedSalespersonId: chance.pick(salespeopleByLocation[location], key, 'salesperson'),
        emailConsentBasis: basis,
        existingCustomerSince: day(delivered),
        ...(basis === 'double_opt_in'
          ? {
              consentGivenAt: day(delivered),
              consentConfirmedAt: day(delivered),
              consentSource: 'simulation',
              consentWording: 'simulation',
            }
          : {}),
      },
      vehicle: {
        id: id(`vehicle/${n}`),
        dealerId,
        ownerId: customerId,
        externalDmsId: `SIM-V-${n + 1}`,
        vin: `SIMVIN${String(n + 1).padStart(11, '0')}`,
        make,
        model,
        firstRegistrationAt: day(firstRegistration),
        deliveredAt: day(delivered),
        lastServiceAt: day(lastService),
        lastHuAt: lastHu ? day(lastHu) : null,
        ...(leased ? { financingKind: 'lease' as const, financingEndAt: day(delivered.plus({ months: leaseMonths })) } : {}),
      },
    });
    if (chunk.length >= 500) await flush();
  }
  if (chunk.length > 0) await flush();
  return { dealerId, customerIds };
}
