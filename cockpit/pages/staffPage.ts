import type { loadStaffOverview } from '../data/staff';
import type { Translator } from '../i18n';
import { html } from '../layout';
import { calendarDay, dateTime } from './format';

/** Who is absent when, and whose leads went to whom because of it. */
export function staffBody(data: Awaited<ReturnType<typeof loadStaffOverview>>, tr: Translator) {
  return html`<div class="grid">
      <section id="absences">
        <h2>${tr.t('staff.absences')}</h2>
        <table>
          <thead>
            <tr>
              <th>${tr.t('common.who')}</th>
              <th>${tr.t('common.from')}</th>
              <th>${tr.t('common.to')}</th>
              <th>${tr.t('common.reason')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              data.absences.length
                ? data.absences.map(
                    (a) =>
                      html`<tr>
                        <td>
                          ${a.who}
                          <span class="detail">${tr.label(a.role)}</span
                          >${a.now ? html` <span class="badge warn">${tr.lang === 'de' ? 'heute abwesend' : 'absent today'}</span>` : ''}
                        </td>
                        <td>${calendarDay(a.from, tr.lang)}</td>
                        <td>${calendarDay(a.to, tr.lang)}</td>
                        <td>${tr.label(a.reason)}${a.note ? html`<div class="detail">${a.note}</div>` : ''}</td>
                      </tr>`,
                  )
                : html`<tr>
                    <td colspan="4">${tr.t('common.none')}</td>
                  </tr>`
            }
          </tbody>
        </table>
      </section>
      <section id="rerouted">
        <h2>${tr.t('staff.rerouted')}</h2>
        <table>
          <thead>
            <tr>
              <th>${tr.t('common.when')}</th>
              <th>${tr.t('leads.customer')}</th>
              <th>${tr.t('common.from')}</th>
              <th>${tr.t('common.to')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              data.rerouted.length
                ? data.rerouted.map(
                    (r) =>
                      html`<tr>
                        <td>${dateTime(r.at, tr.lang)}</td>
                        <td><a href="/cockpit/leads/${r.leadId}">${r.customer ?? '–'}</a></td>
                        <td>${r.from} <span class="detail">(${tr.label(r.reason)})</span></td>
                        <td>${r.to}</td>
                      </tr>`,
                  )
                : html`<tr>
                    <td colspan="4">${tr.t('common.none')}</td>
                  </tr>`
            }
          </tbody>
        </table>
        ${
          data.stuck.length
            ? html`<h3>${tr.t('staff.openOfAbsent')}</h3>
                <table>
                  <tbody>
                    ${data.stuck.map(
                      (s) =>
                        html`<tr>
                          <td><a href="/cockpit/leads/${s.leadId}">${s.customer ?? '–'}</a></td>
                          <td>${s.assignee ?? '–'}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }
      </section>
    </div>
    <section id="team">
      <h2>${tr.t('staff.title')}</h2>
      <table>
        <thead>
          <tr>
            <th>${tr.t('common.name')}</th>
            <th>${tr.t('common.role')}</th>
            <th>${tr.t('common.location')}</th>
          </tr>
        </thead>
        <tbody>
          ${data.staff.map(
            (s) =>
              html`<tr>
                <td>${s.name}${s.absentToday ? html` <span class="badge warn">${tr.lang === 'de' ? 'abwesend' : 'absent'}</span>` : ''}</td>
                <td>${tr.label(s.role)}</td>
                <td>${s.location ?? '–'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
}
