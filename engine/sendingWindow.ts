import type { Settings } from '../config/settings';
import type { SendingWindowInput } from '../time/sendingWindow';

const allDay = [{ from: '00:00', to: '23:59' }];

/** Marketing email at any hour, any day (the local demo: emails show up at once, even on a Sunday night). */
export const AROUND_THE_CLOCK: SendingWindowInput = {
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  skipPublicHolidays: false,
};

/**
 * The sending window from SENDING_WINDOW: 'always' → around the clock, 'default' → the default
 * window (Mon–Sat 09:00–19:00, not on public holidays). Unset → `fallback`.
 */
export function sendingWindowFromSettings(settings: Pick<Settings, 'SENDING_WINDOW'>, fallback: 'default' | 'always' = 'default') {
  const mode = settings.SENDING_WINDOW ?? fallback;
  return { mode, window: mode === 'always' ? AROUND_THE_CLOCK : undefined, configured: settings.SENDING_WINDOW !== undefined };
}
