import { parseSmtpUrl, redact } from '../../mail/smtpUrl';

describe('reading the SMTP relay address from SMTP_URL', () => {
  it('the local inbox address is plain SMTP on its port, without credentials', () => {
    expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525, secure: false, requireTLS: false });
  });

  it('a relay with smtps:// uses TLS and decodes the credentials', () => {
    expect(parseSmtpUrl('smtps://autohaus%40mail.example:p%40ss%3Aw0rd@relay.example')).toEqual({
      host: 'relay.example',
      port: 465,
      secure: true,
      requireTLS: false,
      auth: { user: 'autohaus@mail.example', pass: 'p@ss:w0rd' },
    });
  });

  it('smtp:// without a port means submission port 587, and requireTLS can be demanded', () => {
    expect(parseSmtpUrl('smtp://user:pw@relay.example?requireTLS=true')).toMatchObject({ port: 587, secure: false, requireTLS: true });
  });

  it('a wrong scheme is refused with the field name and without the password', () => {
    expect(() => parseSmtpUrl('https://user:geheim@relay.example')).toThrow('SMTP_URL: scheme "https:" is not supported');
    expect(() => parseSmtpUrl('not a url :geheim@')).toThrow(/^SMTP_URL: .* is not a URL/);
    expect(() => parseSmtpUrl('smtp://relay.example?tls=no')).toThrow('SMTP_URL: unknown option "tls"');
  });

  it('passwords are masked for logs', () => {
    expect(redact('smtps://user:geheim@relay.example:465')).toBe('smtps://user:***@relay.example:465');
    expect(redact('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525');
  });
});
