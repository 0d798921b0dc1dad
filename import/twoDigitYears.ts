import { DateTime } from 'luxon';

/**
 * DMS exports often write dates as dd.mm.yy. Which century a two-digit year means depends on the
 * field: a "customer since" or a first registration lies in the past, a lease end may lie ahead.
 * Each field names its direction and a plausible span; of 19yy and 20yy, the one date inside that
 * span is taken. When both fit, or neither does, the year is ambiguous and the row is reported (and
 * not imported: a guessed date would time an HU or repurchase mail wrongly).
 */
export type CenturyRule =
  { field: string; lies: 'in_the_past'; atMostYearsAgo: number } | { field: string; lies: 'around_today'; withinYears: number };

/** The rules per import field (README, "Import"): "today" is the day of the import in the dealership's zone. */
export const CENTURY_RULES = {
  consentGivenAt: { field: 'consent date', lies: 'in_the_past', atMostYearsAgo: 30 },
  existingCustomerSince: { field: 'customer-since date', lies: 'in_the_past', atMostYearsAgo: 80 },
  firstRegistrationAt: { field: 'first registration', lies: 'in_the_past', atMostYearsAgo: 100 },
  deliveredAt: { field: 'delivery date', lies: 'in_the_past', atMostYearsAgo: 60 },
  lastServiceAt: { field: 'last service date', lies: 'in_the_past', atMostYearsAgo: 30 },
  lastHuAt: { field: 'last HU date', lies: 'in_the_past', atMostYearsAgo: 30 },
  financingEndAt: { field: 'lease or financing end', lies: 'around_today', withinYears: 20 },
} satisfies Record<string, CenturyRule>;

export type CenturyContext = { rule: CenturyRule; today: string };

function plausible(candidate: DateTime, rule: CenturyRule, today: DateTime): boolean {
  if (rule.lies === 'in_the_past') return candidate <= today && candidate >= today.minus({ years: rule.atMostYearsAgo });
  return candidate >= today.minus({ years: rule.withinYears }) && candidate <= today.plus({ years: rule.withinYears });
}

function describe(rule: CenturyRule): string {
  return rule.lies === 'in_the_past'
    ? `in the past, at most ${rule.atMostYearsAgo} years back`
    : `within ${rule.withinYears} years of the import day`;
}

/** The four-digit year for a date with a two-digit year, or an Error that says why there is none. */
export function resolveTwoDigitYear(raw: string, parts: { day: number; month: number; yy: number }, context: CenturyContext): number {
  const today = DateTime.fromISO(context.today, { zone: 'UTC' });
  const readings = [1900 + parts.yy, 2000 + parts.yy]
    .map((year) => ({ year, date: DateTime.fromObject({ year, month: parts.month, day: parts.day }, { zone: 'UTC' }) }))
    .filter(({ date }) => date.isValid);
  if (readings.length === 0) throw new Error(`"${raw}" is not a valid calendar date`);
  const fitting = readings.filter(({ date }) => plausible(date, context.rule, today));
  const [old, recent] = [1900 + parts.yy, 2000 + parts.yy];
  if (fitting.length === 1) return fitting[0].year;
  const why =
    fitting.length === 2
      ? `it could be ${old} or ${recent}`
      : `neither ${old} nor ${recent} is a plausible ${context.rule.field} (${describe(context.rule)})`;
  throw new Error(`"${raw}" has an ambiguous two-digit year: ${why}; write the year with four digits`);
}
