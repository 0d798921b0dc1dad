import { settings } from '../config/settings';
import { escapeHtml } from '../templates/escape';
import { InvalidLinkError, verifyLinkToken, type LinkClaims, type LinkPurpose } from '../links/signedLinks';

/** Shared parts of the staff link pages: a plain German HTML page and the token check. */

export type Page = { status: number; html: string };

export type LinkCheck = { secret?: string; now?: Date };

export function page(status: number, title: string, body: string): Page {
  return {
    status,
    html: `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
fieldset{border:1px solid #d0d5dd;padding:1rem}label{display:block;margin:.4rem 0}textarea{width:100%;min-height:5rem}
button{background:#1a4d8f;color:#fff;border:0;padding:.6rem 1.2rem;font-size:1rem;margin-top:1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`,
  };
}

const REFUSALS: Record<InvalidLinkError['problem'], Page> = {
  malformed: page(
    400,
    'Link ungültig',
    '<p>Dieser Link ist unvollständig oder beschädigt. Bitte öffnen Sie ihn direkt aus der E-Mail. Es wurde nichts geändert.</p>',
  ),
  forged: page(
    403,
    'Link ungültig',
    '<p>Dieser Link ist nicht gültig (die Signatur stimmt nicht). Es wurde nichts geändert. Bitte verwenden Sie den Link aus Ihrer E-Mail.</p>',
  ),
  wrong_purpose: page(403, 'Link ungültig', '<p>Dieser Link ist für eine andere Aktion bestimmt. Es wurde nichts geändert.</p>'),
  expired: page(
    410,
    'Link abgelaufen',
    '<p>Dieser Link ist abgelaufen. Es wurde nichts geändert. Bitte tragen Sie das Ergebnis im CRM ein oder wenden Sie sich an Ihre Teamleitung.</p>',
  ),
};

/** The link's claims, or the page that refuses it (forged → 403, expired → 410, malformed → 400). */
export function checkLink(
  token: string | undefined,
  purpose: LinkPurpose,
  options: LinkCheck = {},
): { claims: LinkClaims } | { refusal: Page } {
  try {
    const claims = verifyLinkToken(token ?? '', purpose, options.secret ?? settings().LINK_SIGNING_SECRET, options.now ?? new Date());
    return { claims };
  } catch (error) {
    if (error instanceof InvalidLinkError) return { refusal: REFUSALS[error.problem] };
    throw error;
  }
}
