import crypto from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';
import { dkimDnsRecord, type DkimKey } from '../../mail/dkim';
import { newsletterRunResult, startNewsletterRun } from '../../newsletters/runs';
import { addCustomer, addVehicle } from '../support/dealership';
import { openDealershipStack, type DealershipStack } from '../support/dealershipStack';
import { evNewsletter } from '../support/newsletterWorld';
import { createTimeSkippingTestEnv } from '../support/temporalEnv';

/**
 * Autohaus Berger signs its mail with DKIM (selector sk2027 on autohaus-berger.example). A receiving
 * mailbox provider checks the signature against the TXT record the dealer published: here mailauth,
 * an independent verifier, against the record `dkimDnsRecord` prints. Real Temporal, PostgreSQL, SMTP.
 */
describe('a DKIM-signed newsletter', () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key: DkimKey = {
    domainName: 'autohaus-berger.example',
    keySelector: 'sk2027',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const record = dkimDnsRecord(key);
  /** The DNS a receiver would ask: only the published record exists. */
  const resolver = async (name: string, rrtype: string) => {
    if (rrtype === 'TXT' && name === record.name) return [[record.value]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
  let world: DealershipStack;
  beforeAll(async () => {
    world = await openDealershipStack((client) => createTimeSkippingTestEnv(client), {
      sendingWindow: AROUND_THE_CLOCK,
      transportOptions: { dkimKeys: [key] },
    });
  });
  afterAll(async () => world?.close());

  it('arrives with a signature that an independent verifier accepts with the published DNS record', async () => {
    expect(record.name).toBe('sk2027._domainkey.autohaus-berger.example');
    expect(record.value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}$/);
    for (const n of [1, 2, 3]) {
      const customer = await addCustomer(world.db.prisma, world.dealership, {
        lastName: `Elektro ${n}`,
        email: `elektro-${n}@kundenmail.example`,
      });
      await addVehicle(world.db.prisma, world.dealership, customer.id, { fuelType: 'electric' });
    }
    const { workflowId } = await startNewsletterRun({ client: world.env.client, taskQueue: world.engine.taskQueue }, evNewsletter(), {
      label: 'dkim',
    });
    expect(await newsletterRunResult(world.env.client, workflowId)).toMatchObject({ status: 'completed', sent: 3 });

    const mails = await world.smtp.waitForMessages(3, 30_000);
    for (const mail of mails) {
      expect(mail.headers['dkim-signature']).toMatch(/d=autohaus-berger\.example/);
      const verdict = await dkimVerify(Buffer.from(mail.raw), { resolver });
      expect(verdict.results.map((r) => [r.signingDomain, r.selector, r.status.result, r.status.aligned])).toEqual([
        ['autohaus-berger.example', 'sk2027', 'pass', 'autohaus-berger.example'],
      ]);
    }

    // A message changed on the way (a footer added by a relay) fails the same check.
    const tampered = mails[0].raw.replace('Ihr E-Auto im Winter', 'Ihr E-Auto im Sommer');
    const verdict = await dkimVerify(Buffer.from(tampered), { resolver });
    expect(verdict.results[0].status.result).not.toBe('pass');
  });
});
