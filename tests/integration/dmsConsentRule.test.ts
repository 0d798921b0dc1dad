import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDmsFile } from '../../import/importDmsFile';
import { openApiWorld, type ApiWorld } from '../support/apiWorld';

/**
 * The DMS reaches Stammkunde two ways, the API sync and the nightly CSV export, and both carry the
 * consent column. Whichever way customer number K-5000 arrives, the same rule applies: a DMS record
 * raises the recorded consent, never lowers it.
 */
let world: ApiWorld;
let dir: string;
beforeAll(async () => {
  world = await openApiWorld();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-consent-'));
});
afterAll(async () => {
  await world?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const confirmedOptIn = {
  basis: 'double_opt_in',
  givenAt: '2026-10-01T09:00:00+02:00',
  confirmedAt: '2026-10-01T09:04:00+02:00',
  source: 'https://autohaus-berger.example/newsletter',
  wording: 'Ja, ich möchte Angebote per E-Mail erhalten.',
};

const putCustomer = (externalId: string, body: object) =>
  world.call({
    method: 'PUT',
    url: `/customers/${externalId}`,
    headers: world.auth,
    payload: { lastName: 'Kessler', email: `${externalId.toLowerCase()}@example.de`, ...body },
  });
const importCsv = async (name: string, rows: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, ['Kundennummer;Nachname;E-Mail;Einwilligung;Einwilligungsdatum', ...rows].join('\r\n'));
  return importDmsFile(world.db.prisma, { file, kind: 'customers', dealerId: world.dealership.dealer.id });
};
const consentOf = (externalDmsId: string) =>
  world.db.prisma.customer.findFirstOrThrow({
    where: { dealerId: world.dealership.dealer.id, externalDmsId },
    select: { emailConsentBasis: true, consentConfirmedAt: true, consentSource: true, consentWording: true },
  });

describe('one consent rule for the same DMS customer number, through the API and through the import', () => {
  it('a confirmed double opt-in survives an API sync that says "none" and an import that says "nein"', async () => {
    expect((await putCustomer('K-5000', { consent: confirmedOptIn })).statusCode).toBe(201);
    const recorded = await consentOf('K-5000');
    expect(recorded).toMatchObject({ emailConsentBasis: 'double_opt_in', consentSource: confirmedOptIn.source });

    expect((await putCustomer('K-5000', { consent: { basis: 'none' } })).statusCode).toBe(200);
    expect(await consentOf('K-5000')).toEqual(recorded);

    const report = await importCsv('nein.csv', ['K-5000;Kessler;k-5000@example.de;nein;']);
    expect(report.rejected).toEqual([]);
    expect(await consentOf('K-5000')).toEqual(recorded);
  });

  it('an existing-customer basis is not lowered to an unconfirmed opt-in, by either path', async () => {
    expect((await putCustomer('K-5001', { consent: { basis: 'existing_customer' } })).statusCode).toBe(201);
    await importCsv('ja-ohne-datum.csv', ['K-5001;Kessler;k-5001@example.de;ja;']);
    expect(await consentOf('K-5001')).toMatchObject({ emailConsentBasis: 'existing_customer', consentConfirmedAt: null });
  });

  it('stronger evidence raises the consent, by either path', async () => {
    await importCsv('bestand.csv', ['K-5002;Kessler;k-5002@example.de;Bestandskunde;', 'K-5003;Kessler;k-5003@example.de;Bestandskunde;']);
    expect(await consentOf('K-5002')).toMatchObject({ emailConsentBasis: 'existing_customer' });

    expect((await putCustomer('K-5002', { consent: confirmedOptIn })).statusCode).toBe(200);
    expect(await consentOf('K-5002')).toMatchObject({ emailConsentBasis: 'double_opt_in', consentWording: confirmedOptIn.wording });

    await importCsv('doi.csv', ['K-5003;Kessler;k-5003@example.de;ja;03.02.2026']);
    const raised = await consentOf('K-5003');
    expect(raised).toMatchObject({ emailConsentBasis: 'double_opt_in', consentSource: 'DMS-Import' });
    expect(raised.consentConfirmedAt?.toISOString().slice(0, 10)).toBe('2026-02-03');
  });
});
