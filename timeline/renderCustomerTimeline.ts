import { entryText, personTitle } from './entryText';
import { html, page, type SafeHtml } from './html';
import { formatDay, formatWhen, ICONS, TIMELINE_LABELS, word, type PageLanguage } from './labels';
import type { CustomerTimelineData, TimelineConsent, TimelineEntry, TimelineVehicle } from './types';

type Ctx = { language: PageLanguage; L: (typeof TIMELINE_LABELS)['de'] };

function consentBadge(consent: TimelineConsent, { language, L }: Ctx): SafeHtml {
  const day = (d: Date | null) => formatDay(language, d);
  if (consent.erasedAt) return html`<span class="badge bad">${L.page.erased(day(consent.erasedAt))}</span>`;
  if (consent.objectedAt) return html`<span class="badge bad">${L.page.objected(day(consent.objectedAt))}</span>`;
  if (consent.basis === 'double_opt_in' && consent.confirmedAt)
    return html`<span class="badge ok">${L.page.doubleOptInConfirmed(day(consent.confirmedAt))}</span>`;
  if (consent.basis === 'double_opt_in') return html`<span class="badge warn">${L.page.doubleOptInPending}</span>`;
  if (consent.basis === 'existing_customer')
    return html`<span class="badge ok"
      >${L.page.existingCustomer}${consent.existingCustomerSince ? L.page.since(day(consent.existingCustomerSince)) : ''}</span
    >`;
  return html`<span class="badge warn">${L.page.noConsent}</span>`;
}

function profile(data: CustomerTimelineData, ctx: Ctx): SafeHtml {
  const { customer, consent } = data;
  const P = ctx.L.page;
  return html`<section id="profil">
    <h2>${P.customer}</h2>
    <dl class="facts">
      <dt>${P.customerNumber}</dt>
      <dd>${customer.externalDmsId ?? '–'}</dd>
      <dt>${P.email}</dt>
      <dd>${customer.email ?? '–'}</dd>
      <dt>${P.phone}</dt>
      <dd>${customer.phone ?? '–'}</dd>
      <dt>${P.language}</dt>
      <dd>${word(ctx.L.languages, customer.language)}</dd>
      <dt>${P.salesperson}</dt>
      <dd>${customer.salesperson ?? '–'}</dd>
      <dt>${P.marketingEmail}</dt>
      <dd>${consentBadge(consent, ctx)}${consent.source ? html` <span class="detail">${P.source}: ${consent.source}</span>` : ''}</dd>
      ${
        consent.suppressed.length > 0
          ? html`<dt>${P.suppressed}</dt>
              <dd><span class="badge bad">${consent.suppressed.map((r) => word(ctx.L.suppressionReasons, r)).join(', ')}</span></dd>`
          : ''
      }
      ${
        customer.tags.length > 0
          ? html`<dt>${P.tags}</dt>
              <dd>${customer.tags.map((t) => html`<span class="badge">${word(ctx.L.tags, t)}</span> `)}</dd>`
          : ''
      }
    </dl>
  </section>`;
}

function vehicleRow(v: TimelineVehicle, { language, L }: Ctx): SafeHtml {
  const contract =
    v.financingKind && v.financingKind !== 'cash'
      ? L.page.until(word(L.financing, v.financingKind), formatDay(language, v.financingEndAt))
      : '–';
  const mileage = v.lastServiceMileage !== null ? ` (${v.lastServiceMileage.toLocaleString(L.locale)} km)` : '';
  return html`<tr>
    <td>
      <strong>${v.make} ${v.model}</strong>
      <div class="detail">${v.licensePlate ?? ''} · ${L.page.vin} ${v.vin}</div>
    </td>
    <td>${formatDay(language, v.deliveredAt)}</td>
    <td>${formatDay(language, v.lastServiceAt)}${mileage}</td>
    <td>${formatDay(language, v.lastHuAt)}</td>
    <td>${contract}</td>
  </tr>`;
}

function vehicles(list: TimelineVehicle[], ctx: Ctx): SafeHtml {
  const P = ctx.L.page;
  if (list.length === 0)
    return html`<section id="fahrzeuge">
      <h2>${P.vehicles}</h2>
      <p class="detail">${P.noVehicles}</p>
    </section>`;
  return html`<section id="fahrzeuge">
    <h2>${P.vehicles}</h2>
    <table>
      <thead>
        <tr>
          <th>${P.vehicle}</th>
          <th>${P.delivered}</th>
          <th>${P.lastService}</th>
          <th>${P.lastHu}</th>
          <th>${P.contract}</th>
        </tr>
      </thead>
      <tbody>
        ${list.map((v) => vehicleRow(v, ctx))}
      </tbody>
    </table>
  </section>`;
}

function messageStatus(entry: TimelineEntry, { L }: Ctx): SafeHtml | string {
  if (!entry.messageStatus) return '';
  const css =
    entry.messageStatus === 'sent' ? 'ok' : entry.messageStatus === 'failed' || entry.messageStatus === 'unknown' ? 'bad' : 'warn';
  const reason = entry.skipReason ? `: ${word(L.skipReasons, entry.skipReason)}` : '';
  return html` <span class="badge ${css}">${word(L.messageStatus, entry.messageStatus)}${reason}</span>`;
}

function entryItem(entry: TimelineEntry, ctx: Ctx, overdueBefore?: Date): SafeHtml {
  const label = ctx.L.channels[entry.channel];
  const text = entryText(entry, ctx.language);
  const overdue =
    overdueBefore && entry.at.getTime() < overdueBefore.getTime() ? html` <span class="badge bad">${ctx.L.page.overdue}</span>` : '';
  const detail = [entry.who, text.detail].filter(Boolean).join(' · ');
  return html`<li>
    <div class="when">${formatWhen(ctx.language, entry.at)}${overdue}</div>
    <div><span class="channel" title="${label}">${ICONS[entry.channel]} ${label}</span> · ${text.summary}${messageStatus(entry, ctx)}</div>
    ${detail ? html`<div class="detail">${detail}</div>` : ''}
  </li>`;
}

function upcoming(data: CustomerTimelineData, ctx: Ctx): SafeHtml {
  const P = ctx.L.page;
  const note = data.upcomingUnavailable ? html`<p class="detail">${P.plannedUnavailable} ${data.upcomingUnavailable}</p>` : '';
  const list =
    data.upcoming.length > 0
      ? html`<ol class="timeline upcoming">
          ${data.upcoming.map((e) => entryItem(e, ctx, data.now))}
        </ol>`
      : html`<p class="detail">${P.nothingPlanned}</p>`;
  return html`<section id="geplant">
    <h2>${P.planned}</h2>
    ${note}${list}
  </section>`;
}

function past(entries: TimelineEntry[], ctx: Ctx): SafeHtml {
  const list =
    entries.length > 0
      ? html`<ol class="timeline">
          ${entries.map((e) => entryItem(e, ctx))}
        </ol>`
      : html`<p class="detail">${ctx.L.page.noHistory}</p>`;
  return html`<section id="verlauf">
    <h2>${ctx.L.page.history}</h2>
    ${list}
  </section>`;
}

/** The customer's journey on one page, in German or English: profile and consent, vehicles, what is planned, and everything that happened. */
export function renderCustomerTimeline(data: CustomerTimelineData, language: PageLanguage = 'de'): string {
  const ctx: Ctx = { language, L: TIMELINE_LABELS[language] };
  const body = html`${profile(data, ctx)}${vehicles(data.vehicles, ctx)}${upcoming(data, ctx)}${past(data.past, ctx)}`;
  return page(
    ctx.L.page.customerTitle(personTitle(language, data.customer.name)),
    `${data.dealerName} · ${ctx.L.page.asOf(formatWhen(language, data.now))}`,
    body,
    language,
  );
}
