/**
 * The 16 German federal states by their ISO 3166-2 codes. A location's state decides its public holidays.
 * No libraries: the business calendar that workflows run (time/businessClock.ts) needs the type and the list.
 */

export const GERMAN_FEDERAL_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export type FederalState = (typeof GERMAN_FEDERAL_STATES)[number];

/** The problem with a value that should be a state code, or undefined when it is one. */
export function federalStateProblem(value: unknown): string | undefined {
  if ((GERMAN_FEDERAL_STATES as readonly unknown[]).includes(value)) return undefined;
  return `must be a German federal state code (${GERMAN_FEDERAL_STATES.join(', ')}), got ${JSON.stringify(value)}`;
}

/** Throws a clear error unless `value` is one of the 16 state codes. */
export function assertFederalState(value: unknown, field = 'federalState'): FederalState {
  const problem = federalStateProblem(value);
  if (problem) throw new Error(`${field}: ${problem}`);
  return value as FederalState;
}
