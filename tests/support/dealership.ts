import { createLocation } from '../../locations/locationSettings';
import type { Prisma, PrismaClient } from '../../db/generated/client';

/**
 * A small dealership for scenarios: Autohaus Berger in Munich (Bavaria), open Mon–Fri 09:00–18:00,
 * Saturday closed, with a salesperson, a second salesperson, a service advisor, a team lead and a manager.
 */
export async function seedDealership(prisma: PrismaClient, options: { saturday?: Array<{ from: string; to: string }> } = {}) {
  const dealer = await prisma.dealer.create({
    data: {
      name: 'Autohaus Berger',
      legalName: 'Autohaus Berger GmbH & Co. KG',
      street: 'Landsberger Straße 120',
      postalCode: '80339',
      city: 'München',
      phone: '089 123456-0',
      email: 'info@autohaus-berger.example',
      registerCourt: 'Amtsgericht München',
      registerNumber: 'HRA 98765',
      managingDirectors: 'Thomas Berger',
    },
  });
  // Through the same validation as the API and the CLI: a week that never opens is refused.
  const location = await createLocation(prisma, dealer.id, {
    name: 'München-Laim',
    federalState: 'BY',
    phone: '089 123456-0',
    openingHours: {
      mon: [{ from: '09:00', to: '18:00' }],
      tue: [{ from: '09:00', to: '18:00' }],
      wed: [{ from: '09:00', to: '18:00' }],
      thu: [{ from: '09:00', to: '18:00' }],
      fri: [{ from: '09:00', to: '18:00' }],
      sat: options.saturday ?? [],
      sun: [],
    },
  });
  const person = (
    role: 'salesperson' | 'service_advisor' | 'team_lead' | 'manager',
    firstName: string,
    lastName: string,
    managerId?: string,
  ) =>
    prisma.staff.create({
      data: {
        dealerId: dealer.id,
        locationId: location.id,
        role,
        firstName,
        lastName,
        email: `${firstName.toLowerCase()}@autohaus-berger.example`,
        managerId,
      },
    });
  const manager = await person('manager', 'Monika', 'Huber');
  const teamLead = await person('team_lead', 'Tobias', 'Lang', manager.id);
  const salesperson = await person('salesperson', 'Sabine', 'Kraus', teamLead.id);
  const colleague = await person('salesperson', 'Christian', 'Wolf', teamLead.id);
  const serviceAdvisor = await person('service_advisor', 'Stefan', 'Maier', teamLead.id);
  return { dealer, location, staff: { manager, teamLead, salesperson, colleague, serviceAdvisor } };
}

export type Dealership = Awaited<ReturnType<typeof seedDealership>>;

/** A customer who bought here and may get service marketing under §7(3) UWG unless told otherwise. */
export async function addCustomer(prisma: PrismaClient, dealership: Dealership, data: Partial<Prisma.CustomerUncheckedCreateInput> = {}) {
  return prisma.customer.create({
    data: {
      dealerId: dealership.dealer.id,
      locationId: dealership.location.id,
      salutation: 'ms',
      firstName: 'Anna',
      lastName: 'Schmidt',
      email: `anna.schmidt.${Math.random().toString(36).slice(2, 8)}@example.de`,
      phone: '+49 170 1234567',
      language: 'de',
      assignedSalespersonId: dealership.staff.salesperson.id,
      emailConsentBasis: 'existing_customer',
      existingCustomerSince: new Date('2024-03-01'),
      ...data,
    },
  });
}

export async function addVehicle(
  prisma: PrismaClient,
  dealership: Dealership,
  ownerId: string,
  data: Partial<Prisma.VehicleUncheckedCreateInput> = {},
) {
  return prisma.vehicle.create({
    data: {
      dealerId: dealership.dealer.id,
      ownerId,
      vin: `WVWZZZ${Math.random().toString(36).slice(2, 13).toUpperCase()}`,
      make: 'Volkswagen',
      model: 'ID.4',
      licensePlate: 'M-AB 1234',
      fuelType: 'electric',
      ...data,
    },
  });
}
