import { atLocalTime, huDueMonth, huReminderDate, nextServiceDue, repurchaseWindowOpens, averageKmPerMonth } from '../../vehicles/dueDates';

describe('HU/AU main inspection (§29 StVZO)', () => {
  it('a new car registered on 15 May 2024 is due for its first HU in May 2027 (36 months)', () => {
    expect(huDueMonth({ firstRegistration: '2024-05-15' })).toEqual({ year: 2027, month: 5 });
  });

  it('after an HU on 10 March 2025 the next is due March 2027 (24 months)', () => {
    expect(huDueMonth({ firstRegistration: '2021-02-01', lastHuDate: '2025-03-10' })).toEqual({ year: 2027, month: 3 });
  });

  it('an HU done late is not backdated: due January 2023, done April 2023, next due April 2025', () => {
    expect(huDueMonth({ firstRegistration: '2020-01-20' })).toEqual({ year: 2023, month: 1 });
    expect(huDueMonth({ firstRegistration: '2020-01-20', lastHuDate: '2023-04-05' })).toEqual({ year: 2025, month: 4 });
  });

  it('a taxi goes every 12 months, the first time too', () => {
    expect(huDueMonth({ firstRegistration: '2024-05-15', isTaxi: true })).toEqual({ year: 2025, month: 5 });
    expect(huDueMonth({ firstRegistration: '2024-05-15', lastHuDate: '2025-05-02', isTaxi: true })).toEqual({ year: 2026, month: 5 });
  });

  it('month precision holds at month ends and leap days', () => {
    expect(huDueMonth({ firstRegistration: '2020-01-01', lastHuDate: '2024-01-31' })).toEqual({ year: 2026, month: 1 });
    expect(huDueMonth({ firstRegistration: '2024-02-29' })).toEqual({ year: 2027, month: 2 });
    expect(huDueMonth({ firstRegistration: '2023-11-30', lastHuDate: null })).toEqual({ year: 2026, month: 11 });
  });

  it('the reminder goes out 6 weeks before the first day of the due month', () => {
    expect(huReminderDate({ year: 2027, month: 5 })).toBe('2027-03-20');
    expect(huReminderDate({ year: 2027, month: 3 })).toBe('2027-01-18');
    expect(huReminderDate({ year: 2028, month: 1 })).toBe('2027-11-20');
    expect(huReminderDate({ year: 2027, month: 5 }, 4)).toBe('2027-04-03');
  });

  it('the reminder day becomes a timer instant at 10:00 dealer time', () => {
    expect(atLocalTime('2027-03-20', '10:00', 'Europe/Berlin')).toBe('2027-03-20T09:00:00.000Z');
    expect(atLocalTime('2027-05-01', '10:00', 'Europe/Berlin')).toBe('2027-05-01T08:00:00.000Z');
    expect(atLocalTime('2027-05-01', '10:00')).toBe('2027-05-01T08:00:00.000Z'); // Europe/Berlin by default
  });

  it('names bad dates and impossible histories', () => {
    expect(() => huDueMonth({ firstRegistration: '15.05.2024' })).toThrow(/firstRegistration: expected a calendar date yyyy-MM-dd/);
    expect(() => huDueMonth({ firstRegistration: '2024-02-30' })).toThrow(/firstRegistration: 2024-02-30 is not a real calendar date/);
    expect(() => huDueMonth({ firstRegistration: '2024-05-15', lastHuDate: '2023-01-01' })).toThrow(
      /lastHuDate: 2023-01-01 is before firstRegistration/,
    );
    expect(() => huReminderDate({ year: 2027, month: 13 })).toThrow(/dueMonth/);
    expect(() => atLocalTime('2027-03-20', '25:00', 'Europe/Berlin')).toThrow(/time: expected a time HH:mm/);
  });
});

describe('next service', () => {
  it('a car serviced on 10 April 2025 is due again on 10 April 2026 (12 months by default)', () => {
    expect(nextServiceDue({ lastServiceDate: '2025-04-10' })).toEqual({
      dueDate: '2026-04-10',
      reason: 'time',
      byTime: '2026-04-10',
      byMileage: null,
      averageKmPerMonth: null,
    });
  });

  it('without a service yet, counting starts at delivery, else at first registration', () => {
    expect(nextServiceDue({ deliveryDate: '2025-06-01', firstRegistration: '2025-05-20' }).dueDate).toBe('2026-06-01');
    expect(nextServiceDue({ firstRegistration: '2025-05-20', intervalMonths: 24 }).dueDate).toBe('2027-05-20');
  });

  it('a high-mileage driver (2,500 km a month) hits 30,000 km before the 24-month limit', () => {
    const due = nextServiceDue({
      lastServiceDate: '2025-01-01',
      lastServiceMileage: 10_000,
      intervalMonths: 24,
      intervalKm: 30_000,
      mileageReadings: [
        { date: '2025-07-01', km: 25_000 },
        { date: '2025-01-01', km: 10_000 },
      ],
    });
    expect(due.averageKmPerMonth).toBe(2_500);
    expect(due).toMatchObject({ dueDate: '2026-01-01', reason: 'mileage', byTime: '2027-01-01', byMileage: '2026-01-01' });
  });

  it('a low-mileage driver (500 km a month) is due by time', () => {
    const due = nextServiceDue({ lastServiceDate: '2025-01-01', intervalKm: 30_000, averageKmPerMonth: 500 });
    expect(due).toMatchObject({ dueDate: '2026-01-01', reason: 'time', byMileage: '2030-01-01' });
  });

  it('with only an average known, the km interval counts from the base date, fractions of a month as days', () => {
    expect(nextServiceDue({ deliveryDate: '2025-03-15', intervalKm: 20_000, averageKmPerMonth: 2_000 }).dueDate).toBe('2026-01-15');
    // 20,000 / 3,000 = 6⅔ months = 6 months + 20 days
    expect(nextServiceDue({ deliveryDate: '2025-03-15', intervalKm: 20_000, averageKmPerMonth: 3_000 }).dueDate).toBe('2025-10-05');
  });

  it('a car already past its km limit gets the (past) date it crossed it, so the caller sees it is overdue', () => {
    const due = nextServiceDue({
      lastServiceDate: '2025-01-01',
      lastServiceMileage: 10_000,
      intervalKm: 30_000,
      mileageReadings: [
        { date: '2025-01-01', km: 10_000 },
        { date: '2025-08-01', km: 45_000 },
      ],
    });
    expect(due).toMatchObject({ dueDate: '2025-07-01', reason: 'mileage' });
  });

  it('a car standing still has no mileage due date', () => {
    const due = nextServiceDue({
      lastServiceDate: '2025-01-01',
      intervalKm: 30_000,
      mileageReadings: [
        { date: '2025-01-01', km: 10_000 },
        { date: '2025-06-01', km: 10_000 },
      ],
    });
    expect(due).toMatchObject({ reason: 'time', byMileage: null, averageKmPerMonth: 0 });
  });

  it('names bad service data', () => {
    expect(() => nextServiceDue({})).toThrow(/needs lastServiceDate, deliveryDate or firstRegistration/);
    expect(() => nextServiceDue({ lastServiceDate: '2025-01-01', intervalMonths: 0 })).toThrow(
      /intervalMonths: expected a positive whole number/,
    );
    expect(() => averageKmPerMonth([{ date: '2025-01-01', km: 10_000 }])).toThrow(/at least two readings/);
    expect(() =>
      averageKmPerMonth([
        { date: '2025-01-01', km: 10_000 },
        { date: '2025-01-01', km: 12_000 },
      ]),
    ).toThrow(/two different dates/);
    expect(() =>
      averageKmPerMonth([
        { date: '2025-01-01', km: 10_000 },
        { date: '2025-05-01', km: 9_000 },
      ]),
    ).toThrow(/odometer went down/);
    expect(() =>
      averageKmPerMonth([
        { date: '2025-01-01', km: 10_000 },
        { date: '2025-05-01', km: -5 },
      ]),
    ).toThrow(/mileageReadings\.1\.km/);
  });
});

describe('when to offer a new car (repurchase window)', () => {
  it('a lease ending 30 September 2027 opens the window on 30 March 2027 (6 months before)', () => {
    expect(repurchaseWindowOpens({ leaseEndDate: '2027-09-30', firstRegistration: '2024-09-30' })).toEqual({
      opens: '2027-03-30',
      reason: 'leaseEnd',
    });
  });

  it('six months before 31 August is the last day of February', () => {
    expect(repurchaseWindowOpens({ leaseEndDate: '2027-08-31' }).opens).toBe('2027-02-28');
    expect(repurchaseWindowOpens({ leaseEndDate: '2027-08-31', monthsBeforeLeaseEnd: 3 }).opens).toBe('2027-05-31');
  });

  it('a car bought outright: the window opens when it turns 5, or the configured age', () => {
    expect(repurchaseWindowOpens({ firstRegistration: '2021-04-12' })).toEqual({ opens: '2026-04-12', reason: 'vehicleAge' });
    expect(repurchaseWindowOpens({ firstRegistration: '2021-04-12', vehicleAgeYears: 7 }).opens).toBe('2028-04-12');
    expect(repurchaseWindowOpens({ deliveryDate: '2022-06-01', leaseEndDate: null }).opens).toBe('2027-06-01');
  });

  it('needs a lease end or an age reference', () => {
    expect(() => repurchaseWindowOpens({})).toThrow(/needs leaseEndDate, firstRegistration or deliveryDate/);
  });
});
