import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readImapSettings } from '../../inbound/imap/imapSettings';

const MAX = 25 * 1024 * 1024;
const base = { IMAP_HOST: 'imap.autohaus-berger.de', IMAP_USER: 'antwort@autohaus-berger.de', IMAP_PASSWORD: 'geheim' };

describe('pointing Stammkunde at the dealer’s mailbox (IMAP_* settings)', () => {
  it('no IMAP_HOST: no poller', () => {
    expect(readImapSettings({}, MAX)).toBeUndefined();
  });

  it('the defaults: TLS on 993, INBOX, a minute between polls, IDLE, the Stammkunde folders', () => {
    expect(readImapSettings(base, MAX)).toEqual({
      host: 'imap.autohaus-berger.de',
      port: 993,
      user: 'antwort@autohaus-berger.de',
      password: 'geheim',
      tls: 'true',
      mailbox: 'INBOX',
      pollIntervalMs: 60_000,
      idle: true,
      processedMailbox: 'Stammkunde/Verarbeitet',
      rejectedMailbox: 'Stammkunde/Abgelehnt',
      maxAttempts: 5,
      maxMessageBytes: MAX,
    });
  });

  it('STARTTLS on 143, the password from a file (a Docker secret), processed mail left in place', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'imap-secret-')), 'password');
    fs.writeFileSync(file, 'aus-der-datei\n');
    const config = readImapSettings(
      { ...base, IMAP_PASSWORD: undefined, IMAP_PASSWORD_FILE: file, IMAP_TLS: 'starttls', IMAP_MOVE_PROCESSED: 'false' },
      MAX,
    );
    expect(config).toMatchObject({ port: 143, tls: 'starttls', password: 'aus-der-datei' });
    expect(config?.processedMailbox).toBeUndefined();
  });

  it.each([
    [{ IMAP_PORT: 'imap' }, /IMAP_PORT: IMAP_PORT must be a port number/],
    [{ IMAP_TLS: 'ja' }, /IMAP_TLS: IMAP_TLS must be true, starttls or false/],
    [{ IMAP_USER: undefined }, /IMAP_USER: IMAP_USER is required when IMAP_HOST is set/],
    [{ IMAP_POLL_INTERVAL_SECONDS: '0' }, /IMAP_POLL_INTERVAL_SECONDS: IMAP_POLL_INTERVAL_SECONDS must be at least 1/],
    [{ IMAP_IDLE: 'vielleicht' }, /IMAP_IDLE: IMAP_IDLE must be true or false/],
    [{ IMAP_PASSWORD: undefined }, /IMAP_PASSWORD: set IMAP_PASSWORD or IMAP_PASSWORD_FILE/],
    [{ IMAP_PASSWORD_FILE: '/nicht/da' }, /not both/],
    [{ IMAP_PASSWORD: undefined, IMAP_PASSWORD_FILE: '/nicht/da' }, /IMAP_PASSWORD_FILE: cannot read \/nicht\/da \(ENOENT\)/],
    [{ IMAP_HOST: undefined }, /IMAP_HOST is required when IMAP_USER, IMAP_PASSWORD is set/],
  ])('%j is refused with an error naming the variable', (change, message) => {
    expect(() => readImapSettings({ ...base, ...change }, MAX)).toThrow(message);
  });
});
