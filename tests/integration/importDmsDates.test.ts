import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { importDmsFile } from '../../import/importDmsFile';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDealership, type Dealership } from '../support/dealership';

/**
 * Autohaus Berger's old DMS writes two-digit years and puts a UTF-8 byte-order mark in front of a
 * Windows-1252 file. The import reads each date by its field's century rule (a "customer since"
 * lies in the past, a lease end may lie ahead), reports the rows whose year it cannot tell, and
 * names the first column as the dealer knows it.
 */
const IMPORT_DAY = new Date('2026-12-02T09:00:00+01:00');

describe('a DMS export with dd.mm.yy dates and a byte-order mark', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-yy-'));
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Windows-1252 text with the three bytes of a UTF-8 BOM in front, as some exports write it. */
  const writeWin1252WithBom = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(content, 'windows-1252')]));
    return file;
  };
  const run = (file: string, kind: 'customers' | 'vehicles') =>
    importDmsFile(db.prisma, { file, kind, dealerId: dealership.dealer.id, now: () => IMPORT_DAY });

  it('reads customers with two-digit years by the past-date rule and names the first column without "ï»¿"', async () => {
    const file = writeWin1252WithBom(
      'kunden-yy.csv',
      [
        'Kundennummer;Vorname;Nachname;E-Mail;Einwilligung;Einwilligungsdatum;Kunde seit',
        '30001;Jürgen;Weiß;juergen.weiss@example.de;ja;03.02.23;01.03.98',
        '30002;Hannelore;Groß;hannelore@example.de;Bestandskunde;;15.06.61',
        '30003;Kai;Ölmann;kai@example.de;Bestandskunde;;24.12.26',
        ';Ohne;Nummer;ohne@example.de;;;',
      ].join('\r\n'),
    );
    const report = await run(file, 'customers');

    expect(report.encoding).toBe('win1252');
    expect(report).toMatchObject({ rows: 4, created: 2 });
    expect(report.rejected).toEqual([
      {
        line: 4,
        reason:
          'Kunde seit: "24.12.26" has an ambiguous two-digit year: neither 1926 nor 2026 is a plausible customer-since date (in the past, at most 80 years back); write the year with four digits',
      },
      { line: 5, reason: 'Kundennummer: is required' },
    ]);
    const juergen = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '30001' } });
    expect(juergen.firstName).toBe('Jürgen');
    expect(juergen.consentConfirmedAt?.toISOString().slice(0, 10)).toBe('2023-02-03');
    expect(juergen.existingCustomerSince?.toISOString().slice(0, 10)).toBe('1998-03-01');
    const hannelore = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '30002' } });
    expect(hannelore.existingCustomerSince?.toISOString().slice(0, 10)).toBe('1961-06-15');
  });

  it('reads vehicle dates in the past and lease ends ahead, and reports a year it cannot place', async () => {
    const file = writeWin1252WithBom(
      'fahrzeuge-yy.csv',
      [
        'Kundennummer;FIN;Marke;Modell;Erstzulassung;Auslieferung;letzte HU;Leasingende',
        '30001;WVWZZZ1JZXW000031;Volkswagen;Golf;14.05.22;20.05.22;05/24;31.05.28',
        '30002;WDB12345678900032;Mercedes-Benz;280 SL;01.04.68;;09/25;',
        '30002;WBA12345678900033;BMW;iX3;01.02.24;;;31.01.70',
      ].join('\r\n'),
    );
    const report = await run(file, 'vehicles');

    expect(report).toMatchObject({ rows: 3, created: 2 });
    expect(report.rejected).toEqual([
      {
        line: 4,
        reason:
          'Leasingende: "31.01.70" has an ambiguous two-digit year: neither 1970 nor 2070 is a plausible lease or financing end (within 20 years of the import day); write the year with four digits',
      },
    ]);
    const golf = await db.prisma.vehicle.findFirstOrThrow({ where: { vin: 'WVWZZZ1JZXW000031' } });
    expect(golf.firstRegistrationAt?.toISOString().slice(0, 10)).toBe('2022-05-14');
    expect(golf.deliveredAt?.toISOString().slice(0, 10)).toBe('2022-05-20');
    expect(golf.lastHuAt?.toISOString().slice(0, 10)).toBe('2024-05-01');
    expect(golf.financingEndAt?.toISOString().slice(0, 10)).toBe('2028-05-31');
    const pagode = await db.prisma.vehicle.findFirstOrThrow({ where: { vin: 'WDB12345678900032' } });
    expect(pagode.firstRegistrationAt?.toISOString().slice(0, 10)).toBe('1968-04-01');
  });

  it('names the first column without the byte-order mark when that column is at fault', async () => {
    const file = writeWin1252WithBom('fehler.csv', 'Kundennummer;Nachname\r\n;Meier\r\n');
    const report = await run(file, 'customers');
    expect(report.rejected).toEqual([{ line: 2, reason: 'Kundennummer: is required' }]);
    expect(JSON.stringify(report)).not.toMatch(/ï»¿|\ufeff/);
  });
});
