import { LeadNotFoundError, type LeadClientDeps } from './callbackOutcome';
import { checkLink, page, type LinkCheck, type Page } from './linkPages';
import { takeOverLead } from './takeOver';

/** "Lead übernehmen": GET shows a confirm button, POST takes the lead over for the link's staff member. */
export function renderTakeOverPage(token: string | undefined, options: LinkCheck = {}): Page {
  const checked = checkLink(token, 'take_over_lead', options);
  if ('refusal' in checked) return checked.refusal;
  return page(
    200,
    'Lead übernehmen',
    '<form method="post"><p>Möchten Sie diesen Lead übernehmen? Er wird Ihnen zugewiesen, und die Rückruf-Frist beginnt neu.</p><button type="submit">Lead übernehmen</button></form>',
  );
}

export async function handleTakeOverForm(deps: LeadClientDeps & LinkCheck, token: string | undefined): Promise<Page> {
  const checked = checkLink(token, 'take_over_lead', deps);
  if ('refusal' in checked) return checked.refusal;
  const staffId = checked.claims.extra?.staffId;
  if (!staffId) return page(403, 'Link ungültig', '<p>Dieser Link nennt keine Person. Es wurde nichts geändert.</p>');
  try {
    await takeOverLead(deps, { leadId: checked.claims.subject, staffId });
  } catch (error) {
    if (error instanceof LeadNotFoundError)
      return page(404, 'Lead nicht gefunden', '<p>Diesen Lead gibt es nicht mehr. Es wurde nichts geändert.</p>');
    throw error;
  }
  return page(200, 'Lead übernommen', '<p>Der Lead ist jetzt Ihnen zugewiesen. Bitte rufen Sie den Kunden zeitnah an.</p>');
}
