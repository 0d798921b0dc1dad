/**
 * Deterministic malformed inbound mail for the fuzz test: a seeded PRNG (mulberry32) picks a base
 * message (a DSN, an ARF report, a reply, a multipart mail — none of them about anything we sent or
 * anyone we know) and damages it in one or more of a dozen ways real mail gets damaged.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CRLF = '\r\n';

function bases(n: number, random: () => number): string[] {
  const hex = (len: number) => Array.from({ length: len }, () => Math.floor(random() * 16).toString(16)).join('');
  const id = `<fuzz-${n}-${hex(8)}@fuzz.example>`;
  return [
    // A DSN whose envelope token is forged and whose original is not ours.
    [
      'From: MAILER-DAEMON@mx.fuzz.example',
      `To: bounce+${hex(32)}.${hex(12)}@autohaus-berger.example`,
      'Subject: Undeliverable',
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'failed',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.fuzz.example',
      '',
      `Final-Recipient: rfc822; nobody-${n}@fuzz.example`,
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${hex(32)}@autohaus-berger.example>`,
      '',
      '--b1--',
      '',
    ].join(CRLF),
    // An ARF report about a message that is not ours.
    [
      'From: fbl@fuzz.example',
      'To: fbl@autohaus-berger.example',
      'Subject: report',
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain',
      '',
      'abuse',
      '--b2',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'Version: 1',
      `Original-Mail-From: <bounce+${hex(32)}.${hex(12)}@autohaus-berger.example>`,
      '',
      '--b2',
      'Content-Type: message/rfc822',
      '',
      `Message-ID: <${hex(32)}@elsewhere.example>`,
      'Subject: x',
      '',
      'body',
      '--b2--',
      '',
    ].join(CRLF),
    // A "reply" from someone we do not know, to something we never sent.
    [
      `From: Fremder ${n} <stranger-${n}@fuzz.example>`,
      'To: reply@autohaus-berger.example',
      'Subject: =?utf-8?B?QVc6IEFuZ2Vib3Q=?=',
      `Message-ID: ${id}`,
      `In-Reply-To: <${hex(32)}@autohaus-berger.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hallo, bitte rufen Sie mich an.',
      '',
    ].join(CRLF),
    // A multipart mail with an attachment.
    [
      `From: stranger-${n}@fuzz.example`,
      'To: reply@autohaus-berger.example',
      'Subject: Dokumente',
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b3"',
      '',
      '--b3',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Gr=FC=DFe =',
      '--b3',
      'Content-Type: application/octet-stream',
      'Content-Transfer-Encoding: base64',
      '',
      'SGFsbG8gV2VsdA==',
      '--b3--',
      '',
    ].join(CRLF),
  ];
}

type Mutation = (message: string, random: () => number) => string;
const pick = <T>(items: T[], random: () => number): T => items[Math.floor(random() * items.length)];

const mutations: Mutation[] = [
  (m, r) => m.slice(0, Math.floor(r() * m.length)), // truncated in transit
  (m, r) =>
    m
      .split('')
      .map((c) => (r() < 0.03 ? String.fromCharCode(Math.floor(r() * 256)) : c))
      .join(''), // flipped bytes
  (m) => m.replace(/^--b\d--\r?$/m, ''), // missing closing boundary
  (m) => m.replace(/boundary="b\d"/, 'boundary=""'), // empty boundary
  (m) => m.replace(/Content-Type: multipart\/[a-z]+;[^\r\n]*/, 'Content-Type: multipart/report'), // report without boundary or type
  (m, r) => m.replace(/Status: [^\r\n]+/, `Status: ${pick(['9.9.9', 'abc', '', '5.1', '5.1.1.1', '4.'], r)}`), // impossible status
  (m, r) => m.replace(/Feedback-Type: [^\r\n]+/, `Feedback-Type: ${pick(['', '<script>', 'a'.repeat(300), 'abuse abuse'], r)}`),
  (m, r) => `X-Long: ${'x'.repeat(5000 + Math.floor(r() * 20000))}${CRLF}${m}`, // an absurdly long header line
  (m) => m.replace(/\r\n\r\n/, '\r\n'), // no blank line between header and body
  (m) => m.replace(/\r\n/g, '\n'), // bare LF line ends
  (m, r) => m.replace(/^From: [^\r\n]*/m, pick(['From:', 'From: <>', 'From: @@@', 'From: =?utf-8?Q?=ZZ?= <x@>'], r)), // broken sender
  (m) => m.replace(/Content-Type: text\/plain/g, 'Content-Type: message/delivery-status'), // parts that lie about their type
  (m, r) => `${m}${CRLF}${'\0'.repeat(1 + Math.floor(r() * 50))}`, // NUL bytes
  (m, r) => {
    const depth = 10 + Math.floor(r() * 40);
    let nested = 'Content-Type: text/plain\r\n\r\ninnen';
    for (let i = 0; i < depth; i++) nested = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${nested}\r\n--n${i}--`;
    return m.replace(/MIME-Version: 1.0\r\n[\s\S]*$/, `MIME-Version: 1.0\r\n${nested}\r\n`);
  }, // deeply nested multiparts
  (m) => m.replace(/Content-Transfer-Encoding: base64\r\n\r\n[^\r\n]+/, 'Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64***'),
  (_m, r) => Array.from({ length: 1 + Math.floor(r() * 2000) }, () => String.fromCharCode(Math.floor(r() * 256))).join(''), // noise
];

/** `count` malformed messages, the same for the same seed. */
export function malformedMessages(count: number, seed: number): Buffer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    let message = pick(bases(n, random), random);
    const rounds = 1 + Math.floor(random() * 3);
    for (let i = 0; i < rounds; i++) message = pick(mutations, random)(message, random);
    return Buffer.from(message, 'latin1');
  });
}
