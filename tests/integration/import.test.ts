import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { importDmsFile, type ImportedChange } from '../../import/importDmsFile';
import { createLocation } from '../../locations/locationSettings';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDealership, type Dealership } from '../support/dealership';

/** A typical export from the dealer's DMS: Windows-1252, ";" separated, German dates and numbers. */
const customersCsv = [
  'Kundennummer;Anrede;Vorname;Nachname;E-Mail;Telefon;Sprache;Einwilligung;Einwilligungsdatum;Kunde seit;Bemerkung',
  '10001;Frau;Jürgen-Anna;Müller;anna.mueller@example.de;089 1234;Deutsch;ja;03.02.2023;01.03.2021;Stammkundin',
  '10002;Herr;Björn;Weiß;bjoern.weiss@example.de;;de;nein;;;',
  '10003;Herr;Max;Größer;max.groesser@example.de;;;Bestandskunde;;15.13.2022;falsches Datum',
  '10004;Frau;Eva;;eva@example.de;;;;;;ohne Nachname',
  '10005;Herr;Paul;Schäfer;paul(at)example.de;;;;;;kaputte Adresse',
  '10006;Frau;Özlem;Çelik;oezlem.celik@example.de;0171 555;en;Bestandskunde;;12.08.2019;',
].join('\r\n');

const vehiclesCsv = [
  'Kundennummer;FIN;Kennzeichen;Marke;Modell;Erstzulassung;Auslieferung;letzte Inspektion;km-Stand;letzte HU;Leasingende',
  '10001;WVWZZZ1JZXW000001;M-JM 123;Volkswagen;Golf Variant;14.05.2022;20.05.2022;02.06.2024;45.123;05/2024;31.05.2026',
  '10002;WBA12345678901234;M-BW 99;BMW;320d Touring;01.02.2019;;11.11.2023;"1.234,5";11.2023;',
  '10006;VF1AB000012345678;M-ÖC 7;Renault;Mégane E-Tech;;32.01.2024;;;;',
  '99999;ZFA31200000123456;;Fiat;500e;;;;;;',
].join('\r\n');

describe('importing customers and vehicles from a German DMS export', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  let dir: string;
  const lifecycle: ImportedChange[] = [];
  const enroll = async (change: ImportedChange) => void lifecycle.push(change);

  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-import-'));
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const writeLatin1 = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, iconv.encode(content, 'windows-1252'));
    return file;
  };

  it('imports the good rows of a Windows-1252 file with umlauts and reports each bad row with its line and column', async () => {
    const file = writeLatin1('kunden.csv', customersCsv);
    const report = await importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id, enroll });

    expect(report.encoding).toBe('win1252');
    expect(report).toMatchObject({ rows: 6, created: 3, updated: 0, unchanged: 0, enrolled: 3 });
    expect(report.ignoredColumns).toEqual(['Bemerkung']);
    expect(report.rejected).toEqual([
      { line: 4, reason: 'Kunde seit: "15.13.2022" is not a valid calendar date' },
      { line: 5, reason: 'Nachname: is required' },
      { line: 6, reason: 'E-Mail: is not a valid email address' },
    ]);

    const anna = await db.prisma.customer.findUniqueOrThrow({
      where: { dealerId_externalDmsId: { dealerId: dealership.dealer.id, externalDmsId: '10001' } },
    });
    expect(anna).toMatchObject({
      salutation: 'ms',
      firstName: 'Jürgen-Anna',
      lastName: 'Müller',
      language: 'de',
      emailConsentBasis: 'double_opt_in',
      consentSource: 'DMS-Import',
    });
    expect(anna.consentConfirmedAt?.toISOString()).toBe('2023-02-03T00:00:00.000Z');
    expect(anna.existingCustomerSince?.toISOString()).toBe('2021-03-01T00:00:00.000Z');
    const oezlem = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '10006' } });
    expect(oezlem).toMatchObject({ firstName: 'Özlem', lastName: 'Çelik', language: 'en', emailConsentBasis: 'existing_customer' });
    expect(lifecycle.map((c) => c.kind)).toEqual(['customer_data_changed', 'customer_data_changed', 'customer_data_changed']);
  });

  it('imports nothing twice when the same file is imported again', async () => {
    lifecycle.length = 0;
    const file = path.join(dir, 'kunden.csv');
    const report = await importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id, enroll });
    expect(report).toMatchObject({ rows: 6, created: 0, updated: 0, unchanged: 3, enrolled: 0 });
    expect(await db.prisma.customer.count({ where: { dealerId: dealership.dealer.id } })).toBe(3);
    expect(lifecycle).toEqual([]);
  });

  it('updates a customer whose data changed in the DMS, and tells the lifecycle', async () => {
    const file = writeLatin1('kunden-neu.csv', 'Kundennummer;Nachname;Telefon\r\n10002;Weiß;0170 999999\r\n');
    const report = await importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id, enroll });
    expect(report).toMatchObject({ created: 0, updated: 1, enrolled: 1 });
    const bjoern = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '10002' } });
    expect(bjoern).toMatchObject({ firstName: 'Björn', phone: '0170 999999' });
  });

  it('imports vehicles with German dates and mileages, links owners and announces deliveries', async () => {
    lifecycle.length = 0;
    const file = writeLatin1('fahrzeuge.csv', vehiclesCsv);
    const report = await importDmsFile(db.prisma, { file, kind: 'vehicles', dealerId: dealership.dealer.id, enroll });
    expect(report).toMatchObject({ rows: 4, created: 2 });
    expect(report.rejected).toEqual([
      { line: 4, reason: 'Auslieferung: "32.01.2024" is not a valid calendar date' },
      { line: 5, reason: 'Kundennummer: no customer 99999 at this dealer (import the customers first)' },
    ]);
    const golf = await db.prisma.vehicle.findFirstOrThrow({ where: { vin: 'WVWZZZ1JZXW000001' }, include: { owner: true } });
    expect(golf).toMatchObject({ make: 'Volkswagen', model: 'Golf Variant', lastServiceMileage: 45123, financingKind: 'lease' });
    expect(golf.owner?.lastName).toBe('Müller');
    expect(golf.lastHuAt?.toISOString().slice(0, 10)).toBe('2024-05-01');
    expect(golf.deliveredAt?.toISOString().slice(0, 10)).toBe('2022-05-20');
    const bmw = await db.prisma.vehicle.findFirstOrThrow({ where: { vin: 'WBA12345678901234' } });
    expect(bmw.lastServiceMileage).toBe(1235);
    expect(lifecycle).toEqual([
      expect.objectContaining({ kind: 'vehicle_delivered', vehicleId: golf.id, customerId: golf.ownerId, deliveredAt: '2022-05-20' }),
    ]);

    lifecycle.length = 0;
    const again = await importDmsFile(db.prisma, { file, kind: 'vehicles', dealerId: dealership.dealer.id, enroll });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(lifecycle).toEqual([]);
  });

  it('applies a file that names a customer twice and corrects a VIN row by row, as if each row were imported alone', async () => {
    // Rows are looked up a batch at a time; a later row must still see what an earlier row of the batch wrote.
    const customers = writeLatin1(
      'kunden-doppelt.csv',
      ['Kundennummer;Nachname;Telefon', '50001;Brandl;089 1', '50001;Brandl;089 2', '50002;Seidl;'].join('\r\n'),
    );
    const report = await importDmsFile(db.prisma, { file: customers, kind: 'customers', dealerId: dealership.dealer.id });
    expect(report).toMatchObject({ rows: 3, created: 2, updated: 1 });
    expect(await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '50001' } })).toMatchObject({ phone: '089 2' });

    const vehicles = writeLatin1(
      'fahrzeuge-korrektur.csv',
      [
        'Kundennummer;Fahrzeugnummer;FIN;Marke;Modell',
        '50001;F-7;WBAAAAAAAAAAAAAA1;BMW;X1',
        // The DMS corrects the VIN of vehicle F-7 further down in the same export …
        '50001;F-7;WBAAAAAAAAAAAAAA2;BMW;X1',
        // … and the old VIN turns up again on another car, which is a new vehicle.
        '50002;F-8;WBAAAAAAAAAAAAAA1;BMW;X3',
      ].join('\r\n'),
    );
    const imported = await importDmsFile(db.prisma, { file: vehicles, kind: 'vehicles', dealerId: dealership.dealer.id });
    expect(imported).toMatchObject({ rows: 3, created: 2, updated: 1, rejected: [] });
    const cars = await db.prisma.vehicle.findMany({ where: { externalDmsId: { in: ['F-7', 'F-8'] } }, orderBy: { externalDmsId: 'asc' } });
    expect(cars.map((c) => [c.externalDmsId, c.vin, c.model])).toEqual([
      ['F-7', 'WBAAAAAAAAAAAAAA2', 'X1'],
      ['F-8', 'WBAAAAAAAAAAAAAA1', 'X3'],
    ]);

    // The same export imported again: its first line now gives F-7 the VIN that F-8 has. That line is reported,
    // naming the column, the rest of the file goes on, and neither car changes.
    const again = await importDmsFile(db.prisma, { file: vehicles, kind: 'vehicles', dealerId: dealership.dealer.id });
    expect(again).toMatchObject({ rows: 3, unchanged: 2 });
    expect(again.rejected).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(
          /^Fahrzeugnummer: vehicle F-7 has the FIN WBAAAAAAAAAAAAAA2, but this row gives it WBAAAAAAAAAAAAAA1/,
        ),
      },
    ]);
    const after = await db.prisma.vehicle.findMany({ where: { externalDmsId: { in: ['F-7', 'F-8'] } }, orderBy: { externalDmsId: 'asc' } });
    expect(after.map((c) => [c.externalDmsId, c.vin])).toEqual([
      ['F-7', 'WBAAAAAAAAAAAAAA2'],
      ['F-8', 'WBAAAAAAAAAAAAAA1'],
    ]);
  });

  it("puts each customer at the location the export's Filiale names, and imports one at an unknown branch with a warning", async () => {
    const file = writeLatin1(
      'kunden-filiale.csv',
      [
        'Kundennummer;Nachname;Filiale',
        '60001;Hofmann;München-Laim',
        '60002;Zimmermann;  münchen-laim ',
        // The DMS knows a branch that Stammkunde has not been told about (yet).
        '60003;Bauer;München-Pasing',
        '60004;Koch;',
      ].join('\r\n'),
    );
    const run = () => importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id, enroll });
    const report = await run();
    expect(report).toMatchObject({ rows: 4, created: 4, rejected: [] });
    expect(report.warnings).toEqual([
      {
        line: 4,
        reason:
          'Filiale: "München-Pasing" is not a location of this dealer (known: "München-Laim"); the customer was imported, their location left as it was',
      },
    ]);
    const locationOf = async (number: string) =>
      (await db.prisma.customer.findFirstOrThrow({ where: { dealerId: dealership.dealer.id, externalDmsId: number } })).locationId;
    expect(await locationOf('60001')).toBe(dealership.location.id);
    expect(await locationOf('60002')).toBe(dealership.location.id);
    expect(await locationOf('60003')).toBeNull();
    expect(await locationOf('60004')).toBeNull();

    // Once the dealer has created the branch, the same file puts Herr Bauer there and changes nobody else.
    const pasing = await createLocation(db.prisma, dealership.dealer.id, { name: 'München-Pasing', federalState: 'BY' });
    const again = await run();
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 3, warnings: [] });
    expect(await locationOf('60003')).toBe(pasing.id);
  });

  it('reads a UTF-8 file with a byte-order mark just as well', async () => {
    const file = path.join(dir, 'kunden-utf8.csv');
    fs.writeFileSync(file, '\ufeffKundennummer;Vorname;Nachname;E-Mail\n20001;Günther;Süßmann;guenther@example.de\n');
    const report = await importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id });
    expect(report).toMatchObject({ encoding: 'utf8', rows: 1, created: 1, rejected: [] });
    const guenther = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '20001' } });
    expect(guenther).toMatchObject({ firstName: 'Günther', lastName: 'Süßmann' });
  });

  it('refuses a file without a column it cannot do without, naming the field and how to map it', async () => {
    const file = writeLatin1('ohne-nummer.csv', 'Knr;Nachname\r\n1;Meier\r\n');
    await expect(importDmsFile(db.prisma, { file, kind: 'customers', dealerId: dealership.dealer.id })).rejects.toThrow(
      'The file has no column for externalDmsId (e.g. "Kundennummer"); map one with --map COLUMN=field or a --mapping file',
    );
    const mapped = await importDmsFile(db.prisma, {
      file,
      kind: 'customers',
      dealerId: dealership.dealer.id,
      mapping: { Knr: 'externalDmsId' },
    });
    expect(mapped).toMatchObject({ created: 1 });
  });
});
