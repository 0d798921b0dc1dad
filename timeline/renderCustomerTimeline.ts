import { germanDate, germanDateTime, germanDay, html, page, type SafeHtml } from './html';
import { CHANNELS, FINANCING, LANGUAGES, MESSAGE_STATUS, SKIP_REASONS } from './labels';
import type { CustomerTimelineData, TimelineConsent, TimelineEntry, TimelineVehicle } from './types';

function consentBadge(consent: TimelineConsent): SafeHtml {
  if (consent.erasedAt) return html`<span class="badge bad">gelöscht am ${germanDate(consent.erasedAt)} (DSGVO Art. 17)</span>`;
  if (consent.objectedAt) return html`<span class="badge bad">Werbewiderspruch seit ${germanDate(consent.objectedAt)}</span>`;
  if (consent.basis === 'double_opt_in' && consent.confirmedAt)
    return html`<span class="badge ok">Einwilligung (Double-Opt-in) bestätigt am ${germanDate(consent.confirmedAt)}</span>`;
  if (consent.basis === 'double_opt_in') return html`<span class="badge warn">Einwilligung erteilt, noch nicht bestätigt</span>`;
  if (consent.basis === 'existing_customer')
    return html`<span class="badge ok">Bestandskunde (§7 Abs. 3 UWG)${consent.existingCustomerSince ? html` seit ${germanDate(consent.existingCustomerSince)}` : ''}</span>`;
  return html`<span class="badge warn">keine Einwilligung für Werbung</span>`;
}

function profile(data: CustomerTimelineData): SafeHtml {
  const { customer, consent } = data;
  return html`<section id="profil"><h2>Kunde</h2><dl class="facts">
<dt>Kundennummer</dt><dd>${customer.externalDmsId ?? '–'}</dd>
<dt>E-Mail</dt><dd>${customer.email ?? '–'}</dd>
<dt>Telefon</dt><dd>${customer.phone ?? '–'}</dd>
<dt>Sprache</dt><dd>${LANGUAGES[customer.language] ?? customer.language}</dd>
<dt>Betreuer</dt><dd>${customer.salesperson ?? '–'}</dd>
<dt>Werbung per E-Mail</dt><dd>${consentBadge(consent)}${consent.source ? html` <span class="detail">Quelle: ${consent.source}</span>` : ''}</dd>
${consent.suppressed.length > 0 ? html`<dt>Gesperrt</dt><dd><span class="badge bad">${consent.suppressed.join(', ')}</span></dd>` : ''}
${customer.tags.length > 0 ? html`<dt>Merkmale</dt><dd>${customer.tags.map((t) => html`<span class="badge">${t}</span> `)}</dd>` : ''}
</dl></section>`;
}

function vehicleRow(v: TimelineVehicle): SafeHtml {
  const contract = v.financingKind && v.financingKind !== 'cash' ? `${FINANCING[v.financingKind] ?? v.financingKind} bis ${germanDay(v.financingEndAt)}` : '–';
  const mileage = v.lastServiceMileage !== null ? ` (${v.lastServiceMileage.toLocaleString('de-DE')} km)` : '';
  return html`<tr><td><strong>${v.make} ${v.model}</strong><div class="detail">${v.licensePlate ?? ''} · FIN ${v.vin}</div></td>
<td>${germanDay(v.deliveredAt)}</td><td>${germanDay(v.lastServiceAt)}${mileage}</td><td>${germanDay(v.lastHuAt)}</td><td>${contract}</td></tr>`;
}

function vehicles(list: TimelineVehicle[]): SafeHtml {
  if (list.length === 0) return html`<section id="fahrzeuge"><h2>Fahrzeuge</h2><p class="detail">Keine Fahrzeuge erfasst.</p></section>`;
  return html`<section id="fahrzeuge"><h2>Fahrzeuge</h2><table><thead><tr><th>Fahrzeug</th><th>Auslieferung</th><th>Letzte Inspektion</th><th>Letzte HU</th><th>Vertrag</th></tr></thead>
<tbody>${list.map(vehicleRow)}</tbody></table></section>`;
}

function messageStatus(entry: TimelineEntry): SafeHtml | string {
  if (!entry.messageStatus) return '';
  const label = MESSAGE_STATUS[entry.messageStatus] ?? entry.messageStatus;
  const css = entry.messageStatus === 'sent' ? 'ok' : entry.messageStatus === 'failed' || entry.messageStatus === 'unknown' ? 'bad' : 'warn';
  const reason = entry.skipReason ? `: ${SKIP_REASONS[entry.skipReason] ?? entry.skipReason}` : '';
  return html` <span class="badge ${css}">${label}${reason}</span>`;
}

function entryItem(entry: TimelineEntry, overdueBefore?: Date): SafeHtml {
  const channel = CHANNELS[entry.channel];
  const overdue = overdueBefore && entry.at.getTime() < overdueBefore.getTime() ? html` <span class="badge bad">überfällig</span>` : '';
  return html`<li><div class="when">${germanDateTime(entry.at)}${overdue}</div>
<div><span class="channel" title="${channel.label}">${channel.icon} ${channel.label}</span> · ${entry.summary}${messageStatus(entry)}</div>
${entry.detail || entry.who ? html`<div class="detail">${[entry.who, entry.detail].filter(Boolean).join(' · ')}</div>` : ''}</li>`;
}

function upcoming(data: CustomerTimelineData): SafeHtml {
  const note = data.upcomingUnavailable ? html`<p class="detail">Geplante Kontakte der Kampagnen konnten nicht abgefragt werden: ${data.upcomingUnavailable}</p>` : '';
  const list = data.upcoming.length > 0 ? html`<ol class="timeline upcoming">${data.upcoming.map((e) => entryItem(e, data.now))}</ol>` : html`<p class="detail">Nichts geplant.</p>`;
  return html`<section id="geplant"><h2>Geplant</h2>${note}${list}</section>`;
}

function past(entries: TimelineEntry[]): SafeHtml {
  const list = entries.length > 0 ? html`<ol class="timeline">${entries.map((e) => entryItem(e))}</ol>` : html`<p class="detail">Noch keine Kontakte.</p>`;
  return html`<section id="verlauf"><h2>Verlauf</h2>${list}</section>`;
}

/** The customer's journey on one page: profile and consent, vehicles, what is planned, and everything that happened. */
export function renderCustomerTimeline(data: CustomerTimelineData): string {
  const body = html`${profile(data)}${vehicles(data.vehicles)}${upcoming(data)}${past(data.past)}`;
  return page(`Kundenhistorie: ${data.customer.name}`, `${data.dealerName} · Stand ${germanDateTime(data.now)}`, body);
}
