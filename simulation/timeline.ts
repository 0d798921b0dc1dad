import { DateTime } from 'luxon';
import type { NewsletterSchedule } from '../newsletters/definition';

/**
 * The simulated calendar. The engine runs at full fidelity between stops; the customer model acts
 * at each stop. Week stops lie on Sunday 03:17 local time, when no dealership timer fires, so a
 * stop never cuts through the engine's own work and every run sees the same weeks.
 */
export const STOP_TIME = { weekday: 7, hour: 3, minute: 17 } as const;

export type SimulatedWeek = { index: number; label: string; from: DateTime; to: DateTime };

/** The first stop at or after `start` (a date's 00:00) that is not before `notBefore` (the server's clock). */
export function firstInstant(start: string, zone: string, notBefore: number): DateTime {
  let at = DateTime.fromISO(start, { zone }).set({ hour: STOP_TIME.hour, minute: STOP_TIME.minute, second: 0, millisecond: 0 });
  while (at.toMillis() < notBefore) at = at.plus({ days: 1 });
  return at;
}

/** Week stops from the start instant until `months` later. The first week may be shorter (up to the first Sunday). */
export function simulatedWeeks(begin: DateTime, months: number): SimulatedWeek[] {
  const end = begin.plus({ months });
  const weeks: SimulatedWeek[] = [];
  let from = begin;
  while (from < end) {
    let to = from.plus({ days: 1 }).set({ hour: STOP_TIME.hour, minute: STOP_TIME.minute });
    while (to.weekday !== STOP_TIME.weekday) to = to.plus({ days: 1 });
    if (to > end) to = end;
    // Named after the Saturday it ends with: the week from Sunday 03:17 is that Monday-to-Sunday ISO week.
    weeks.push({ index: weeks.length, label: weekLabel(to.minus({ days: 1 })), from, to });
    from = to;
  }
  return weeks;
}

/** ISO week label of the Monday-to-Sunday week an instant falls in, e.g. "2027-W05". */
export function weekLabel(at: DateTime): string {
  return `${at.weekYear}-W${String(at.weekNumber).padStart(2, '0')}`;
}

export const monthLabel = (at: DateTime) => at.toFormat('yyyy-MM');

const weekdayNumber: Record<string, number> = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };

/**
 * When a newsletter schedule fires between two instants, as Temporal's calendar spec would
 * (newsletters/scheduleSpec.ts): all fields must match, "weekOfMonth" means days 1–7, 8–14, …
 */
export function scheduleOccurrences(schedule: NewsletterSchedule, from: DateTime, to: DateTime): DateTime[] {
  const zone = schedule.timeZone;
  const [hour, minute] = schedule.at.split(':').map(Number);
  const found: DateTime[] = [];
  for (let day = from.setZone(zone).startOf('day'); day <= to; day = day.plus({ days: 1 })) {
    if (!schedule.months.includes(day.month)) continue;
    if (schedule.weekday) {
      if (day.weekday !== weekdayNumber[schedule.weekday]) continue;
      if (schedule.weekOfMonth && Math.ceil(day.day / 7) !== schedule.weekOfMonth) continue;
    } else if (day.day !== (schedule.dayOfMonth ?? 1)) continue;
    const at = day.set({ hour, minute });
    if (at >= from && at < to) found.push(at);
  }
  return found;
}
