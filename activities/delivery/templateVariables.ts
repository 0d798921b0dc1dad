import { DateTime } from 'luxon';
import { signedUrl } from '../../links/signedLinks';
import { formatDate, formatMonthYear } from '../../templates/formatting';
import { resolveLanguage } from '../../templates/language';
import type { Recipient } from './recipient';

const isoDate = /^\d{4}-\d{2}-\d{2}/;
const CONFIRM_LINK_DAYS = 7;

/** What signed links in a customer email need: where they point, the signing secret, and the send time. */
export type LinkSettings = { publicBaseUrl: string; signingSecret: string; now: Date };

/**
 * Campaign context values become template variables of the same name; dates are formatted in the
 * customer's language ("dueMonth" as "Juni 2027", any other date as "15. März 2027"). A day (or a
 * whole month) that has already passed on the send day (in the dealer's time zone) also gives `<key>DaysOverdue`, so
 * a template never presents a past date as ahead ("überfällig seit 11 Monaten").
 */
export function formattedContext(
  context: Record<string, unknown>,
  language: 'de' | 'en',
  now: Date,
  timeZone = 'Europe/Berlin',
): Record<string, unknown> {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return Object.fromEntries(
    Object.entries(context).flatMap(([key, value]): Array<[string, unknown]> => {
      if (typeof value !== 'string' || !isoDate.test(value)) return [[key, value]];
      const day = value.slice(0, 10);
      const month = key.endsWith('Month');
      // A due month (the HU sticker) runs to its last day; a due date is due on the day itself.
      const dueUntil = DateTime.fromISO(day, { zone: timeZone });
      const lastDay = month ? dueUntil.endOf('month').startOf('day') : dueUntil;
      const overdue = Math.floor(today.diff(lastDay, 'days').days);
      const formatted = month ? formatMonthYear(day, language) : formatDate(day, language);
      return [[key, formatted], ...(overdue > 0 ? [[`${key}DaysOverdue`, overdue] as [string, unknown]] : [])];
    }),
  );
}

/** The double opt-in link: confirms this customer's consent, valid for a week. */
function confirmConsentLink(customerId: string, language: 'de' | 'en', links: LinkSettings) {
  const expiresAt = new Date(links.now.getTime() + CONFIRM_LINK_DAYS * 86_400_000).toISOString();
  return {
    confirmUrl: signedUrl(
      links.publicBaseUrl,
      'consent/confirm',
      { purpose: 'confirm_consent', subject: customerId, expiresAt },
      links.signingSecret,
    ),
    validUntil: formatDate(expiresAt.slice(0, 10), language),
  };
}

/** The variables every customer template can draw on, built from fresh data at send time. */
export function customerTemplateVariables(
  recipient: Recipient,
  context: Record<string, unknown>,
  links: LinkSettings,
  extra: Record<string, unknown> = {},
) {
  const { customer, vehicle } = recipient;
  const language = resolveLanguage(customer.language);
  const publicBaseUrl = links.publicBaseUrl;
  const salesperson = customer.assignedSalesperson;
  const bookingUrl = customer.dealer.websiteUrl ?? publicBaseUrl;
  const phone = customer.location?.phone ?? customer.dealer.phone ?? '–';
  return {
    customer: {
      salutation: customer.salutation === 'mx' ? 'none' : customer.salutation,
      title: customer.title ?? undefined,
      firstName: customer.firstName ?? undefined,
      lastName: customer.lastName,
    },
    vehicle: vehicle ? { make: vehicle.make, model: vehicle.model, licensePlate: vehicle.licensePlate ?? undefined } : undefined,
    location: { phone, bookingUrl },
    salesperson: salesperson
      ? { name: `${salesperson.firstName} ${salesperson.lastName}`, phone: salesperson.phone ?? phone, email: salesperson.email }
      : { name: customer.dealer.name, phone },
    contract:
      vehicle?.financingEndAt && vehicle.financingKind && vehicle.financingKind !== 'cash'
        ? {
            kind: vehicle.financingKind === 'lease' ? 'leasing' : 'financing',
            endDate: formatDate(vehicle.financingEndAt.toISOString().slice(0, 10), language),
          }
        : undefined,
    appointmentUrl: bookingUrl,
    surveyUrl: bookingUrl,
    ...confirmConsentLink(customer.id, language, links),
    ...formattedContext(context, language, links.now, customer.dealer.timeZone),
    ...extra,
  };
}
