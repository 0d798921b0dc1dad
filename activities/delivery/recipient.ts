import type { PrismaClient } from '../../db/generated/client';
import type { Branding } from '../../templates/branding';
import { hashedSuppressions } from '../../privacy/addressHash';

/** Everything a customer email needs, read fresh at send time. */
export async function loadRecipient(prisma: PrismaClient, customerId: string, vehicleId?: string) {
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    include: { dealer: true, location: true, assignedSalesperson: true },
  });
  if (!customer) return undefined;
  const vehicle = vehicleId ? await prisma.vehicle.findUnique({ where: { id: vehicleId } }) : null;
  const email = customer.email?.toLowerCase();
  const suppressions = email
    ? [
        ...(await prisma.suppression.findMany({ where: { email }, select: { reason: true } })).map((s) => s.reason),
        // An erased customer's objection stays honoured for the same address under a new record.
        ...((await hashedSuppressions(prisma, [email])).get(email) ?? []),
      ]
    : [];
  return { customer, vehicle, suppressions };
}

export type Recipient = NonNullable<Awaited<ReturnType<typeof loadRecipient>>>;

const orUnknown = (value: string | null | undefined, fallback: string) => (value && value.trim() ? value : fallback);

type DealerRow = Recipient['customer']['dealer'];
type LocationRow = Recipient['customer']['location'];

/** The sender block of every customer email: the location's contact data within the dealer's imprint. */
export function brandingFor(recipient: Recipient, unsubscribeUrl?: string): Branding {
  return dealerBranding(recipient.customer.dealer, recipient.customer.location, unsubscribeUrl);
}

/** The same sender block from a dealer and (optionally) one of its locations; staff emails use it too. */
export function dealerBranding(dealer: DealerRow, location: LocationRow, unsubscribeUrl?: string): Branding {
  const address = {
    street: orUnknown(location?.street ?? dealer.street, '–'),
    postalCode: orUnknown(location?.postalCode ?? dealer.postalCode, '–'),
    city: orUnknown(location?.city ?? dealer.city, '–'),
  };
  const dealerAddress = {
    street: orUnknown(dealer.street, address.street),
    postalCode: orUnknown(dealer.postalCode, address.postalCode),
    city: orUnknown(dealer.city, address.city),
  };
  return {
    dealerName: location && location.name !== dealer.name ? `${dealer.name} ${location.name}` : dealer.name,
    address,
    phone: location?.phone ?? dealer.phone ?? undefined,
    logoUrl: location?.logoUrl ?? dealer.logoUrl ?? undefined,
    imprint: {
      company: dealer.legalName ?? dealer.name,
      address: dealerAddress,
      register: orUnknown([dealer.registerCourt, dealer.registerNumber].filter(Boolean).join(', '), '–'),
      managingDirector: orUnknown(dealer.managingDirectors, '–'),
      vatId: dealer.vatId ?? undefined,
      email: dealer.email ?? undefined,
      phone: dealer.phone ?? undefined,
    },
    unsubscribeUrl,
  };
}
