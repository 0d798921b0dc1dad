import { DEFAULT_OPENING_HOURS, opensAtAll, parseOpeningHours } from '../../time/openingHours';

describe('a location enters its opening hours', () => {
  it('without any configuration it gets Mon–Fri 08:00–18:00 and Saturday 09:00–13:00', () => {
    const hours = parseOpeningHours(undefined);
    expect(hours).toEqual(DEFAULT_OPENING_HOURS);
    expect(hours.mon).toEqual([{ from: '08:00', to: '18:00' }]);
    expect(hours.fri).toEqual([{ from: '08:00', to: '18:00' }]);
    expect(hours.sat).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(hours.sun).toEqual([]);
  });

  it('the shared default cannot be changed by accident', () => {
    const hours = parseOpeningHours(undefined);
    expect(() => hours.mon.push({ from: '20:00', to: '21:00' })).toThrow();
    expect(DEFAULT_OPENING_HOURS.mon).toHaveLength(1);
  });

  it('a workshop with a lunch break lists two intervals, in any order; they come back sorted', () => {
    const hours = parseOpeningHours({
      mon: [
        { from: '13:00', to: '17:00' },
        { from: '07:30', to: '12:00' },
      ],
    });
    expect(hours.mon).toEqual([
      { from: '07:30', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
  });

  it('weekdays left out are closed', () => {
    const hours = parseOpeningHours({ tue: [{ from: '09:00', to: '18:00' }] });
    expect(hours.mon).toEqual([]);
    expect(hours.sun).toEqual([]);
    expect(opensAtAll(hours)).toBe(true);
    expect(opensAtAll(parseOpeningHours({}))).toBe(false);
  });

  it('intervals that merely touch (12:00–13:00 then 13:00–18:00) are fine', () => {
    expect(() =>
      parseOpeningHours({
        wed: [
          { from: '12:00', to: '13:00' },
          { from: '13:00', to: '18:00' },
        ],
      }),
    ).not.toThrow();
  });
});

describe('mistakes in opening hours are named with weekday and problem', () => {
  it('an interval that ends before it starts', () => {
    expect(() => parseOpeningHours({ mon: [{ from: '18:00', to: '09:00' }] })).toThrow(
      'Invalid opening hours: mon.0: Monday: 18:00–09:00 must start before it ends',
    );
  });

  it('an empty interval', () => {
    expect(() => parseOpeningHours({ thu: [{ from: '09:00', to: '09:00' }] })).toThrow(/Thursday: 09:00–09:00 must start before it ends/);
  });

  it('overlapping intervals', () => {
    expect(() =>
      parseOpeningHours({
        sat: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '14:00' },
        ],
      }),
    ).toThrow(/sat: Saturday: 09:00–13:00 and 12:00–14:00 overlap/);
  });

  it('a time that is not HH:mm', () => {
    expect(() => parseOpeningHours({ tue: [{ from: '9:00', to: '18:00' }] })).toThrow(/tue\.0\.from: must be a time HH:mm/);
    expect(() => parseOpeningHours({ tue: [{ from: '09:00', to: '24:00' }] })).toThrow(/tue\.0\.to: must be a time HH:mm/);
  });

  it('a misspelt weekday', () => {
    expect(() => parseOpeningHours({ monday: [{ from: '09:00', to: '18:00' }] })).toThrow(/Unrecognized key.*monday/);
  });

  it('several problems at once are all reported', () => {
    let message = '';
    try {
      parseOpeningHours({ mon: [{ from: '18:00', to: '09:00' }], fri: [{ from: 'noon', to: '18:00' }] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Monday/);
    expect(message).toMatch(/fri\.0\.from/);
  });
});
