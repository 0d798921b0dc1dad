import { rowsOrNone } from './rows';
import type { LeadDetail } from '../data/leadDetail';
import type { Translator } from '../i18n';
import { csrfField, html } from '../layout';
import { businessTime, calendarDay, dateTime } from './format';

const durationText = (d: object) =>
  Object.entries(d)
    .map(([unit, n]) => `${n} ${unit}`)
    .join(' ');

/** One lead: facts, SLA clock, the escalation ladder as it ran, outcomes, the customer's history, re-assign. */
export function leadBody(data: LeadDetail, tr: Translator, options: { csrfToken: string; mayReassign: boolean; flash?: string }) {
  const { lead, sla } = data;
  const de = tr.lang === 'de';
  return html`${options.flash ? html`<div class="flash" id="flash">${options.flash}</div>` : ''}
    <div class="grid">
      <section id="lead-facts">
        <h2>${tr.label(lead.kind)} · ${lead.source}</h2>
        <dl class="facts">
          <dt>${tr.t('leads.customer')}</dt>
          <dd>
            ${data.customer ? html`<a href="/cockpit/customers/${data.customer.id}" id="customer-link">${data.customer.name}</a>` : '–'}
          </dd>
          <dt>${tr.t('leads.received')}</dt>
          <dd>${dateTime(lead.receivedAt, tr.lang)}</dd>
          <dt>${tr.t('leads.status')}</dt>
          <dd>${tr.label(lead.status)}</dd>
          <dt>${tr.t('common.location')}</dt>
          <dd>${lead.location ?? '–'}</dd>
          <dt>${tr.t('leads.assignee')}</dt>
          <dd id="assignee">${lead.assignee ?? '–'}</dd>
          ${
            lead.vehicleOfInterest
              ? html`<dt>${de ? 'Fahrzeug' : 'Vehicle'}</dt>
                  <dd>${lead.vehicleOfInterest}</dd>`
              : ''
          }
          ${
            lead.message
              ? html`<dt>${de ? 'Nachricht' : 'Message'}</dt>
                  <dd>${lead.message}</dd>`
              : ''
          }
        </dl>
      </section>
      <section id="sla-clock">
        <h2>${tr.t('lead.slaClock')}</h2>
        <dl class="facts">
          <dt>${tr.t('lead.slaTarget')}</dt>
          <dd>
            ${durationText(sla.target)} (${de ? 'Geschäftszeit' : 'business time'}), ${de ? 'fällig' : 'due'}
            ${dateTime(sla.dueAt, tr.lang)}
          </dd>
          ${
            lead.firstContactAt
              ? html`<dt>${tr.t('lead.contactedAt')}</dt>
                  <dd>
                    ${dateTime(lead.firstContactAt, tr.lang)}${sla.dueAt && lead.firstContactAt <= sla.dueAt ? html` <span class="badge ok">SLA ✓</span>` : html` <span class="badge bad">SLA ✗</span>`}
                  </dd>`
              : ''
          }
          ${
            sla.clock
              ? html`<dt>${tr.t('lead.dueAt')}</dt>
                  <dd>${dateTime(sla.clock.dueAt, tr.lang)}</dd>
                  <dt>${sla.clock.overdue ? tr.t('lead.overdueBy') : tr.t('lead.remaining')}</dt>
                  <dd>
                    <span class="badge ${sla.clock.overdue ? 'bad' : 'ok'}" id="sla-remaining"
                      >${businessTime(sla.clock.businessMinutes)}</span
                    >
                  </dd>`
              : ''
          }
        </dl>
        ${
          options.mayReassign && lead.status === 'new'
            ? html`<h3>${tr.t('lead.reassign')}</h3>
                <form method="post" action="/cockpit/leads/${lead.id}/assign" id="reassign-form">
                  ${csrfField(options.csrfToken)} <label for="staffId">${tr.t('lead.reassignTo')}</label>
                  <select id="staffId" name="staffId">
                    ${data.colleagues.map((c) => html`<option value="${c.id}" ${c.id === lead.assigneeId ? html` selected` : ''}>${c.name} (${tr.label(c.role)})</option>`)}
                  </select>
                  <button type="submit">${tr.t('lead.reassign')}</button>
                </form>`
            : ''
        }
      </section>
    </div>
    <section id="ladder">
      <h2>${tr.t('lead.ladder')}</h2>
      <h3>${tr.t('lead.ladderPlanned')}</h3>
      <table>
        <tbody>
          ${data.ladder.map(
            (s) =>
              html`<tr>
                <td>${de ? 'Stufe' : 'Level'} ${s.level}</td>
                <td>+${durationText(s.after)}</td>
                <td>
                  ${s.notify.map((n) => tr.label(n === 'assignee' ? 'salesperson' : n)).join(', ')}${s.reassign ? (de ? ', Lead neu zuweisen' : ', re-assign the lead') : ''}
                </td>
                <td>${s.reached ? html`<span class="badge warn">${de ? 'erreicht' : 'reached'}</span>` : ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h3>${de ? 'Verlauf' : 'Trail'}</h3>
      <table id="trail">
        <tbody>
          ${rowsOrNone(
            data.trail,
            (t) =>
              html`<tr>
                <td>${dateTime(t.at, tr.lang)}</td>
                <td>${t.summary}</td>
                <td>${t.staff ?? ''}</td>
              </tr>`,
            tr.t('lead.noneYet'),
          )}
        </tbody>
      </table>
      <h3>${tr.t('lead.staffMails')}</h3>
      <table id="staff-mails">
        <tbody>
          ${rowsOrNone(
            data.staffMails,
            (m) =>
              html`<tr>
                <td>${dateTime(m.at, tr.lang)}</td>
                <td>${m.to}</td>
                <td>${m.subject ?? m.templateId}</td>
                <td>${tr.label(m.status)}</td>
              </tr>`,
            tr.t('lead.noneYet'),
          )}
        </tbody>
      </table>
      <h3>${de ? 'Abwesend (bei der Zuweisung übersprungen)' : 'Absent (skipped when assigning)'}</h3>
      <table id="absences">
        <tbody>
          ${rowsOrNone(
            data.absences,
            (a) =>
              html`<tr>
                <td>${a.who} (${tr.label(a.role)})</td>
                <td>${calendarDay(a.from, tr.lang)} – ${calendarDay(a.to, tr.lang)}</td>
                <td>${tr.label(a.reason)}${a.note ? ` · ${a.note}` : ''}</td>
              </tr>`,
            tr.t('common.none'),
          )}
        </tbody>
      </table>
    </section>
    <div class="grid">
      <section id="outcomes">
        <h2>${tr.t('lead.outcomes')}</h2>
        <table>
          <tbody>
            ${data.callbackTasks.map(
              (t) =>
                html`<tr>
                  <td>${de ? 'Rückruf' : 'Callback'} ${dateTime(t.dueAt, tr.lang)}</td>
                  <td>${tr.label(t.status)}</td>
                  <td>${t.attempts} ${de ? 'Versuch(e)' : 'attempt(s)'}</td>
                  <td>${t.outcome ? tr.label(t.outcome) : ''}</td>
                  <td>${t.assignee ?? ''}</td>
                </tr>`,
            )}
            ${data.outcomes.map(
              (o) =>
                html`<tr>
                  <td>${dateTime(o.at, tr.lang)}</td>
                  <td colspan="3">${o.summary}</td>
                  <td>${o.staff ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section id="history">
        <h2>${tr.t('lead.history')}</h2>
        <table>
          <tbody>
            ${data.history.map(
              (h) =>
                html`<tr>
                  <td>${dateTime(h.at, tr.lang)}</td>
                  <td>${h.summary}</td>
                  <td>${h.staff ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${data.customer ? html`<p><a href="/cockpit/customers/${data.customer.id}">${data.customer.name}</a></p>` : ''}
      </section>
    </div>`;
}
