import { all, any, eq, evaluateCondition, exists, gt, isIn, missing, not } from '../../campaigns/dsl';

const facts = {
  customer: { language: 'en', tags: ['ev'], objected: false },
  vehicle: { fuelType: 'electric', firstRegistrationAt: '2021-05-10', lastServiceMileage: 42000 },
  context: { segment: 'premium' },
};

describe('branch conditions read like the dealer would say them', () => {
  it('English-speaking EV owners', () => {
    expect(evaluateCondition(all(eq('customer.language', 'en'), eq('vehicle.fuelType', 'electric')), facts)).toBe(true);
  });
  it('diesel or petrol owners', () => {
    expect(evaluateCondition(isIn('vehicle.fuelType', ['diesel', 'petrol']), facts)).toBe(false);
  });
  it('cars registered after 2020 (ISO dates compare in order)', () => {
    expect(evaluateCondition(gt('vehicle.firstRegistrationAt', '2020-12-31'), facts)).toBe(true);
  });
  it('mileage above 40,000 km', () => {
    expect(evaluateCondition(gt('vehicle.lastServiceMileage', 40000), facts)).toBe(true);
  });
  it('a customer without a vehicle has no fuel type', () => {
    expect(evaluateCondition(missing('vehicle.fuelType'), { ...facts, vehicle: null })).toBe(true);
    expect(evaluateCondition(exists('vehicle.fuelType'), { ...facts, vehicle: null })).toBe(false);
  });
  it('any / not combine', () => {
    expect(evaluateCondition(any(not(eq('context.segment', 'premium')), eq('customer.objected', false)), facts)).toBe(true);
  });
});
