import { normalizeHeader, parseMapFlags, resolveColumns } from '../../import/headerMapping';
import {
  parseConsent,
  parseGermanDate,
  parseGermanDateOrMonth,
  parseGermanNumber,
  parseMileage,
  parseSalutation,
  parseVin,
} from '../../import/germanValues';
import { CENTURY_RULES } from '../../import/twoDigitYears';

describe('values as a German DMS writes them', () => {
  it('reads dd.mm.yyyy dates and refuses impossible ones', () => {
    expect(parseGermanDate('07.03.2024')).toBe('2024-03-07');
    expect(parseGermanDate('7.3.2024')).toBe('2024-03-07');
    expect(() => parseGermanDate('29.02.2023')).toThrow('"29.02.2023" is not a valid calendar date');
    expect(() => parseGermanDate('2024/03/07')).toThrow('is not a date dd.mm.yyyy');
  });

  it('reads an HU month as the first of that month', () => {
    expect(parseGermanDateOrMonth('05/2025')).toBe('2025-05-01');
    expect(parseGermanDateOrMonth('11.2023')).toBe('2023-11-01');
  });

  it('reads thousands dots and decimal commas', () => {
    expect(parseGermanNumber('45.123')).toBe(45123);
    expect(parseGermanNumber('1.234,5')).toBe(1234.5);
    expect(parseGermanNumber('87 500 km')).toBe(87500);
    expect(parseMileage('1.234,5')).toBe(1235);
    expect(() => parseGermanNumber('12,34,5')).toThrow('is not a number');
  });

  it('understands salutations, consent and VINs', () => {
    expect(parseSalutation('Frau')).toBe('ms');
    expect(parseSalutation('Hr.')).toBe('mr');
    expect(parseConsent('Ja')).toBe('double_opt_in');
    expect(parseConsent('Bestandskunde')).toBe('existing_customer');
    expect(() => parseConsent('vielleicht')).toThrow('not a consent value');
    expect(parseVin('wvwzzz1jzxw 000001')).toBe('WVWZZZ1JZXW000001');
    expect(() => parseVin('WVWZZZ1JZXW00000O')).toThrow('17-character VIN');
  });
});

describe("matching the file's columns to fields", () => {
  it('knows common German headers whatever their spelling', () => {
    expect(normalizeHeader('E-Mail')).toBe(normalizeHeader('email'));
    const columns = resolveColumns(['Kunden-Nr', 'NACHNAME', 'e-mail', 'Farbe'], 'customers');
    expect(columns.fieldOfColumn).toEqual(['externalDmsId', 'lastName', 'email', undefined]);
    expect(columns.ignoredHeaders).toEqual(['Farbe']);
  });

  it('lets --map flags override the defaults and names a bad flag', () => {
    expect(resolveColumns(['Name 2'], 'customers', parseMapFlags(['Name 2=lastName'])).headerOfField.lastName).toBe('Name 2');
    expect(() => parseMapFlags(['Kdnr'])).toThrow('--map "Kdnr": expected COLUMN=field');
    expect(() => parseMapFlags(['Kdnr=kundennummer'])).toThrow('unknown field "kundennummer"');
  });
});

describe('two-digit years follow the century rule of their field', () => {
  const today = '2026-12-02';
  const { existingCustomerSince, financingEndAt, firstRegistrationAt } = CENTURY_RULES;
  it('a past date takes the century that puts it in the past, within its span', () => {
    expect(parseGermanDate('01.03.98', { rule: existingCustomerSince, today })).toBe('1998-03-01');
    expect(parseGermanDate('1.3.21', { rule: existingCustomerSince, today })).toBe('2021-03-01');
    expect(parseGermanDate('01.04.68', { rule: firstRegistrationAt, today })).toBe('1968-04-01');
  });
  it('a lease end may lie ahead', () => {
    expect(parseGermanDateOrMonth('31.05.28', { rule: financingEndAt, today })).toBe('2028-05-31');
    expect(parseGermanDateOrMonth('05/29', { rule: financingEndAt, today })).toBe('2029-05-01');
  });
  it('a year no reading of which fits is reported as ambiguous, and a year that fits twice too', () => {
    expect(() => parseGermanDate('24.12.26', { rule: existingCustomerSince, today })).toThrow(
      /ambiguous two-digit year: neither 1926 nor 2026/,
    );
    expect(() => parseGermanDate('01.01.10', { rule: { field: 'birth date', lies: 'in_the_past', atMostYearsAgo: 120 }, today })).toThrow(
      /ambiguous two-digit year: it could be 1910 or 2010/,
    );
  });
  it('without a rule, a two-digit year is refused', () => {
    expect(() => parseGermanDate('01.03.98')).toThrow('"01.03.98" has a two-digit year: write dd.mm.yyyy');
  });
});
