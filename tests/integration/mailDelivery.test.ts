import { createMailTransport, MailSendError, sendMail, type MailTransport, type OutgoingMail } from '../../mail/transport';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';

jest.setTimeout(30_000);

const FROM = 'Autohaus Müller <service@autohaus-mueller.example>';

function reminder(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: FROM,
    to: 'Jürgen Öztürk <juergen.oeztuerk@kunde.example>',
    subject: 'Ihre Hauptuntersuchung ist fällig – Termin für Ihren Golf?',
    html: '<p>Guten Tag Herr Öztürk,</p><p>Ihre <strong>HU</strong> ist im März fällig.</p>',
    text: 'Guten Tag Herr Öztürk,\n\nIhre HU ist im März fällig.',
    ...overrides,
  };
}

describe('mail from the engine reaches the dealer’s relay', () => {
  let receiver: SmtpReceiver;
  let transport: MailTransport;

  beforeEach(async () => {
    receiver = await startSmtpReceiver();
    // One connection, so a refused transaction and the retry after it use the same pooled session.
    transport = createMailTransport(receiver.url, { maxConnections: 1 });
  });

  afterEach(async () => {
    transport.close();
    await receiver.close();
  });

  it('an email sent through the configured transport arrives at the test receiver with the expected subject and body', async () => {
    const unsubscribeUrl = 'https://autohaus-mueller.example/abmelden/tok_123';
    const sent = await sendMail(
      transport,
      reminder({
        messageId: '<hu-reminder-kunde-42-2026-03@autohaus-mueller.example>',
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }),
    );

    expect(sent.accepted).toEqual(['juergen.oeztuerk@kunde.example']);
    expect(sent.rejected).toEqual([]);
    expect(sent.response).toMatch(/^250 /);
    expect(sent.messageId).toBe('<hu-reminder-kunde-42-2026-03@autohaus-mueller.example>');
    expect(sent.providerMessageId).toBeTruthy();

    const [mail] = await receiver.waitForMessages(1);
    expect(mail.subject).toBe('Ihre Hauptuntersuchung ist fällig – Termin für Ihren Golf?');
    expect(mail.from).toEqual({ name: 'Autohaus Müller', address: 'service@autohaus-mueller.example' });
    expect(mail.to).toEqual([{ name: 'Jürgen Öztürk', address: 'juergen.oeztuerk@kunde.example' }]);
    expect(mail.envelope).toEqual({ from: 'service@autohaus-mueller.example', to: ['juergen.oeztuerk@kunde.example'] });
    expect(mail.messageId).toBe('<hu-reminder-kunde-42-2026-03@autohaus-mueller.example>');
    expect(mail.html).toContain('Ihre <strong>HU</strong> ist im März fällig.');
    expect(mail.text).toContain('Ihre HU ist im März fällig.');
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribeUrl}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.raw).toContain('Message-ID: <hu-reminder-kunde-42-2026-03@autohaus-mueller.example>');
    expect(receiver.stats()).toEqual({ accepted: 1, rejected: 0 });
  });

  it('a receiver that answers 451 for a while, then recovers: the transport error is classified temporary', async () => {
    let relayBusy = true;
    receiver.setRejectWhile(() => relayBusy, 451, '4.3.2 Try again later');

    for (let attempt = 1; attempt <= 2; attempt++) {
      const failure = await sendMail(transport, reminder()).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(MailSendError);
      expect((failure as MailSendError).kind).toBe('temporary');
      expect((failure as MailSendError).classification).toMatchObject({ responseCode: 451 });
    }
    expect(receiver.messages()).toHaveLength(0);

    relayBusy = false;
    await sendMail(transport, reminder());
    // Each attempt is one SMTP transaction the receiver answered: two refused, one accepted, no copy.
    await receiver.waitForMessages(1);
    expect(receiver.messages()).toHaveLength(1);
    expect(receiver.stats()).toEqual({ accepted: 1, rejected: 2 });
  });

  it('a relay short of storage (452) for one transaction is temporary too, and the retry gets through', async () => {
    receiver.rejectNext(1, 452, '4.3.1 Insufficient system storage');
    await expect(sendMail(transport, reminder())).rejects.toMatchObject({ kind: 'temporary' });
    await expect(sendMail(transport, reminder())).resolves.toMatchObject({ accepted: ['juergen.oeztuerk@kunde.example'] });
  });

  it('a 550 on RCPT is classified permanent', async () => {
    receiver.rejectRecipients(['weg@kunde.example'], 550, '5.1.1 User unknown');

    const failure = await sendMail(transport, reminder({ to: 'weg@kunde.example' })).catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(MailSendError);
    expect((failure as MailSendError).classification).toMatchObject({
      kind: 'permanent',
      cause: 'recipient',
      responseCode: 550,
      rejectedRecipients: ['weg@kunde.example'],
    });
    expect((failure as MailSendError).message).toContain('User unknown');
    expect(receiver.messages()).toHaveLength(0);
  });

  it('when one of two recipients is refused, the other still gets the mail and the refusal is reported', async () => {
    receiver.rejectRecipients(['weg@kunde.example']);
    const sent = await sendMail(transport, reminder({ to: ['weg@kunde.example', 'da@kunde.example'] }));
    expect(sent.accepted).toEqual(['da@kunde.example']);
    expect(sent.rejected).toEqual(['weg@kunde.example']);
    const [mail] = await receiver.waitForMessages(1);
    expect(mail.envelope.to).toEqual(['da@kunde.example']);
  });
});

describe('the SMTP sender thread', () => {
  it('fails a message it cannot take (a value that cannot cross threads) and goes on with the next', async () => {
    const receiver = await startSmtpReceiver();
    const transport = createMailTransport(receiver.url, { maxConnections: 1 });
    try {
      const broken = { ...reminder(), headers: { 'X-Broken': (() => 'no') as unknown as string } };
      await expect(sendMail(transport, broken)).rejects.toBeInstanceOf(MailSendError);
      await sendMail(transport, reminder());
      expect(await receiver.waitForMessages(1)).toHaveLength(1);
    } finally {
      transport.close();
      await receiver.close();
    }
  });
});

describe('when no relay is listening', () => {
  it('connection refused is classified temporary', async () => {
    const receiver = await startSmtpReceiver();
    const url = receiver.url;
    await receiver.close();
    const transport = createMailTransport(url, { connectionTimeoutMs: 2000 });
    try {
      const failure = await sendMail(transport, reminder()).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(MailSendError);
      expect((failure as MailSendError).classification).toMatchObject({ kind: 'temporary', cause: 'connection', code: 'ECONNREFUSED' });
    } finally {
      transport.close();
    }
  });
});
