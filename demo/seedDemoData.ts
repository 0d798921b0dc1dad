import { createLocation } from '../locations/locationSettings';
import { DateTime } from 'luxon';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { demoCast, type DemoCustomer } from './demoCast';

/**
 * The demo dealership's rows: Autohaus Sonnenschein in Rosenheim (Bavaria) with opening hours,
 * staff (one salesperson on holiday today) and ~50 customers with their vehicles. Written in one
 * transaction, and only when the dealer does not exist yet, so a re-run changes nothing.
 */

export const DEMO_DEALER_NAME = 'Autohaus Sonnenschein';
const DOMAIN = 'autohaus-sonnenschein.example';
const TIME_ZONE = 'Europe/Berlin';
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export type DemoDealership = {
  dealerId: string;
  locationId: string;
  /** Salespeople in cast order; the first is on holiday today. */
  salespeople: Array<{ id: string; name: string }>;
  created: boolean;
};

const weekday = [{ from: '08:00', to: '18:30' }];
const OPENING_HOURS = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: [{ from: '09:00', to: '13:00' }],
  sun: [],
};

export function demoToday(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('day');
}

export async function findDemoDealership(prisma: PrismaClient): Promise<DemoDealership | undefined> {
  const dealer = await prisma.dealer.findFirst({ where: { name: DEMO_DEALER_NAME }, include: { locations: true } });
  if (!dealer || dealer.locations.length === 0) return undefined;
  const salespeople = await prisma.staff.findMany({ where: { dealerId: dealer.id, role: 'salesperson' }, orderBy: { email: 'asc' } });
  return {
    dealerId: dealer.id,
    locationId: dealer.locations[0].id,
    salespeople: salespeople.map((s) => ({ id: s.id, name: `${s.firstName} ${s.lastName}` })),
    created: false,
  };
}

/** Creates the demo dealership unless it exists; returns it either way. */
export async function seedDemoData(prisma: PrismaClient, now: Date): Promise<DemoDealership> {
  const existing = await findDemoDealership(prisma);
  if (existing) return existing;
  const today = demoToday(now);
  return prisma.$transaction(
    async (tx) => {
      const dealer = await tx.dealer.create({
        data: {
          name: DEMO_DEALER_NAME,
          legalName: 'Autohaus Sonnenschein GmbH',
          street: 'Kufsteiner Straße 88',
          postalCode: '83022',
          city: 'Rosenheim',
          phone: '08031 40 40-0',
          email: `info@${DOMAIN}`,
          websiteUrl: `https://www.${DOMAIN}`,
          managingDirectors: 'Maria Sonnenschein',
          registerCourt: 'Amtsgericht Traunstein',
          registerNumber: 'HRB 12345',
          vatId: 'DE123456789',
        },
      });
      const location = await createLocation(tx, dealer.id, {
        name: 'Rosenheim',
        federalState: 'BY',
        timeZone: TIME_ZONE,
        openingHours: OPENING_HOURS,
        street: 'Kufsteiner Straße 88',
        postalCode: '83022',
        city: 'Rosenheim',
        phone: '08031 40 40-0',
        email: `info@${DOMAIN}`,
      });
      const person = (
        role: 'salesperson' | 'service_advisor' | 'team_lead' | 'manager',
        firstName: string,
        lastName: string,
        emailName: string,
        managerId?: string,
      ) =>
        tx.staff.create({
          data: {
            dealerId: dealer.id,
            locationId: location.id,
            role,
            firstName,
            lastName,
            email: `${emailName}@${DOMAIN}`,
            phone: '08031 40 40-0',
            managerId,
          },
        });
      const manager = await person('manager', 'Maria', 'Sonnenschein', 'maria.sonnenschein');
      const teamLead = await person('team_lead', 'Thomas', 'Brandl', 'thomas.brandl', manager.id);
      // Ordered by email: a-… is the one on holiday.
      const salespeople = [
        await person('salesperson', 'Andrea', 'Eder', 'a.eder', teamLead.id),
        await person('salesperson', 'Benedikt', 'Gruber', 'b.gruber', teamLead.id),
        await person('salesperson', 'Carina', 'Moser', 'c.moser', teamLead.id),
      ];
      await person('service_advisor', 'Stefan', 'Obermeier', 'stefan.obermeier', teamLead.id);
      await tx.staffAbsence.create({
        data: {
          staffId: salespeople[0].id,
          from: day(today.minus({ days: 2 }).toISODate()!),
          to: day(today.plus({ days: 7 }).toISODate()!),
          reason: 'vacation',
          note: 'Urlaub (Demo)',
        },
      });
      for (const customer of demoCast(today))
        await createCustomer(tx, dealer.id, location.id, salespeople[customer.salesperson].id, customer, now);
      return {
        dealerId: dealer.id,
        locationId: location.id,
        salespeople: salespeople.map((s) => ({ id: s.id, name: `${s.firstName} ${s.lastName}` })),
        created: true,
      };
    },
    { timeout: 60_000 },
  );
}

function consentFields(c: DemoCustomer, now: Date): Partial<Prisma.CustomerUncheckedCreateInput> {
  const since = day(c.vehicle.deliveredOn);
  switch (c.consent) {
    case 'double_opt_in':
      return {
        emailConsentBasis: 'double_opt_in',
        existingCustomerSince: since,
        consentGivenAt: since,
        consentConfirmedAt: since,
        consentSource: 'Website-Formular (Demo)',
        consentWording: 'Ja, ich möchte Angebote und Erinnerungen per E-Mail erhalten. Widerruf jederzeit möglich.',
      };
    case 'none':
      return { emailConsentBasis: 'none' };
    case 'objected':
      return {
        emailConsentBasis: 'existing_customer',
        existingCustomerSince: since,
        objectedAt: new Date(now.getTime() - 30 * 86_400_000),
      };
    default:
      return { emailConsentBasis: 'existing_customer', existingCustomerSince: since };
  }
}

async function createCustomer(
  tx: Prisma.TransactionClient,
  dealerId: string,
  locationId: string,
  salespersonId: string,
  c: DemoCustomer,
  now: Date,
) {
  const customer = await tx.customer.create({
    data: {
      dealerId,
      locationId,
      externalDmsId: c.externalDmsId,
      salutation: c.salutation,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: '+49 170 5550' + c.externalDmsId.slice(-3),
      language: c.language,
      assignedSalespersonId: salespersonId,
      tags: ['demo', c.story],
      ...consentFields(c, now),
    },
  });
  const v = c.vehicle;
  const vehicle = await tx.vehicle.create({
    data: {
      dealerId,
      ownerId: customer.id,
      externalDmsId: `DEMO-F${c.externalDmsId.slice(-5)}`,
      vin: v.vin,
      make: v.make,
      model: v.model,
      licensePlate: v.licensePlate,
      fuelType: v.fuelType,
      // Silent customers are never enrolled through the lifecycle, so their dates are stored here.
      ...(c.story === 'silent'
        ? {
            deliveredAt: day(v.deliveredOn),
            firstRegistrationAt: day(v.firstRegistration),
            lastHuAt: v.lastHuDate ? day(v.lastHuDate) : undefined,
            lastServiceAt: day(c.lastContactOn!),
            financingKind: 'cash' as const,
          }
        : {}),
      // The last workshop visit comes from the DMS, as in an import; the lifecycle plans the next one from it.
      ...(v.serviceVisit ? { lastServiceAt: day(v.serviceVisit.visitedOn), lastServiceMileage: v.serviceVisit.mileageKm } : {}),
    },
  });
  if (c.story === 'silent') {
    await tx.touchpoint.create({
      data: {
        dealerId,
        customerId: customer.id,
        vehicleId: vehicle.id,
        channel: 'visit',
        direction: 'inbound',
        department: 'service',
        kind: 'service.visit',
        summary: `Werkstattbesuch am ${c.lastContactOn} (Inspektion)`,
        occurredAt: day(c.lastContactOn!),
        externalEventId: `demo:${c.externalDmsId}:last-contact`,
      },
    });
  }
}
