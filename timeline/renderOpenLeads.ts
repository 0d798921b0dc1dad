import { germanDateTime, html, page } from './html';
import { ESCALATION_LEVELS, LEAD_KINDS, LEAD_STATUS } from './labels';
import type { OpenLead, OpenLeadsData } from './types';

function dueCell(lead: OpenLead, now: Date) {
  if (!lead.dueAt) return html`<span class="detail">kein Rückruf geplant</span>`;
  const overdue = lead.dueAt.getTime() < now.getTime();
  return html`${germanDateTime(lead.dueAt)}${overdue ? html` <span class="badge bad">überfällig</span>` : ''}`;
}

function escalation(level: number) {
  const label = ESCALATION_LEVELS[level] ?? `Stufe ${level}`;
  return html`<span class="badge ${level === 0 ? '' : level === 1 ? 'warn' : 'bad'}">${label}</span>`;
}

const ATTENTION: Record<string, string> = {
  nobody_reachable: 'Niemand erreichbar – bitte klären',
  follow_up_failed: 'Nachverfolgung gestoppt – siehe Verlauf',
};

function attentionBadge(lead: OpenLead) {
  return lead.attention ? html`<div><span class="badge bad attention">${ATTENTION[lead.attention] ?? lead.attention}</span></div>` : '';
}

function leadRow(lead: OpenLead, now: Date) {
  const overdue = lead.dueAt !== null && lead.dueAt.getTime() < now.getTime();
  const customer = lead.customerId
    ? html`<a href="/timeline/customers/${encodeURIComponent(lead.customerId)}">${lead.customerName ?? 'Kunde'}</a>`
    : html`${lead.customerName ?? '–'}`;
  return html`<tr class="${overdue ? 'overdue' : ''}"><td>${germanDateTime(lead.receivedAt)}</td>
<td>${customer}<div class="detail">${LEAD_KINDS[lead.kind] ?? lead.kind} · ${lead.source}${lead.vehicleOfInterest ? ` · ${lead.vehicleOfInterest}` : ''}</div></td>
<td>${LEAD_STATUS[lead.status] ?? lead.status}</td><td>${lead.assignee ?? '–'}</td><td>${dueCell(lead, now)}</td>
<td>${escalation(lead.escalationLevel)}${attentionBadge(lead)}${lead.attempts > 0 ? html`<div class="detail">${lead.attempts} Versuch(e)</div>` : ''}</td></tr>`;
}

/** Open leads, the most urgent callback first: due time, who has it, and how far it has been escalated. */
export function renderOpenLeads(data: OpenLeadsData): string {
  const leads = [...data.leads].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  const body =
    leads.length === 0
      ? html`<section><p>Keine offenen Anfragen.</p></section>`
      : html`<section><h2>${leads.length} offene Anfrage(n)</h2><table><thead><tr><th>Eingang</th><th>Kunde / Anfrage</th><th>Status</th><th>Zuständig</th><th>Rückruf fällig</th><th>Eskalation</th></tr></thead>
<tbody>${leads.map((l) => leadRow(l, data.now))}</tbody></table></section>`;
  return page('Offene Anfragen', `${data.dealerName ?? 'Alle Autohäuser'} · Stand ${germanDateTime(data.now)}`, body);
}
