import type { LeadFilter, LeadListData } from '../data/leads';
import type { Translator } from '../i18n';
import { html } from '../layout';
import { dateTime } from './format';

const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost', 'spam'];

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}" ${selected ? html` selected` : ''}>${label}</option>`;

/** The filterable lead list. */
export function leadsBody(data: LeadListData, filter: LeadFilter, tr: Translator) {
  return html`<section>
      <form class="filters" method="get" action="/cockpit/leads">
        <div>
          <label for="location">${tr.t('leads.location')}</label
          ><select id="location" name="location">
            ${option('', tr.t('leads.all'), !filter.locationId)}${data.locations.map((l) => option(l.id, l.name, filter.locationId === l.id))}
          </select>
        </div>
        <div>
          <label for="status">${tr.t('leads.status')}</label
          ><select id="status" name="status">
            ${option('', tr.t('leads.all'), !filter.status)}${STATUSES.map((s) => option(s, tr.label(s), filter.status === s))}
          </select>
        </div>
        <div>
          <label for="assignee">${tr.t('leads.assignee')}</label
          ><select id="assignee" name="assignee">
            ${option('', tr.t('leads.all'), !filter.assigneeId)}${data.assignees.map((s) => option(s.id, s.name, filter.assigneeId === s.id))}
          </select>
        </div>
        <div>
          <label
            ><input type="checkbox" name="overdue" value="1" ${filter.overdue ? html` checked` : ''} /> ${tr.t('leads.overdueOnly')}</label
          >
        </div>
        <div><button type="submit">${tr.t('leads.filter')}</button></div>
      </form>
    </section>
    <section>
      <h2>${data.rows.length} ${tr.t('leads.title')}</h2>
      ${
        data.rows.length === 0
          ? html`<p>${tr.t('leads.none')}</p>`
          : html`<table id="lead-list">
              <thead>
                <tr>
                  <th>${tr.t('leads.received')}</th>
                  <th>${tr.t('leads.customer')}</th>
                  <th>${tr.t('leads.status')}</th>
                  <th>${tr.t('common.location')}</th>
                  <th>${tr.t('leads.assignee')}</th>
                  <th>${tr.t('leads.due')}</th>
                  <th>${tr.t('leads.escalation')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.rows.map(
                  (l) =>
                    html`<tr class="${l.overdue ? 'overdue' : ''}">
                      <td>${dateTime(l.receivedAt, tr.lang)}</td>
                      <td>
                        <a href="/cockpit/leads/${l.id}">${l.customer ?? '–'}</a>
                        <div class="detail">${tr.label(l.kind)} · ${l.source}${l.vehicleOfInterest ? ` · ${l.vehicleOfInterest}` : ''}</div>
                      </td>
                      <td>${tr.label(l.status)}</td>
                      <td>${l.location ?? '–'}</td>
                      <td>${l.assignee ?? '–'}</td>
                      <td>
                        ${dateTime(l.dueAt, tr.lang)}${l.overdue ? html` <span class="badge bad">${tr.t('overview.overdue')}</span>` : ''}
                      </td>
                      <td>
                        ${l.escalationLevel > 0 ? html`<span class="badge ${l.escalationLevel > 1 ? 'bad' : 'warn'}">${tr.lang === 'de' ? 'Stufe' : 'level'} ${l.escalationLevel}</span>` : '–'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
}
