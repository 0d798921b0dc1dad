import { escapeHtml } from '../templates/escape';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../workflows/leadFollowUp/contract';
import { LeadNotFoundError, logCallbackOutcome, OUTCOME_LABELS, type LeadClientDeps } from './callbackOutcome';
import { checkLink, page, type LinkCheck, type Page } from './linkPages';

/**
 * The page behind "Ich habe angerufen – Ergebnis eintragen": pure handlers, the HTTP server mounts
 * them (GET shows the form, POST submits it). The signed token names the lead and the staff member;
 * a forged or expired token gets a clear refusal page and changes nothing.
 */

export function renderCallbackPage(token: string | undefined, options: LinkCheck = {}): Page {
  const checked = checkLink(token, 'log_callback', options);
  if ('refusal' in checked) return checked.refusal;
  const options_ = CALLBACK_OUTCOMES.map(
    (o, i) =>
      `<label><input type="radio" name="outcome" value="${o}"${i === 0 ? ' required' : ''}> ${escapeHtml(OUTCOME_LABELS[o])}</label>`,
  ).join('\n');
  return page(
    200,
    'Ergebnis des Rückrufs eintragen',
    `<form method="post">
<input type="hidden" name="t" value="${escapeHtml(token ?? '')}">
<fieldset><legend>Wie ist der Anruf verlaufen?</legend>
${options_}
</fieldset>
<label>Notiz (optional)<br><textarea name="note" maxlength="2000"></textarea></label>
<button type="submit">Ergebnis speichern</button>
</form>`,
  );
}

const CONFIRMATIONS: Record<CallbackOutcome, string> = {
  reached: 'Danke! Der Lead ist als erreicht vermerkt, die Eskalation ist beendet.',
  appointment_booked: 'Danke! Der Termin ist vermerkt, die Eskalation ist beendet.',
  no_answer: 'Vermerkt: nicht erreicht. Sie werden zum nächsten Anrufversuch erinnert.',
  not_interested: 'Vermerkt: kein Interesse. Der Lead ist abgeschlossen.',
  wrong_contact_data: 'Vermerkt: Kontaktdaten falsch. Der Lead ist abgeschlossen.',
};

export async function handleCallbackForm(
  deps: LeadClientDeps & LinkCheck,
  token: string | undefined,
  form: Record<string, string | undefined>,
): Promise<Page> {
  const checked = checkLink(token, 'log_callback', deps);
  if ('refusal' in checked) return checked.refusal;
  const outcome = form.outcome as CallbackOutcome | undefined;
  if (!outcome || !CALLBACK_OUTCOMES.includes(outcome)) {
    return page(
      400,
      'Bitte ein Ergebnis wählen',
      '<p>Bitte wählen Sie aus, wie der Anruf verlaufen ist, und senden Sie das Formular erneut.</p>',
    );
  }
  let logged;
  try {
    logged = await logCallbackOutcome(deps, {
      leadId: checked.claims.subject,
      outcome,
      staffId: checked.claims.extra?.staffId,
      note: form.note?.trim() || undefined,
      // One outcome per form submission: a double click is still one.
      outcomeId: form.submissionId?.slice(0, 200) || undefined,
    });
  } catch (error) {
    if (error instanceof LeadNotFoundError)
      return page(404, 'Lead nicht gefunden', '<p>Diesen Lead gibt es nicht mehr. Es wurde nichts geändert.</p>');
    throw error;
  }
  if (!logged.accepted) {
    return page(
      200,
      'Als Notiz gespeichert',
      `<p>Die Nachverfolgung dieses Leads war bereits abgeschlossen, deshalb wurde „${escapeHtml(OUTCOME_LABELS[outcome])}“ nicht mehr als Rückruf-Ergebnis übernommen. Es ist als Notiz in der Historie des Kunden vermerkt.</p>`,
    );
  }
  const confirmation =
    logged.result === 'unreachable'
      ? 'Vermerkt: nicht erreicht – das war der letzte Versuch, der Lead ist als unerreichbar geschlossen.'
      : CONFIRMATIONS[outcome];
  return page(200, 'Ergebnis gespeichert', `<p>${escapeHtml(confirmation)}</p>`);
}
