import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startInbox, type Inbox } from '../../mail/inbox/startInbox';
import type { InboxEntry } from '../../mail/inbox/inboxStore';
import { createMailTransport, sendMail, type OutgoingMail } from '../../mail/transport';

jest.setTimeout(30_000);

/** Sends one message to the inbox over SMTP, the way the engine does. */
async function deliver(inbox: Inbox, message: Partial<OutgoingMail> = {}) {
  const transport = createMailTransport(inbox.smtpUrl, { maxConnections: 1 });
  try {
    return await sendMail(transport, {
      from: 'Autohaus Müller <service@autohaus-mueller.example>',
      to: 'Petra Schäfer <petra.schaefer@kunde.example>',
      subject: 'Reifenwechsel: Jetzt Termin für Winterreifen sichern',
      html: '<h1>Hallo Frau Schäfer</h1><p>Zeit für Ihre Winterreifen.</p>',
      text: 'Hallo Frau Schäfer,\nZeit für Ihre Winterreifen.',
      headers: {
        'List-Unsubscribe': '<https://autohaus-mueller.example/abmelden/tok_9>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      ...message,
    });
  } finally {
    transport.close();
  }
}

async function get(inbox: Inbox, pathname: string) {
  const response = await fetch(new URL(pathname, inbox.httpUrl));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function listed(inbox: Inbox): Promise<InboxEntry[]> {
  const response = await fetch(new URL('/api/messages', inbox.httpUrl));
  return ((await response.json()) as { messages: InboxEntry[] }).messages;
}

describe('the local inbox shows what the engine sent', () => {
  let dir: string;
  let inbox: Inbox | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stammkunde-inbox-'));
    inbox = await startInbox({ smtpPort: 0, httpPort: 0, dir });
  });

  afterEach(async () => {
    await inbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a tyre-change reminder appears on the list page and opens on its own page', async () => {
    await deliver(inbox!);
    await inbox!.receiver.waitForMessages(1);

    const list = await get(inbox!, '/');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toContain('text/html');
    expect(list.body).toContain('<html lang="de">');
    expect(list.body).toContain('Posteingang');
    expect(list.body).toContain('Reifenwechsel: Jetzt Termin für Winterreifen sichern');
    expect(list.body).toContain('Petra Schäfer &lt;petra.schaefer@kunde.example&gt;');

    const [entry] = await listed(inbox!);
    expect(list.body).toContain(`href="/messages/${entry.id}"`);

    const detail = await get(inbox!, `/messages/${entry.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('Reifenwechsel: Jetzt Termin für Winterreifen sichern');
    expect(detail.body).toContain('Autohaus Müller &lt;service@autohaus-mueller.example&gt;');
    expect(detail.body).toContain('&lt;https://autohaus-mueller.example/abmelden/tok_9&gt;');
    expect(detail.body).toContain('List-Unsubscribe=One-Click');
    expect(detail.body).toContain('Zeit für Ihre Winterreifen.');
    expect(detail.body).toContain(`<iframe src="/messages/${entry.id}/html" sandbox=""`);
    expect(detail.headers.get('content-security-policy')).toContain("default-src 'none'");

    const html = await get(inbox!, `/messages/${entry.id}/html`);
    expect(html.body).toContain('<h1>Hallo Frau Schäfer</h1>');
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox;/);

    const raw = await get(inbox!, `/messages/${entry.id}/raw`);
    expect(raw.headers.get('content-type')).toContain('text/plain');
    expect(raw.body).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('the list shows the newest message first', async () => {
    await deliver(inbox!, { subject: 'Erste Nachricht' });
    await deliver(inbox!, { subject: 'Zweite Nachricht' });
    await inbox!.receiver.waitForMessages(2);

    expect((await listed(inbox!)).map((m) => m.subject)).toEqual(['Zweite Nachricht', 'Erste Nachricht']);
    const page = (await get(inbox!, '/')).body;
    expect(page.indexOf('Zweite Nachricht')).toBeLessThan(page.indexOf('Erste Nachricht'));
  });

  it('after stopping and starting the inbox on the same folder the message is still listed', async () => {
    await deliver(inbox!, { subject: 'Leasingende in 6 Monaten – Ihr neues Angebot' });
    await inbox!.receiver.waitForMessages(1);
    await inbox!.close();
    inbox = undefined;

    inbox = await startInbox({ smtpPort: 0, httpPort: 0, dir });

    const [entry] = await listed(inbox);
    expect(entry.subject).toBe('Leasingende in 6 Monaten – Ihr neues Angebot');
    expect((await get(inbox, '/')).body).toContain('Leasingende in 6 Monaten – Ihr neues Angebot');
    const detail = await get(inbox, `/messages/${entry.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('Zeit für Ihre Winterreifen.');
  });

  it('a subject containing <script> is shown escaped, never run', async () => {
    await deliver(inbox!, { subject: 'Angebot <script>alert("x")</script> & mehr' });
    await inbox!.receiver.waitForMessages(1);

    const list = (await get(inbox!, '/')).body;
    expect(list).not.toContain('<script>');
    expect(list).toContain('Angebot &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mehr');

    const [entry] = await listed(inbox!);
    const detail = (await get(inbox!, `/messages/${entry.id}`)).body;
    expect(detail).not.toContain('<script>');
    expect(detail).toContain('&lt;script&gt;');
  });

  it('an unknown or malformed message id answers 404', async () => {
    expect((await get(inbox!, '/messages/20260101T000000000-deadbeef')).status).toBe(404);
    expect((await get(inbox!, '/messages/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(inbox!, '/api/messages/nope')).status).toBe(404);
  });
});
