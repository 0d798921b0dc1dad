import type { Settings } from '../config/settings';

/** The bare address of a header value: `Autohaus <service@autohaus.example>` → `service@autohaus.example`. */
export function bareAddress(value: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  return (angled ? angled[1] : value.trim()).toLowerCase();
}

/** The domain of an address or header value (lower-case), or undefined. */
export function domainOf(value: string): string | undefined {
  const at = bareAddress(value).lastIndexOf('@');
  return at > 0 ? bareAddress(value).slice(at + 1) : undefined;
}

type AddressSettings = Pick<Settings, 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'BOUNCE_DOMAIN'>;

/** Where customers' replies go: MAIL_REPLY_TO, else reply@<domain of MAIL_FROM>. */
export function replyAddressOf(settings: AddressSettings): string {
  return settings.MAIL_REPLY_TO ?? `reply@${domainOf(settings.MAIL_FROM) ?? 'stammkunde.local'}`;
}

/** The domain our envelope senders (bounce+<token>@…) use. */
export function bounceDomainOf(settings: AddressSettings): string {
  return (settings.BOUNCE_DOMAIN ?? domainOf(settings.MAIL_FROM) ?? 'stammkunde.local').toLowerCase();
}

/** Addresses that are ours: mail from them coming in is our own mail looping back. */
export function ownAddressesOf(settings: AddressSettings): Set<string> {
  return new Set([bareAddress(settings.MAIL_FROM), bareAddress(replyAddressOf(settings))]);
}
