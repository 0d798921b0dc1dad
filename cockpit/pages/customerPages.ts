import { rowsOrNone } from './rows';
import type { CustomerHit, loadCustomerCard } from '../data/customers';
import type { Translator } from '../i18n';
import { html } from '../layout';
import { dateTime } from './format';

/** The search form and its hits. */
export function customerSearchBody(query: string, hits: CustomerHit[], tr: Translator) {
  return html`<section>
      <form class="filters" method="get" action="/cockpit/customers">
        <div><label for="q">${tr.t('customers.search')}</label><input id="q" name="q" value="${query}" size="40" /></div>
        <div><button type="submit">${tr.t('customers.searchButton')}</button></div>
      </form>
    </section>
    ${
      query
        ? html`<section>
            <table id="customer-hits">
              <tbody>
                ${rowsOrNone(
                  hits,
                  (h) =>
                    html`<tr>
                      <td><a href="/cockpit/customers/${h.id}">${h.name}</a></td>
                      <td>${h.email ?? '–'}</td>
                      <td>${h.externalDmsId ?? '–'}</td>
                      <td>${h.plates.join(', ')}</td>
                    </tr>`,
                  tr.t('customers.none'),
                )}
              </tbody>
            </table>
          </section>`
        : ''
    }`;
}

/** One customer: what the cockpit links to from leads and campaigns, with the full timeline one click away. */
export function customerCardBody(card: Awaited<ReturnType<typeof loadCustomerCard>>, tr: Translator) {
  const de = tr.lang === 'de';
  return html`<section id="customer">
      <dl class="facts">
        <dt>${de ? 'Kundennummer' : 'Customer number'}</dt>
        <dd>${card.externalDmsId ?? '–'}</dd>
        <dt>${tr.t('login.email')}</dt>
        <dd>${card.email ?? '–'}</dd>
        <dt>${de ? 'Telefon' : 'Phone'}</dt>
        <dd>${card.phone ?? '–'}</dd>
        <dt>${tr.t('common.location')}</dt>
        <dd>${card.location ?? '–'}</dd>
        <dt>${de ? 'Betreuer' : 'Salesperson'}</dt>
        <dd>${card.salesperson ?? '–'}</dd>
        <dt>${de ? 'Werbung' : 'Marketing'}</dt>
        <dd>${tr.label(card.consent)}</dd>
      </dl>
      <p><a href="/cockpit/customers/${card.id}/timeline" id="timeline-link">${tr.t('customers.timeline')} →</a></p>
    </section>
    <div class="grid">
      <section id="vehicles">
        <h2>${tr.t('customers.vehicles')}</h2>
        <table>
          <tbody>
            ${card.vehicles.map(
              (v) =>
                html`<tr>
                  <td>${v.make} ${v.model}</td>
                  <td>${v.plate ?? '–'}</td>
                  <td class="detail">${v.vin}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section id="enrollments">
        <h2>${tr.t('customers.enrollments')}</h2>
        <table>
          <tbody>
            ${rowsOrNone(
              card.enrollments,
              (e) =>
                html`<tr>
                  <td>
                    <a href="/cockpit/campaigns/${e.campaignId}" class="campaign-link">${e.campaignId}</a>
                    v${e.version}${e.holdout ? html` <span class="badge">${tr.label('holdout')}</span>` : ''}
                  </td>
                  <td>${tr.label(e.status)}${e.exitReason ? html`<div class="detail">${e.exitReason}</div>` : ''}</td>
                  <td>${dateTime(e.enteredAt, tr.lang)}</td>
                </tr>`,
              tr.t('common.none'),
            )}
          </tbody>
        </table>
      </section>
      <section id="customer-leads">
        <h2>${tr.t('customers.leads')}</h2>
        <table>
          <tbody>
            ${rowsOrNone(
              card.leads,
              (l) =>
                html`<tr>
                  <td><a href="/cockpit/leads/${l.id}">${tr.label(l.kind)}</a></td>
                  <td>${tr.label(l.status)}</td>
                  <td>${dateTime(l.receivedAt, tr.lang)}</td>
                </tr>`,
              tr.t('common.none'),
            )}
          </tbody>
        </table>
      </section>
      <section id="customer-messages">
        <h2>${de ? 'Letzte E-Mails' : 'Latest emails'}</h2>
        <table>
          <tbody>
            ${card.messages.map(
              (m) =>
                html`<tr>
                  <td>${dateTime(m.at, tr.lang)}</td>
                  <td>${m.subject}</td>
                  <td>${tr.label(m.status)}${m.skipReason ? ` (${tr.label(m.skipReason)})` : ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
    </div>`;
}
