import { barChart } from '../charts/svgChart';
import type { OverviewData, OverviewLead } from '../data/overview';
import type { Translator } from '../i18n';
import { html } from '../layout';
import { businessTime, dateTime, percent } from './format';

function leadRows(leads: OverviewLead[], tr: Translator) {
  return leads.map(
    (l) =>
      html`<tr class="${l.overdue ? 'overdue' : ''}">
        <td>
          <a href="/cockpit/leads/${l.id}">${l.customer ?? '–'}</a>
          <div class="detail">${tr.label(l.kind)}</div>
        </td>
        <td>${l.location ?? '–'}</td>
        <td>${l.assignee ?? '–'}</td>
        <td>${dateTime(l.dueAt, tr.lang)}${l.overdue ? html` <span class="badge bad">${tr.t('overview.overdue')}</span>` : ''}</td>
      </tr>`,
  );
}

/** Home: open and overdue leads, SLA this and last week, escalations, mail per campaign, complaints, workload. */
export function overviewBody(data: OverviewData, tr: Translator) {
  const campaignName = (id: string | null) => id ?? tr.t('common.none');
  const urgent = [...data.overdue, ...data.today];
  return html` <section id="leads-today">
      <h2>${tr.t('overview.openToday')}</h2>
      <div class="kpis">
        <div class="kpi"><b>${data.openLeads}</b><span>${tr.t('overview.openLeads')}</span></div>
        <div class="kpi"><b>${data.dueToday}</b><span>${tr.t('leads.due')}</span></div>
        <div class="kpi"><b>${data.overdue.length}</b><span>${tr.t('overview.overdue')}</span></div>
      </div>
      ${
        urgent.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${tr.t('leads.customer')}</th>
                  <th>${tr.t('common.location')}</th>
                  <th>${tr.t('leads.assignee')}</th>
                  <th>${tr.t('leads.due')}</th>
                </tr>
              </thead>
              <tbody>
                ${leadRows(urgent, tr)}
              </tbody>
            </table>`
          : ''
      }
    </section>
    <div class="grid">
      <section id="sla" class="wide">
        <h2>${tr.t('overview.sla')}</h2>
        ${barChart({
          categories: data.sla.thisWeek.map((r) => r.locationName),
          series: [
            {
              name: tr.t('overview.thisWeek'),
              values: data.sla.thisWeek.map((r) => (r.share === null ? null : Math.round(r.share * 100))),
            },
            {
              name: tr.t('overview.lastWeek'),
              values: data.sla.lastWeek.map((r) => (r.share === null ? null : Math.round(r.share * 100))),
            },
          ],
          unit: ' %',
          max: 100,
          width: 520,
        })}
        <table>
          <thead>
            <tr>
              <th>${tr.t('common.location')}</th>
              <th></th>
              <th class="num">${tr.t('overview.withinSla')}</th>
              <th class="num">${tr.t('overview.medianBusiness')}</th>
            </tr>
          </thead>
          <tbody>
            ${data.sla.thisWeek.map((r, i) => {
              const last = data.sla.lastWeek[i]!;
              return html`<tr>
                  <td rowspan="2">${r.locationName}</td>
                  <td>${tr.t('overview.thisWeek')}</td>
                  <td class="num">${percent(r.share, tr.lang)} (${r.withinSla}/${r.decided})</td>
                  <td class="num">${businessTime(r.medianBusinessMinutes)}</td>
                </tr>
                <tr>
                  <td>${tr.t('overview.lastWeek')}</td>
                  <td class="num">${percent(last.share, tr.lang)} (${last.withinSla}/${last.decided})</td>
                  <td class="num">${businessTime(last.medianBusinessMinutes)}</td>
                </tr>`;
            })}
          </tbody>
        </table>
      </section>
      <section id="escalations">
        <h2>${tr.t('overview.escalations')}</h2>
        <table>
          <thead>
            <tr>
              <th>${tr.t('leads.escalation')}</th>
              <th class="num">${tr.t('campaigns.active')}</th>
              <th class="num">${tr.t('common.total')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              data.escalations.length
                ? data.escalations.map(
                    (e) =>
                      html`<tr>
                        <td>${tr.lang === 'de' ? 'Stufe' : 'Level'} ${e.level}</td>
                        <td class="num">${e.open}</td>
                        <td class="num">${e.total}</td>
                      </tr>`,
                  )
                : html`<tr>
                    <td colspan="3">${tr.t('common.none')}</td>
                  </tr>`
            }
          </tbody>
        </table>
      </section>
      <section id="messages">
        <h2>${tr.t('overview.messages')}</h2>
        ${data.messagesThisWeek.length ? barChart({ categories: data.messagesThisWeek.map((m) => campaignName(m.campaignId)), series: [{ name: tr.t('campaign.sent'), values: data.messagesThisWeek.map((m) => m.sent) }] }) : html`<p>${tr.t('common.none')}</p>`}
        <table>
          <tbody>
            ${data.messagesThisWeek.map(
              (m) =>
                html`<tr>
                  <td>
                    ${m.campaignId && !m.campaignId.startsWith('newsletter:') ? html`<a href="/cockpit/campaigns/${m.campaignId}">${m.campaignId}</a>` : campaignName(m.campaignId)}
                  </td>
                  <td class="num">${m.sent}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section id="complaints">
        <h2>${tr.t('overview.complaints')}</h2>
        <table>
          <thead>
            <tr>
              <th>${tr.t('common.reason')}</th>
              <th class="num">${tr.t('overview.thisWeek')}</th>
              <th class="num">${tr.t('overview.lastWeek')}</th>
            </tr>
          </thead>
          <tbody>
            ${data.complaints.map(
              (c) =>
                html`<tr>
                  <td>${tr.label(c.reason)}</td>
                  <td class="num">${c.thisWeek}</td>
                  <td class="num">${c.lastWeek}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section id="workload">
        <h2>${tr.t('overview.workload')}</h2>
        ${barChart({
          categories: data.workload.map((w) => tr.label(w.role)),
          series: [
            { name: tr.t('overview.thisWeek'), values: data.workload.map((w) => w.thisWeek) },
            { name: tr.t('overview.nextWeek'), values: data.workload.map((w) => w.nextWeek) },
          ],
        })}
      </section>
    </div>`;
}
