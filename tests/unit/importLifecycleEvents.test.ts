import { parseCustomerEvent } from '../../lifecycle/customerEvents';
import { customerEventFor } from '../../import/lifecycleEnrollment';

const vehicleId = '0190a3c4-0000-7000-8000-000000000001';
const customerId = '0190a3c4-0000-7000-8000-000000000002';

describe('what an imported row tells the customer lifecycle', () => {
  it('a new or changed customer becomes a valid customer_data_changed event', () => {
    const event = parseCustomerEvent(
      customerEventFor({
        kind: 'customer_data_changed',
        eventId: 'dms-import:customer:x:1',
        customerId,
        occurredAt: '2026-11-22T10:00:00.000Z',
        changes: { lastName: 'Müller', email: 'anna@example.de', salutation: 'ms' },
      }),
    );
    expect(event).toMatchObject({ type: 'customer_data_changed', changes: { lastName: 'Müller', email: 'anna@example.de' } });
  });

  it('a delivered leasing car becomes a valid vehicle_delivered event; a car registered long before delivery was bought used', () => {
    const change = {
      kind: 'vehicle_delivered' as const,
      eventId: 'dms-import:vehicle-delivered:v:2022-05-20',
      customerId,
      vehicleId,
      deliveredAt: '2022-05-20',
      occurredAt: '2026-11-22T10:00:00.000Z',
      vehicle: {
        vin: 'WVWZZZ1JZXW000001',
        make: 'VW',
        model: 'Golf',
        firstRegistrationAt: '2022-05-14',
        lastServiceMileage: 45123,
        lastHuAt: '2024-05-01',
        financingEndAt: '2026-05-31',
      },
    };
    expect(parseCustomerEvent(customerEventFor(change))).toMatchObject({
      type: 'vehicle_delivered',
      condition: 'new',
      firstRegistration: '2022-05-14',
      lastServiceMileageKm: 45123,
      financing: { kind: 'lease', endDate: '2026-05-31' },
    });
    const used = customerEventFor({ ...change, vehicle: { ...change.vehicle, firstRegistrationAt: '2019-02-01' } });
    expect(parseCustomerEvent(used)).toMatchObject({ condition: 'used' });
  });
});
