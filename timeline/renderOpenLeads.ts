import { personTitle } from './entryText';
import { html, page } from './html';
import { formatWhen, TIMELINE_LABELS, word, type PageLanguage } from './labels';
import type { OpenLead, OpenLeadsData } from './types';

type Ctx = { language: PageLanguage; L: (typeof TIMELINE_LABELS)['de'] };

function dueCell(lead: OpenLead, now: Date, { language, L }: Ctx) {
  if (!lead.dueAt) return html`<span class="detail">${L.page.noCallback}</span>`;
  const overdue = lead.dueAt.getTime() < now.getTime();
  return html`${formatWhen(language, lead.dueAt)}${overdue ? html` <span class="badge bad">${L.page.overdue}</span>` : ''}`;
}

/** Level = escalation steps taken (1 reminded the assignee, 2 the team lead, 3 the management), as the API reports it. */
function escalation(level: number, { L }: Ctx) {
  const label = L.escalationLevels[level] ?? L.page.level(level);
  return html`<span class="badge ${level === 0 ? '' : level === 1 ? 'warn' : 'bad'}">${label}</span>`;
}

function attentionBadge(lead: OpenLead, { L }: Ctx) {
  return lead.attention ? html`<div><span class="badge bad attention">${word(L.attention, lead.attention)}</span></div>` : '';
}

function leadRow(lead: OpenLead, now: Date, ctx: Ctx) {
  const { L, language } = ctx;
  const overdue = lead.dueAt !== null && lead.dueAt.getTime() < now.getTime();
  const name = lead.customerName ? personTitle(language, lead.customerName) : undefined;
  const customer = lead.customerId
    ? html`<a href="/timeline/customers/${encodeURIComponent(lead.customerId)}${language === 'en' ? '?lang=en' : ''}"
        >${name ?? L.page.customer}</a
      >`
    : html`${name ?? '–'}`;
  return html`<tr class="${overdue ? 'overdue' : ''}">
    <td>${formatWhen(language, lead.receivedAt)}</td>
    <td>
      ${customer}
      <div class="detail">
        ${word(L.leadKinds, lead.kind)} · ${word(L.leadSources, lead.source)}${lead.vehicleOfInterest ? ` · ${lead.vehicleOfInterest}` : ''}
      </div>
    </td>
    <td>${word(L.leadStatus, lead.status)}</td>
    <td>${lead.assignee ?? '–'}</td>
    <td>${dueCell(lead, now, ctx)}</td>
    <td>
      ${escalation(lead.escalationLevel, ctx)}${attentionBadge(lead, ctx)}${lead.attempts > 0 ? html`<div class="detail">${L.page.attempts(lead.attempts)}</div>` : ''}
    </td>
  </tr>`;
}

/** Open leads, the most urgent callback first: due time, who has it, and how far it has been escalated. */
export function renderOpenLeads(data: OpenLeadsData, language: PageLanguage = 'de'): string {
  const ctx: Ctx = { language, L: TIMELINE_LABELS[language] };
  const P = ctx.L.page;
  const leads = [...data.leads].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  const body =
    leads.length === 0
      ? html`<section><p>${P.noLeads}</p></section>`
      : html`<section>
          <h2>${P.openLeads(leads.length)}</h2>
          <table>
            <thead>
              <tr>
                <th>${P.received}</th>
                <th>${P.customerRequest}</th>
                <th>${P.status}</th>
                <th>${P.assignee}</th>
                <th>${P.callbackDue}</th>
                <th>${P.escalation}</th>
              </tr>
            </thead>
            <tbody>
              ${leads.map((l) => leadRow(l, data.now, ctx))}
            </tbody>
          </table>
        </section>`;
  return page(P.leadsTitle, `${data.dealerName ?? P.allDealers} · ${P.asOf(formatWhen(language, data.now))}`, body, language);
}
