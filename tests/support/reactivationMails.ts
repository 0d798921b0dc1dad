import type { ReceivedMail } from '../../mail/smtpReceiver';
import type { CampaignWorld } from './campaignScenario';
import { addCustomer } from './dealership';
import { plus, sendDay, type LifecycleDriver } from './lifecycleWorld';

export type ReactivationMailed = { customer: { id: string; email: string | null }; mail: ReceivedMail };

/**
 * Customers last heard of 18 months ago (a phone call about winter tyres) get the first reactivation mail;
 * Sabine Kraus, their salesperson, is on holiday from a few days before the week after it. One timeline for all.
 */
export async function reactivationMailsTo(
  world: CampaignWorld,
  drive: LifecycleDriver,
  ...lastNames: string[]
): Promise<ReactivationMailed[]> {
  const customers = [];
  for (const lastName of lastNames)
    customers.push(
      await addCustomer(world.db.prisma, world.dealership, { lastName, email: `${lastName.toLowerCase()}@kundenmail.example` }),
    );
  const lastContact = await world.nextTuesday();
  await drive.on(lastContact);
  for (const customer of customers) {
    await drive.event(customer.id, {
      type: 'interaction_recorded',
      channel: 'phone',
      direction: 'inbound',
      staffId: world.dealership.staff.salesperson.id,
      summary: 'Fragt nach Winterreifen für den ID.4',
    });
    await drive.until(customer.id, (j) => j.eventsHandled === 1);
  }
  const reactivationDay = sendDay(plus(lastContact, { months: 18 }), '11:00');
  const replyDay = plus(reactivationDay, { weeks: 1 });
  await world.db.prisma.staffAbsence.create({
    data: {
      staffId: world.dealership.staff.salesperson.id,
      from: new Date(plus(replyDay, { days: -2 })),
      to: new Date(plus(replyDay, { days: 10 })),
      reason: 'vacation',
    },
  });
  await drive.on(replyDay);
  const mailed: ReactivationMailed[] = [];
  for (const customer of customers) mailed.push({ customer, mail: (await world.waitForMailTo(customer.email))[0] });
  return mailed;
}
