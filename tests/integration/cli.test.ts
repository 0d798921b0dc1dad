import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { PayloadKeyStore } from '../../privacy/keyStore';
import { DEVELOPMENT_MASTER_KEY, parseMasterKey } from '../../privacy/masterKey';
import { runCli } from '../support/cliProcess';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDealership } from '../support/dealership';

describe('the stammkunde command line', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDealership(db.prisma);
    env = { DATABASE_URL: db.url };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a DMS customer export and prints the report with the rejected rows', async () => {
    const file = path.join(dir, 'kunden.csv');
    const csv =
      'Kundennummer;Anrede;Vorname;Nachname;E-Mail;Einwilligung\r\n4711;Frau;Jürgen-Anna;Müller;anna@example.de;Bestandskunde\r\n4712;Herr;Max;;max@example.de;\r\n';
    fs.writeFileSync(file, iconv.encode(csv, 'windows-1252'));

    const result = await runCli(['import', 'customers', file, '--no-enroll'], env);

    expect(result.stdout).toContain(`Import of customers from ${file} (Windows-1252)`);
    expect(result.stdout).toContain('2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected, 0 skipped');
    expect(result.stdout).toContain('line 3: Nachname: is required');
    expect(result.code).toBe(2); // imported, but with rejected rows
    const anna = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '4711' } });
    expect(anna.lastName).toBe('Müller');
  });

  it('imports a customer at an unknown branch, prints the warning with line, column and value, and exits 2', async () => {
    const file = path.join(dir, 'kunden-filiale.csv');
    fs.writeFileSync(file, 'Kundennummer;Nachname;Filiale\r\n4801;Lehner;München-Laim\r\n4802;Pichler;Rosenheim\r\n');

    const result = await runCli(['import', 'customers', file, '--no-enroll'], env);

    expect(result.stdout).toContain('2 rows: 2 created, 0 updated, 0 unchanged, 0 rejected, 0 skipped, 1 with warnings');
    expect(result.stdout).toContain(
      'Imported with warnings:\n  line 3: Filiale: "Rosenheim" is not a location of this dealer (known: "München-Laim"); the customer was imported, their location left as it was',
    );
    expect(result.code).toBe(2);
    expect(await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '4802' } })).toMatchObject({ locationId: null });
  });

  it("shows a customer's profile, consent and vehicles", async () => {
    const anna = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '4711' } });
    await db.prisma.vehicle.create({
      data: {
        dealerId: anna.dealerId,
        ownerId: anna.id,
        vin: 'WVWZZZ1JZXW000001',
        make: 'Volkswagen',
        model: 'Golf',
        licensePlate: 'M-AM 1',
      },
    });

    const result = await runCli(['customer', 'show', anna.id, '--no-lifecycle'], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Frau Jürgen-Anna Müller');
    expect(result.stdout).toContain('consent    existing customer (§7(3) UWG)');
    expect(result.stdout).toContain('Volkswagen Golf M-AM 1 VIN WVWZZZ1JZXW000001');
  });

  it('validates the campaign definitions', async () => {
    const result = await runCli(['campaigns', 'validate'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/campaign\(s\) valid/);
  });

  it('says in one line what is wrong with a bad argument and exits 1', async () => {
    const kind = await runCli(['import', 'people', 'x.csv', '--no-enroll'], env);
    expect(kind).toMatchObject({ code: 1, stderr: 'import: kind must be "customers" or "vehicles", not "people"\n' });
    const id = await runCli(['customer', 'show', 'not-a-uuid'], env);
    expect(id).toMatchObject({ code: 1, stderr: 'customerId: "not-a-uuid" is not a UUID\n' });
    const missing = await runCli(['import', 'customers', path.join(dir, 'fehlt.csv'), '--no-enroll'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`File not found: ${path.join(dir, 'fehlt.csv')}\n`);
  });

  it("exports a customer's data as JSON (Art. 15/20)", async () => {
    const anna = await db.prisma.customer.findFirstOrThrow({ where: { externalDmsId: '4711' } });
    const result = await runCli(['customer', 'export', anna.id], env);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.profile).toMatchObject({ id: anna.id, lastName: 'Müller', email: 'anna@example.de' });
    expect(data.vehicles.map((v: { vin: string }) => v.vin)).toEqual(['WVWZZZ1JZXW000001']);
  });

  it('re-wraps the payload keys under a new master key, and the keys stay the same', async () => {
    const store = (master: string, previous?: string) =>
      new PayloadKeyStore(db.prisma, parseMasterKey(master), previous ? [parseMasterKey(previous)] : []);
    const before = await store(DEVELOPMENT_MASTER_KEY).keyFor('dealer');
    const newMaster = crypto.randomBytes(32).toString('base64');

    const result = await runCli(['keys', 'rotate'], {
      ...env,
      PAYLOAD_MASTER_KEY: newMaster,
      PAYLOAD_MASTER_KEY_PREVIOUS: DEVELOPMENT_MASTER_KEY,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 data keys re-wrapped/);
    const row = await db.prisma.payloadKey.findUniqueOrThrow({ where: { subject: 'dealer' } });
    expect(row.masterKeyId).toBe(parseMasterKey(newMaster).id);
    expect((await store(newMaster).keyById(before.id))?.key.equals(before.key)).toBe(true);
  });
});
