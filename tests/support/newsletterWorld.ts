import type { Prisma } from '../../db/generated/client';
import type { ReceivedMail } from '../../mail/smtpReceiver';
import { defineNewsletter, type NewsletterDefinition, type NewsletterDefinitionInput } from '../../newsletters/definition';
import { openDealershipStack, type DealershipStack } from './dealershipStack';
import { addCustomer, addVehicle } from './dealership';
import { createLocalTestEnv } from './temporalEnv';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';

/** Autohaus Berger on the Temporal dev server (real time, schedules supported), PostgreSQL, an SMTP receiver and the engine worker. */
export type NewsletterWorld = DealershipStack & {
  /** `count` customers who bought here (§7(3) basis) with an electric ID.4 each, emails kunde-<prefix>-<n>@example.de. */
  addElectricCustomers(
    count: number,
    prefix: string,
    data?: Partial<Prisma.CustomerUncheckedCreateInput>,
  ): Promise<Array<{ id: string; email: string }>>;
  close(): Promise<void>;
};

export async function openNewsletterWorld(): Promise<NewsletterWorld> {
  const stack = await openDealershipStack(createLocalTestEnv, { sendingWindow: AROUND_THE_CLOCK });
  const { db, dealership } = stack;
  return {
    ...stack,
    async addElectricCustomers(count, prefix, data = {}) {
      const added = [];
      for (let i = 1; i <= count; i++) {
        const email = `kunde-${prefix}-${i}@example.de`;
        const customer = await addCustomer(db.prisma, dealership, { lastName: `Kunde ${prefix} ${i}`, email, ...data });
        await addVehicle(db.prisma, dealership, customer.id, { fuelType: 'electric' });
        added.push({ id: customer.id, email });
      }
      return added;
    },
  };
}

/** An EV-owner newsletter for the tests; override what a scenario needs. */
export function evNewsletter(overrides: Partial<NewsletterDefinitionInput> = {}): NewsletterDefinition {
  return defineNewsletter({
    id: 'ev-winter',
    name: 'E-Auto im Winter',
    legalBasis: 'existing_customer',
    segment: { vehicle: { fuelTypes: ['electric'] } },
    content: {
      de: {
        subject: 'Elektrisch durch den Winter',
        preheader: 'Tipps für Reichweite und Laden bei Kälte.',
        headline: 'Ihr E-Auto im Winter',
        paragraphs: ['bei Kälte sinkt die Reichweite. Wir zeigen Ihnen, wie Sie gegensteuern.'],
        callToAction: { label: 'Winter-Check buchen', url: 'https://autohaus-berger.example/winter-check' },
      },
    },
    ...overrides,
  });
}

/** How many copies each address received at the SMTP receiver. */
export function copiesByAddress(messages: ReceivedMail[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const mail of messages) for (const to of mail.envelope.to) copies.set(to, (copies.get(to) ?? 0) + 1);
  return copies;
}
