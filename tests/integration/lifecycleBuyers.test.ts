import { addCustomer, addVehicle } from '../support/dealership';
import { readHistories } from '../support/temporalHistories';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { firstOfMonth, lifecycleDriver, newCarOnLease, plus, sendDay, type LifecycleDriver } from '../support/lifecycleWorld';

/**
 * Car buyers living with their cars for years: every event goes into the customer's lifecycle,
 * which enrolls them in the built-in campaigns; we check what they (and the staff) actually got.
 */
/** "How is your car?" three days after the handover (11:00), later if that day is a holiday or Sunday. */
const checkIn = (delivered: string) => sendDay(plus(delivered, { days: 3 }), '11:00');

describe('the customer lifecycle of car buyers', () => {
  let world: CampaignWorld;
  let drive: LifecycleDriver;
  beforeAll(async () => {
    world = await openCampaignWorld();
    drive = lifecycleDriver(world);
  });
  afterAll(async () => world?.close());

  it('a new-car buyer on a 36-month lease gets, over four years, exactly the right emails and staff tasks', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Neumann' });
    const car = await addVehicle(world.db.prisma, world.dealership, customer.id, { make: 'Volkswagen', model: 'ID.4' });
    const delivered = await world.nextTuesday();
    const leaseEnd = plus(delivered, { months: 36 });

    // Day 0: the car is handed over.
    await drive.on(delivered);
    await drive.event(customer.id, newCarOnLease(car.id, delivered));
    const journey = await drive.until(customer.id, (j) => j.enrollments.length === 4 && j);
    expect(journey.enrollments.map((e) => e.campaignId).sort()).toEqual([
      'hu-reminders',
      'post-purchase-check-ins',
      'repurchase-lease-end',
      'service-reminders',
    ]);
    // The four campaigns' definitions (steps, templates, notes) are pinned in each enrollment's own input; the
    // lifecycle's history keeps the enrollments' ids and the events it forwards to them.
    const [lifecycleHistory] = await readHistories(world.env.client, world.db.prisma, [drive.lifecycleId(customer.id)]);
    expect(lifecycleHistory.texts.some((t) => t.includes(journey.enrollments[0].enrollmentId))).toBe(true);
    expect(lifecycleHistory.texts.filter((t) => t.includes('"steps"'))).toEqual([]);
    const huMonth = firstOfMonth(plus(delivered, { months: 36 }));
    expect(journey.vehicles).toEqual([
      {
        vehicleId: car.id,
        make: 'Volkswagen',
        serviceDueDate: plus(delivered, { months: 12 }),
        huDueMonth: huMonth,
        repurchaseDate: plus(leaseEnd, { months: -6 }),
      },
    ]);
    expect(journey.upcoming.map((u) => [u.at.slice(0, 10) <= '9999' && u.campaignId, u.name])).toEqual(
      expect.arrayContaining([
        ['repurchase-lease-end', 'repurchase offer'],
        ['repurchase-lease-end', 'salesperson calls about the next car'],
        ['hu-reminders', 'HU reminder'],
        // The first cycle's reminder is left out (the check-ins invite to the first service); the follow-up is planned.
        ['service-reminders', 'service follow-up'],
        ['service-reminders', 'service advisor calls'],
        ['reactivation', 'reactivation starts if the customer stays silent'],
      ]),
    );

    // Year 1: first service on time, a week before it is due.
    const firstDue = plus(delivered, { months: 12 });
    const firstVisit = plus(firstDue, { weeks: -1 });
    await drive.on(firstVisit);
    await drive.event(customer.id, { type: 'service_visit_done', vehicleId: car.id, visitedOn: firstVisit, mileageKm: 12_000 });
    await drive.until(customer.id, (j) => j.enrollments.some((e) => e.campaignId === 'service-reminders' && e.cycle === 2));

    // Year 2: the second service is late: reminder, follow-up, a call from the workshop, then the visit.
    const secondDue = plus(firstVisit, { months: 12 });
    const secondReminder = sendDay(plus(secondDue, { weeks: -3 }));
    const secondFollowUp = sendDay(plus(secondReminder, { weeks: 4 }));
    const callTask = plus(secondFollowUp, { weeks: 2 });
    const secondVisit = plus(secondDue, { weeks: 5 });
    await drive.on(secondVisit);
    await drive.event(customer.id, { type: 'service_visit_done', vehicleId: car.id, visitedOn: secondVisit, mileageKm: 25_000 });
    await drive.until(customer.id, (j) => j.enrollments.some((e) => e.campaignId === 'service-reminders' && e.cycle === 3));

    // Year 3: repurchase offer 6 months before the lease ends; HU due at 36 months, done after the second reminder.
    const huReminder = sendDay(plus(huMonth, { weeks: -6 }));
    const huSecond = sendDay(plus(huReminder, { weeks: 6 }));
    const huDone = plus(huSecond, { days: 3 });
    await drive.on(huDone);
    await drive.event(customer.id, { type: 'hu_done', vehicleId: car.id, doneOn: huDone });
    await drive.until(customer.id, (j) => j.enrollments.some((e) => e.campaignId === 'hu-reminders' && e.cycle === 2));

    // Third service on time again; then the fourth year runs out quietly.
    const thirdDue = plus(secondVisit, { months: 12 });
    const thirdVisit = plus(thirdDue, { weeks: -1 });
    await drive.on(thirdVisit);
    await drive.event(customer.id, { type: 'service_visit_done', vehicleId: car.id, visitedOn: thirdVisit, mileageKm: 37_000 });
    await drive.on(plus(delivered, { months: 47 }));

    const expected: Array<[string, string]> = [
      [checkIn(delivered), 'checkin-3-days'],
      [sendDay(plus(checkIn(delivered), { days: 27 }), '11:00'), 'checkin-satisfaction-30-days'],
      [sendDay(plus(firstDue, { weeks: -4 })), 'first-service-invitation'],
      [secondReminder, 'service-reminder'],
      [secondFollowUp, 'service-reminder-followup'],
      [sendDay(plus(leaseEnd, { months: -6 })), 'repurchase-lease-end'],
      [huReminder, 'hu-reminder'],
      [huSecond, 'hu-reminder-second'],
      [sendDay(plus(thirdDue, { weeks: -3 })), 'service-reminder'],
    ];
    expect(await drive.mailsOf(customer.email, expected.length)).toEqual(expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(await drive.tasksOf(customer.id)).toEqual([
      [callTask, 'call_for_service', 'Stefan Maier'],
      [sendDay(plus(leaseEnd, { months: -6 })), 'repurchase_offer', 'Sabine Kraus'],
    ]);
    const touchpoints = await world.db.prisma.touchpoint.findMany({
      where: { customerId: customer.id, externalEventId: { startsWith: 'event:' } },
    });
    expect(touchpoints.map((t) => t.kind).sort()).toEqual([
      'service.hu',
      'service.visit',
      'service.visit',
      'service.visit',
      'vehicle.delivered',
    ]);

    await drive.recordHistory(drive.lifecycleId(customer.id), 'lifecycle-new-car');
    const lateCycle = await world.db.prisma.campaignEnrollment.findFirstOrThrow({
      where: { customerId: customer.id, campaignId: 'service-reminders' },
      orderBy: { enteredAt: 'asc' },
      skip: 1,
    });
    await drive.recordHistory(lateCycle.workflowId!, 'enrollment-late-service');
  });

  it('a used-car buyer with a known last HU and mileage gets service and HU reminders on the right dates', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Bauer', language: 'en' });
    const car = await addVehicle(world.db.prisma, world.dealership, customer.id, { make: 'Škoda', model: 'Octavia' });
    const delivered = await world.nextTuesday();
    const lastHu = plus(delivered, { months: -14 });
    await drive.on(delivered);
    // 108,000 km in three years = 3,000 km a month; last service 4 months ago at 96,000 km: 30,000 km more in 6 months.
    await drive.event(customer.id, {
      type: 'vehicle_delivered',
      vehicleId: car.id,
      deliveredOn: delivered,
      condition: 'used',
      firstRegistration: plus(delivered, { years: -3 }),
      mileageKm: 108_000,
      lastServiceDate: plus(delivered, { months: -4 }),
      lastServiceMileageKm: 96_000,
      lastHuDate: lastHu,
    });
    const serviceDue = plus(delivered, { months: 6 }); // by mileage, two months before the 12-month interval
    const huMonth = firstOfMonth(plus(lastHu, { months: 24 }));
    const journey = await drive.until(customer.id, (j) => j.enrollments.length === 4 && j);
    expect(journey.vehicles[0]).toMatchObject({
      serviceDueDate: serviceDue,
      huDueMonth: huMonth,
      repurchaseDate: plus(delivered, { years: 2 }),
    });
    expect(journey.enrollments.map((e) => e.campaignId).sort()).toEqual([
      'hu-reminders',
      'post-purchase-check-ins',
      'repurchase-vehicle-age',
      'service-reminders',
    ]);

    await drive.on(plus(delivered, { months: 12 }));

    const followUp = sendDay(plus(sendDay(plus(serviceDue, { weeks: -3 })), { weeks: 4 }));
    const huReminder = sendDay(plus(huMonth, { weeks: -6 }));
    const expected: Array<[string, string]> = [
      [checkIn(delivered), 'checkin-3-days'],
      [sendDay(plus(checkIn(delivered), { days: 27 }), '11:00'), 'checkin-satisfaction-30-days'],
      [sendDay(plus(serviceDue, { weeks: -4 })), 'first-service-invitation'],
      [followUp, 'service-reminder-followup'],
      [huReminder, 'hu-reminder'],
      [sendDay(plus(huReminder, { weeks: 6 })), 'hu-reminder-second'],
    ];
    expect(await drive.mailsOf(customer.email, expected.length)).toEqual(expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(await drive.tasksOf(customer.id)).toEqual([[plus(followUp, { weeks: 2 }), 'call_for_service', 'Stefan Maier']]);
    const subjects = world.smtp
      .messages()
      .filter((m) => m.to.some((t) => t.address === customer.email))
      .map((m) => m.subject);
    expect(subjects).toContain(
      'Main inspection (HU) due in ' +
        new Date(`${huMonth}T12:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric' }) +
        ' – Škoda Octavia (M-AB 1234)',
    );
  });
});
