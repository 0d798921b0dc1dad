import type { ImapPoller } from '../../inbound/imap/imapPoller';
import { SET_ASIDE_HEADER, SET_ASIDE_KEYWORD, type Settled } from '../../inbound/imap/settleMessage';
import { startThrowawayImapServer, type ThrowawayImapServer } from '../../infra/dovecot/throwawayImapServer';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { eventually } from '../support/eventually';
import { deliverToMailbox, folderContents, openImapPoller, withMailbox } from '../support/imapWorld';
import { customerReply, deliveryStatusNotification } from '../support/inboundWorld';
import { lifecycleDriver, type LifecycleDriver } from '../support/lifecycleWorld';
import { reactivationMailsTo } from '../support/reactivationMails';

/**
 * "Our replies land in the mailbox we have always used": Autohaus Berger keeps reply@ at its mail
 * provider, and Stammkunde polls it over IMAP instead of receiving SMTP. The messages go through the
 * same inbound pipeline as the SMTP endpoint. Real Dovecot (throwaway, Maildir), real Temporal
 * (time-skipping), PostgreSQL and SMTP out.
 */
describe('replies and bounces that land in the dealer’s IMAP mailbox', () => {
  let world: CampaignWorld;
  let drive: LifecycleDriver;
  let imap: ThrowawayImapServer;
  const pollers: ImapPoller[] = [];
  beforeAll(async () => {
    imap = await startThrowawayImapServer();
    world = await openCampaignWorld();
    drive = lifecycleDriver(world);
  });
  afterAll(async () => {
    for (const poller of pollers) await poller.stop();
    await world?.close();
    await imap?.stop();
  });

  function poll(extra: Record<string, string> = {}, onSettled?: (settled: Settled) => void): ImapPoller {
    const poller = openImapPoller(world, imap, extra, onSettled ? { onSettled } : {});
    pollers.push(poller);
    return poller;
  }

  it('a reply opens a lead for the colleague at work, a hard bounce suppresses, an out-of-office does nothing, garbage is set aside', async () => {
    const [replying, bouncing, away] = await reactivationMailsTo(world, drive, 'Lehmann', 'Hartmann', 'Urlaub');

    await deliverToMailbox(
      imap,
      customerReply(replying.mail, 'Guten Tag, ja, wir denken über einen neuen Kombi nach. Rufen Sie mich an!').raw,
    );
    await deliverToMailbox(imap, deliveryStatusNotification(bouncing.mail, { status: '5.1.1' }).raw);
    await deliverToMailbox(
      imap,
      customerReply(away.mail, 'Ich bin bis zum 20. nicht im Büro.', {
        subject: `Abwesenheitsnotiz: ${away.mail.subject}`,
        extraHeaders: ['Auto-Submitted: auto-replied'],
      }).raw,
    );
    await deliverToMailbox(imap, 'Dies ist keine E-Mail, nur ein Satz ohne Kopfzeilen.\r\n');

    const settled: Settled[] = [];
    const poller = poll({}, (outcome) => settled.push(outcome));
    await eventually('the poller settled all four messages', async () => settled.length >= 4);
    expect(settled.map((s) => [s.status, 'result' in s ? s.result?.kind : undefined])).toEqual([
      ['processed', 'reply'],
      ['processed', 'hard_bounce'],
      ['processed', 'auto_reply'],
      ['set_aside', 'malformed'],
    ]);

    // The reply: a lead for Wolf (Sabine Kraus is on holiday), with the history and the customer's words.
    const recorded = await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: replying.customer.id } });
    expect(recorded).toMatchObject({ source: 'imap', kind: 'reply', campaignId: 'reactivation' });
    await drive.until(replying.customer.id, (j) => !j.reactivation && j.eventsHandled === 2);
    const lead = await world.db.prisma.lead.findFirstOrThrow({
      where: { customerId: replying.customer.id },
      include: { assignedTo: true },
    });
    expect([lead.source, lead.externalId, lead.assignedTo?.lastName]).toEqual(['reactivation', `inbound-${recorded.id}`, 'Wolf']);
    expect(lead.message).toContain('neuen Kombi');

    // The bounce: the address is suppressed.
    expect(await world.db.prisma.suppression.findMany({ where: { email: bouncing.customer.email! }, select: { reason: true } })).toEqual([
      { reason: 'bounce' },
    ]);

    // The out-of-office: recorded as such, nothing else.
    expect(await world.db.prisma.inboundMessage.findFirstOrThrow({ where: { customerId: away.customer.id } })).toMatchObject({
      kind: 'auto_reply',
      outcome: 'none',
    });
    expect(await world.db.prisma.lead.count({ where: { customerId: away.customer.id } })).toBe(0);
    expect(await world.db.prisma.touchpoint.count({ where: { customerId: away.customer.id, kind: 'email.reply' } })).toBe(0);

    // The mailbox: the inbox is empty, the three handled messages are read in "Stammkunde/Verarbeitet",
    // the garbage is in "Stammkunde/Abgelehnt" with the reason in a header.
    expect(await folderContents(imap, 'INBOX')).toEqual([]);
    const processed = await folderContents(imap, 'Stammkunde/Verarbeitet');
    expect(processed.map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen'], ['\\Seen']]);
    const [rejected, ...more] = await folderContents(imap, 'Stammkunde/Abgelehnt');
    expect(more).toEqual([]);
    expect(rejected.flags).toEqual([SET_ASIDE_KEYWORD, '\\Seen']);
    expect(rejected.source).toMatch(new RegExp(`^${SET_ASIDE_HEADER}: no email headers \\(From, Content-Type, Message-ID\\) found\\r\\n`));
    expect(rejected.source).toContain('Dies ist keine E-Mail');

    // Stammkunde restarts: a new poller over the same mailbox hands nothing over twice.
    await poller.stop();
    const inboundRows = await world.db.prisma.inboundMessage.count();
    const again = poll();
    expect(await again.pollNow()).toEqual({ inMailbox: 0, settled: [] });
    expect(await world.db.prisma.inboundMessage.count()).toBe(inboundRows);
    expect(await world.db.prisma.lead.count({ where: { customerId: replying.customer.id } })).toBe(1);
    await again.stop();
  });

  it('a dealer who keeps handled mail in the inbox: each message is processed once, even when marked unread again', async () => {
    const [{ customer, mail }] = await reactivationMailsTo(world, drive, 'Behalter');
    await deliverToMailbox(imap, customerReply(mail, 'Bitte rufen Sie mich wegen eines Angebots zurück.').raw);

    const first = poll({ IMAP_MOVE_PROCESSED: 'false' });
    await first.ready;
    expect(first.stats()).toMatchObject({ processed: 1, setAside: 0 });
    const [kept] = await folderContents(imap, 'INBOX');
    expect(kept.flags).toEqual(['\\Seen']);
    await first.stop();

    // Somebody at the dealership marks it unread in their mail program; Stammkunde restarts.
    await withMailbox(imap, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsRemove(String(kept.uid), ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
    });
    const second = poll({ IMAP_MOVE_PROCESSED: 'false' });
    expect(await second.pollNow()).toEqual({ inMailbox: 1, settled: [] });
    await second.stop();

    expect(await world.db.prisma.inboundMessage.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await world.db.prisma.imapMessage.findMany({ select: { status: true, uid: true } })).toContainEqual({
      status: 'processed',
      uid: BigInt(kept.uid),
    });
  });
  it('the provider restarts its IMAP server: the poller reconnects by itself and picks up the mail that came meanwhile', async () => {
    const settled: Settled[] = [];
    const poller = poll({}, (outcome) => settled.push(outcome));
    await poller.ready;
    expect(poller.stats().connects).toBe(1);

    await imap.restart();
    await eventually('the poller noticed the lost connection and reconnected', async () => poller.stats().connects === 2);
    const stranger = [
      'From: Jemand <jemand@unbekannt.example>',
      'To: reply@autohaus-berger.example',
      'Subject: Frage zu Ihren Öffnungszeiten',
      'Message-ID: <nach-dem-neustart@unbekannt.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Haben Sie samstags geöffnet?',
      '',
    ].join('\r\n');
    await deliverToMailbox(imap, stranger);

    const [outcome] = await eventually('the poller reconnected and handled the new message', async () => settled.length > 0 && settled);
    expect(outcome).toMatchObject({ status: 'processed', result: { duplicate: false } });
    expect(
      await world.db.prisma.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: 'mid:<nach-dem-neustart@unbekannt.example>' } }),
    ).toMatchObject({
      source: 'imap',
    });
    await poller.stop();
  });
});
