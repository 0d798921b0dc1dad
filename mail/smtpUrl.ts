/**
 * Reads an SMTP relay address such as `smtps://user:secret@relay.example:465` or
 * `smtp://127.0.0.1:2525`. Credentials are percent-decoded; the password never appears in errors.
 */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** true for smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  /** smtp://…?requireTLS=true refuses to send over a server that does not offer STARTTLS. */
  requireTLS: boolean;
  auth?: { user: string; pass: string };
}

const DEFAULT_PORTS = { 'smtp:': 587, 'smtps:': 465 } as const;
const KNOWN_QUERY_PARAMS = new Set(['requireTLS']);

export function parseSmtpUrl(smtpUrl: string, field = 'SMTP_URL'): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error(
      `${field}: "${redact(smtpUrl)}" is not a URL; expected e.g. smtp://127.0.0.1:2525 or smtps://user:pass@relay.example:465`,
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`${field}: scheme "${url.protocol}" is not supported; use smtp:// or smtps://`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`${field}: the URL names no host`);
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  for (const key of url.searchParams.keys()) {
    if (!KNOWN_QUERY_PARAMS.has(key)) throw new Error(`${field}: unknown option "${key}" (known: ${[...KNOWN_QUERY_PARAMS].join(', ')})`);
  }
  const requireTLSParam = url.searchParams.get('requireTLS');
  if (requireTLSParam !== null && requireTLSParam !== 'true' && requireTLSParam !== 'false') {
    throw new Error(`${field}: requireTLS must be true or false, got "${requireTLSParam}"`);
  }
  const endpoint: SmtpEndpoint = {
    host,
    port,
    secure: url.protocol === 'smtps:',
    requireTLS: requireTLSParam === 'true',
  };
  if (url.username) {
    endpoint.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }
  return endpoint;
}

/** The URL with its password replaced by `***`, fit for logs and error messages. */
export function redact(smtpUrl: string): string {
  return smtpUrl.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
