import type { BusinessCalendar } from '../../time/businessTime';
import { addBusinessDuration, type BusinessDuration } from '../../time/businessClock';
import type { EscalationStep } from '../../leads/slaPolicy';

/** Pure helpers for the escalation ladder (safe in workflow code). */

function isZero(d: BusinessDuration): boolean {
  return ('minutes' in d && d.minutes === 0) || ('hours' in d && d.hours === 0) || ('businessDays' in d && d.businessDays === 0);
}

/**
 * When ladder step `index` fires, given when the previous one fired (or the due time, for step 0).
 * A zero interval means "at that same instant" (the reminder at the SLA instant itself).
 */
export function stepInstant(previous: string, ladder: EscalationStep[], index: number, calendar: BusinessCalendar): string | undefined {
  const step = ladder[index];
  if (!step) return undefined;
  return isZero(step.after) ? previous : addBusinessDuration(previous, step.after, calendar);
}
