import { classifySmtpError } from '../../mail/transport';

/** Builds an error shaped like the ones nodemailer hands back. */
function smtpFailure(fields: {
  message?: string;
  code?: string;
  originalCode?: string;
  response?: string;
  command?: string;
  rejected?: string[];
}) {
  const err = Object.assign(new Error(fields.message ?? 'failed'), fields);
  const replyCode = fields.response?.match(/^\d{3}/)?.[0];
  return replyCode ? Object.assign(err, { responseCode: Number(replyCode) }) : err;
}

describe('what a failed send means for the next attempt', () => {
  describe('the relay is busy or unreachable: try again later', () => {
    it('a greylisting 451 at MAIL FROM is temporary', () => {
      const result = classifySmtpError(
        smtpFailure({ code: 'EENVELOPE', response: '451 4.7.1 Greylisted, please try again later', command: 'MAIL FROM' }),
      );
      expect(result).toMatchObject({ kind: 'temporary', cause: 'sender', responseCode: 451 });
    });

    it('a full mailbox (452) at RCPT TO is temporary, the customer is not suppressed', () => {
      const result = classifySmtpError(
        smtpFailure({ code: 'EENVELOPE', response: '452 4.2.2 Mailbox full', command: 'RCPT TO', rejected: ['kunde@example.de'] }),
      );
      expect(result).toMatchObject({ kind: 'temporary', cause: 'recipient', rejectedRecipients: ['kunde@example.de'] });
    });

    it('a relay shutting down (421) is temporary', () => {
      expect(classifySmtpError(smtpFailure({ code: 'ECONNECTION', response: '421 Server shutting down', command: 'CONN' }))).toMatchObject({
        kind: 'temporary',
        cause: 'connection',
      });
    });

    it.each([
      ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }],
      ['connection reset', { code: 'ECONNECTION', originalCode: 'ECONNRESET' }],
      ['timeout', { code: 'ETIMEDOUT', command: 'CONN' }],
      ['DNS failure', { code: 'EDNS' }],
      ['a bare Node socket error', { code: 'ECONNREFUSED' }],
    ])('%s is temporary', (_label, fields) => {
      expect(classifySmtpError(smtpFailure(fields))).toMatchObject({ kind: 'temporary', cause: 'connection' });
    });

    it('the Node error code behind a nodemailer code is reported', () => {
      expect(classifySmtpError(smtpFailure({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).code).toBe('ECONNREFUSED');
    });

    it('503 "bad sequence of commands" is temporary, because a fresh connection fixes it', () => {
      expect(classifySmtpError(smtpFailure({ code: 'EENVELOPE', response: '503 5.5.1 Bad sequence', command: 'RCPT TO' })).kind).toBe(
        'temporary',
      );
    });
  });

  describe('the relay refused for good: do not send the same message again', () => {
    it('550 "no such user" at RCPT TO is permanent and names the recipient', () => {
      const result = classifySmtpError(
        smtpFailure({
          message: "Can't send mail - all recipients were rejected",
          code: 'EENVELOPE',
          response: '550 5.1.1 <weg@kunde.example>: Recipient address rejected: User unknown',
          command: 'RCPT TO',
          rejected: ['weg@kunde.example'],
        }),
      );
      expect(result).toMatchObject({
        kind: 'permanent',
        cause: 'recipient',
        responseCode: 550,
        rejectedRecipients: ['weg@kunde.example'],
      });
      expect(result.detail).toContain('User unknown');
    });

    it('554 after DATA (content refused) is permanent, about the message rather than the customer', () => {
      expect(
        classifySmtpError(smtpFailure({ code: 'EMESSAGE', response: '554 5.7.1 Message rejected as spam', command: 'DATA' })),
      ).toMatchObject({
        kind: 'permanent',
        cause: 'message',
      });
    });

    it('a message without recipients never reaches a server and is permanent', () => {
      expect(classifySmtpError(smtpFailure({ message: 'No recipients defined', code: 'EENVELOPE', command: 'API' }))).toMatchObject({
        kind: 'permanent',
        cause: 'message',
      });
    });
  });

  describe('our own setup is wrong: retry once the operator fixed it, never blame the customer', () => {
    it('535 wrong password is temporary with cause configuration, even though it is a 5xx reply', () => {
      expect(
        classifySmtpError(smtpFailure({ code: 'EAUTH', response: '535 5.7.8 Authentication failed', command: 'AUTH PLAIN' })),
      ).toMatchObject({
        kind: 'temporary',
        cause: 'configuration',
      });
    });

    it('a failed TLS handshake is temporary with cause configuration', () => {
      expect(classifySmtpError(smtpFailure({ code: 'ETLS' }))).toMatchObject({ kind: 'temporary', cause: 'configuration' });
    });
  });

  describe('anything else', () => {
    it('an unknown error is retried rather than dropped', () => {
      expect(classifySmtpError(new Error('something odd'))).toMatchObject({ kind: 'temporary', cause: 'unknown', detail: 'something odd' });
    });

    it('a thrown non-error is retried too', () => {
      expect(classifySmtpError('boom')).toMatchObject({ kind: 'temporary', cause: 'unknown', detail: 'boom' });
    });

    it('an error that already carries a classification keeps it', () => {
      const classification = { kind: 'permanent' as const, cause: 'recipient' as const, rejectedRecipients: ['a@b.de'], detail: 'x' };
      expect(classifySmtpError(Object.assign(new Error('x'), { classification }))).toBe(classification);
    });
  });
});
