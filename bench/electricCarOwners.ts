import type { PrismaClient } from '../db/generated/client';
import { defineNewsletter, type NewsletterDefinition } from '../newsletters/definition';

/**
 * The newsletter benchmarks' audience and mail: N existing customers with an electric car each, written in one SQL
 * statement (the import path is bench:scale's subject, not theirs), and the winter newsletter for EV owners.
 */
export async function seedElectricCarOwners(prisma: PrismaClient, count: number, dealerName: string): Promise<void> {
  const dealer = await prisma.dealer.create({ data: { name: dealerName, city: 'München', phone: '089 123456-0' } });
  const location = await prisma.location.create({ data: { dealerId: dealer.id, name: 'München-Laim', federalState: 'BY' } });
  await prisma.$executeRaw`
    WITH c AS (
      INSERT INTO customers (id, "dealerId", "locationId", salutation, "firstName", "lastName", email, "emailConsentBasis", "existingCustomerSince", "updatedAt")
      SELECT gen_random_uuid(), ${dealer.id}::uuid, ${location.id}::uuid, 'ms', 'Anna', 'Kundin ' || n, 'kunde' || n || '@example.de', 'existing_customer', now(), now()
      FROM generate_series(1, ${count}::int) n
      RETURNING id)
    INSERT INTO vehicles (id, "dealerId", "ownerId", vin, make, model, "fuelType", "updatedAt")
    SELECT gen_random_uuid(), ${dealer.id}::uuid, c.id, 'VIN' || c.id, 'Volkswagen', 'ID.4', 'electric', now() FROM c`;
}

/** The winter newsletter to every EV owner with an existing-customer basis. */
export function winterNewsletterForEvOwners(id: string, name: string): NewsletterDefinition {
  return defineNewsletter({
    id,
    name,
    legalBasis: 'existing_customer',
    segment: { vehicle: { fuelTypes: ['electric'] } },
    content: {
      de: {
        subject: 'Elektrisch durch den Winter',
        preheader: 'Tipps für Reichweite und Laden bei Kälte.',
        headline: 'Ihr E-Auto im Winter',
        paragraphs: [
          'bei Kälte sinkt die Reichweite. Wir zeigen Ihnen, wie Sie gegensteuern.',
          'Unser Winter-Check prüft Batterie, Heizung und Reifen.',
        ],
        callToAction: { label: 'Winter-Check buchen', url: 'https://autohaus-berger.example/winter-check' },
      },
    },
  });
}
