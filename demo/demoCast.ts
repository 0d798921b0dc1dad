import { DateTime } from 'luxon';

/**
 * Who is in the demo dealership, as plain data: ~50 customers whose dates are chosen relative to
 * today so that several touchpoints are due right now (HU and service reminders, reactivation),
 * others soon (check-ins after a delivery three days ago, lease ends in six months).
 * Pure: the same `today` always gives the same cast.
 */

export type DemoStory = 'hu_due' | 'service_due' | 'just_delivered' | 'lease_ending' | 'silent' | 'service_soon';

export type DemoVehicle = {
  vin: string;
  make: string;
  model: string;
  licensePlate: string;
  fuelType: 'petrol' | 'diesel' | 'hybrid' | 'electric';
  condition: 'new' | 'used';
  deliveredOn: string;
  firstRegistration: string;
  lastHuDate?: string;
  /** A workshop visit sent as a lifecycle event (service_visit_done). */
  serviceVisit?: { visitedOn: string; mileageKm: number };
  lease?: { endDate: string };
};

export type DemoCustomer = {
  externalDmsId: string;
  story: DemoStory;
  salutation: 'mr' | 'ms';
  firstName: string;
  lastName: string;
  email: string;
  language: 'de' | 'en';
  consent: 'existing_customer' | 'double_opt_in' | 'none' | 'objected';
  /** Index into the salespeople (0 = the absent one). */
  salesperson: number;
  vehicle: DemoVehicle;
  /** Silent customers: their last contact, long ago. */
  lastContactOn?: string;
};

const GERMAN: Array<['mr' | 'ms', string, string]> = [
  ['ms', 'Anna', 'Schmidt'],
  ['mr', 'Lukas', 'Müller'],
  ['ms', 'Julia', 'Schneider'],
  ['mr', 'Maximilian', 'Fischer'],
  ['ms', 'Laura', 'Weber'],
  ['mr', 'Felix', 'Meyer'],
  ['ms', 'Sophie', 'Wagner'],
  ['mr', 'Jonas', 'Becker'],
  ['ms', 'Lea', 'Schulz'],
  ['mr', 'Paul', 'Hoffmann'],
  ['ms', 'Hannah', 'Schäfer'],
  ['mr', 'Leon', 'Koch'],
  ['ms', 'Mia', 'Bauer'],
  ['mr', 'Elias', 'Richter'],
  ['ms', 'Emma', 'Klein'],
  ['mr', 'Noah', 'Wolf'],
  ['ms', 'Lena', 'Schröder'],
  ['mr', 'Ben', 'Neumann'],
  ['ms', 'Marie', 'Schwarz'],
  ['mr', 'Finn', 'Zimmermann'],
  ['ms', 'Katharina', 'Braun'],
  ['mr', 'Tobias', 'Krüger'],
  ['ms', 'Sarah', 'Hofmann'],
  ['mr', 'Florian', 'Hartmann'],
  ['ms', 'Johanna', 'Lange'],
  ['mr', 'Sebastian', 'Schmitt'],
  ['ms', 'Clara', 'Werner'],
  ['mr', 'Moritz', 'Schmitz'],
  ['ms', 'Franziska', 'Krause'],
  ['mr', 'Simon', 'Meier'],
  ['ms', 'Theresa', 'Lehmann'],
  ['mr', 'Niklas', 'Huber'],
  ['ms', 'Magdalena', 'Mayer'],
  ['mr', 'Andreas', 'Herrmann'],
  ['ms', 'Veronika', 'König'],
  ['mr', 'Markus', 'Walter'],
  ['ms', 'Christina', 'Kaiser'],
  ['mr', 'Stefan', 'Fuchs'],
  ['ms', 'Birgit', 'Peters'],
  ['mr', 'Georg', 'Lang'],
  ['ms', 'Ursula', 'Weiß'],
  ['mr', 'Josef', 'Jung'],
  ['ms', 'Monika', 'Hahn'],
  ['mr', 'Franz', 'Schubert'],
];
const ENGLISH: Array<['mr' | 'ms', string, string]> = [
  ['mr', 'James', 'Miller'],
  ['ms', 'Emily', 'Clarke'],
  ['mr', 'Daniel', 'Hughes'],
  ['ms', 'Olivia', 'Bennett'],
  ['mr', 'Thomas', 'Wright'],
  ['ms', 'Grace', 'Turner'],
];

const MODELS: Array<{ make: string; model: string; fuelType: DemoVehicle['fuelType'] }> = [
  { make: 'Volkswagen', model: 'Golf', fuelType: 'petrol' },
  { make: 'BMW', model: '320d Touring', fuelType: 'diesel' },
  { make: 'Audi', model: 'Q4 e-tron', fuelType: 'electric' },
  { make: 'Škoda', model: 'Octavia Combi', fuelType: 'diesel' },
  { make: 'Mercedes-Benz', model: 'C 300 e', fuelType: 'hybrid' },
  { make: 'Volkswagen', model: 'ID.4', fuelType: 'electric' },
  { make: 'SEAT', model: 'Leon', fuelType: 'petrol' },
  { make: 'Opel', model: 'Astra', fuelType: 'petrol' },
];

/** How many customers each story gets, in cast order. */
const STORIES: Array<[DemoStory, number]> = [
  ['hu_due', 10],
  ['service_due', 10],
  ['just_delivered', 8],
  ['lease_ending', 8],
  ['silent', 7],
  ['service_soon', 7],
];

/** A few consent cases sprinkled in, by cast index: no legal basis, double opt-in, one objection. */
function consentOf(index: number): DemoCustomer['consent'] {
  if (index === 12) return 'objected';
  if ([4, 16, 38].includes(index)) return 'none';
  if (index % 6 === 1) return 'double_opt_in';
  return 'existing_customer';
}

const iso = (d: DateTime) => d.toISODate()!;
const plate = (index: number) => `M-SO ${String(1000 + index * 37).slice(0, 4)}`;
const mailName = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z]/g, '');

function vehicleFor(story: DemoStory, index: number, today: DateTime): DemoVehicle {
  const m = MODELS[index % MODELS.length];
  const base = { vin: `WDEMO${String(index).padStart(3, '0')}SONNENSCHEIN`.slice(0, 17), ...m, licensePlate: plate(index) };
  switch (story) {
    case 'hu_due': {
      // First HU of a new car is 36 months after registration: that month begins in about five weeks.
      const deliveredOn = iso(today.minus({ months: 36 }).plus({ weeks: 5 }));
      if (index % 2 === 0) return { ...base, condition: 'new', deliveredOn, firstRegistration: deliveredOn };
      // A used car whose last HU was almost two years ago.
      return {
        ...base,
        condition: 'used',
        deliveredOn: iso(today.minus({ years: 3 })),
        firstRegistration: iso(today.minus({ years: 7 })),
        lastHuDate: iso(today.minus({ months: 24 }).plus({ weeks: 5 })),
      };
    }
    case 'service_due':
    case 'service_soon': {
      // Serviced here about a year ago; the next service is due in ~2½ weeks (reminder now) or ~5 weeks (reminder soon).
      const deliveredOn = iso(today.minus({ years: 2, days: 20 }));
      const weeksUntilDue = story === 'service_due' ? 2.5 : 5;
      return {
        ...base,
        condition: 'new',
        deliveredOn,
        firstRegistration: deliveredOn,
        serviceVisit: {
          visitedOn: iso(today.minus({ months: 12 }).plus({ days: Math.round(weeksUntilDue * 7) })),
          mileageKm: 12_000 + index * 150,
        },
      };
    }
    case 'just_delivered': {
      const deliveredOn = iso(today.minus({ days: 3 }));
      return index % 2 === 0
        ? { ...base, condition: 'new', deliveredOn, firstRegistration: deliveredOn }
        : {
            ...base,
            condition: 'used',
            deliveredOn,
            firstRegistration: iso(today.minus({ years: 2, months: 4 })),
            lastHuDate: iso(today.minus({ months: 4 })),
          };
    }
    case 'lease_ending': {
      // A 36-month lease that ends a little over six months from now: the repurchase offer goes out soon.
      const endDate = iso(today.plus({ months: 6, days: 2 + (index % 5) * 3 }));
      const deliveredOn = iso(DateTime.fromISO(endDate).minus({ months: 36 }));
      return { ...base, condition: 'new', deliveredOn, firstRegistration: deliveredOn, lease: { endDate } };
    }
    case 'silent': {
      const deliveredOn = iso(today.minus({ years: 6, months: index % 4 }));
      return { ...base, condition: 'new', deliveredOn, firstRegistration: deliveredOn, lastHuDate: iso(today.minus({ months: 20 })) };
    }
  }
}

/** The demo's customers for a given local date (Europe/Berlin). */
export function demoCast(today: DateTime): DemoCustomer[] {
  const people = [...GERMAN];
  // English-speaking customers at fixed places in the cast.
  [3, 11, 22, 30, 39, 46].forEach((at, i) => people.splice(at, 0, ENGLISH[i]));
  const cast: DemoCustomer[] = [];
  let index = 0;
  for (const [story, count] of STORIES) {
    for (let n = 0; n < count; n += 1, index += 1) {
      const [salutation, firstName, lastName] = people[index % people.length];
      const english = ENGLISH.some(([, f, l]) => f === firstName && l === lastName);
      cast.push({
        externalDmsId: `DEMO-K${String(10001 + index)}`,
        story,
        salutation,
        firstName,
        lastName,
        email: `${mailName(firstName)}.${mailName(lastName)}@kunde.example`,
        language: english ? 'en' : 'de',
        consent: consentOf(index),
        salesperson: index % 3,
        vehicle: vehicleFor(story, index, today),
        ...(story === 'silent' ? { lastContactOn: iso(today.minus({ months: 19 + (index % 6) })) } : {}),
      });
    }
  }
  return cast;
}
