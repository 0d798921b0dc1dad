import type { Command } from 'commander';
import { entryText } from '../../timeline/entryText';
import { germanDateTime } from '../../timeline/html';
import { CHANNELS, MESSAGE_STATUS, SKIP_REASONS } from '../../timeline/labels';
import { lifecycleUpcoming } from '../../timeline/lifecycleUpcoming';
import { loadCustomerTimeline } from '../../timeline/loadTimeline';
import type { CustomerTimelineData, TimelineEntry } from '../../timeline/types';
import { requireUuid, withDatabase, withTemporalClient } from './support/context';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '–');

function consentLine(c: CustomerTimelineData['consent']): string {
  if (c.erasedAt) return `erased ${day(c.erasedAt)}`;
  if (c.objectedAt) return `objected ${day(c.objectedAt)}`;
  if (c.basis === 'double_opt_in') return c.confirmedAt ? `double opt-in, confirmed ${day(c.confirmedAt)}` : 'double opt-in, not confirmed';
  if (c.basis === 'existing_customer')
    return `existing customer (§7(3) UWG)${c.existingCustomerSince ? ` since ${day(c.existingCustomerSince)}` : ''}`;
  return 'none';
}

function entryLine(e: TimelineEntry): string {
  const status = e.messageStatus
    ? ` [${MESSAGE_STATUS[e.messageStatus] ?? e.messageStatus}${e.skipReason ? `: ${SKIP_REASONS[e.skipReason] ?? e.skipReason}` : ''}]`
    : '';
  const text = entryText(e, 'de');
  return `  ${germanDateTime(e.at).padEnd(24)} ${CHANNELS[e.channel].label.padEnd(9)} ${text.summary}${status}${e.who ? ` (${e.who})` : ''}${text.detail ? ` · ${text.detail}` : ''}`;
}

/** The customer as text: profile, consent, vehicles, planned and past touchpoints. */
export function formatCustomer(data: CustomerTimelineData, pastLimit = 20): string {
  const { customer } = data;
  const lines = [
    `${customer.name}  (${customer.id}${customer.externalDmsId ? `, DMS ${customer.externalDmsId}` : ''})`,
    `  email      ${customer.email ?? '–'}`,
    `  phone      ${customer.phone ?? '–'}`,
    `  language   ${customer.language}`,
    `  salesperson ${customer.salesperson ?? '–'}`,
    `  consent    ${consentLine(data.consent)}${data.consent.suppressed.length ? `; suppressed: ${data.consent.suppressed.join(', ')}` : ''}`,
    `Vehicles (${data.vehicles.length}):`,
    ...data.vehicles.map(
      (v) =>
        `  ${v.make} ${v.model} ${v.licensePlate ?? ''} VIN ${v.vin}; delivered ${day(v.deliveredAt)}, last service ${day(v.lastServiceAt)}, last HU ${day(v.lastHuAt)}`,
    ),
    `Upcoming (${data.upcoming.length}):${data.upcomingUnavailable ? ` lifecycle not reachable: ${data.upcomingUnavailable}` : ''}`,
    ...data.upcoming.map(entryLine),
    `Touchpoints and messages (latest ${Math.min(pastLimit, data.past.length)} of ${data.past.length}):`,
    ...data.past.slice(0, pastLimit).map(entryLine),
  ];
  return lines.join('\n') + '\n';
}

export function registerCustomerCommands(program: Command): void {
  const customer = program.command('customer').description('look at one customer');
  customer
    .command('show')
    .description('profile, vehicles, consent, last touchpoints and messages, and upcoming touchpoints from the lifecycle')
    .argument('<customerId>', 'the customer id (UUID)')
    .option('--no-lifecycle', 'do not ask Temporal for upcoming touchpoints')
    .action(async (customerId: string, flags: { lifecycle: boolean }) => {
      requireUuid(customerId, 'customerId');
      await withDatabase(async ({ prisma, settings }) => {
        const load = (upcomingFor?: ReturnType<typeof lifecycleUpcoming>) => loadCustomerTimeline({ prisma, upcomingFor }, customerId);
        const data = flags.lifecycle
          ? await withTemporalClient(settings, (client) => load(lifecycleUpcoming(client)), prisma).catch(async (error: Error) => {
              const fallback = await load();
              return fallback && { ...fallback, upcomingUnavailable: error.message };
            })
          : await load();
        if (!data) throw new Error(`customer show: no customer with id ${customerId}`);
        process.stdout.write(formatCustomer(data));
      });
    });
}
