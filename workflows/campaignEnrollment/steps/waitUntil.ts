import { DateTime } from 'luxon';
import type { WaitUntilStep } from '../../../campaigns/dsl/steps';
import { CampaignExit, type EnrollmentRuntime } from '../runtime';

/** The instant a waitUntil step aims at: context date ± offset, at a local time in the dealer's zone. */
export function waitUntilInstant(step: WaitUntilStep, context: Record<string, unknown>, timeZone: string): DateTime | undefined {
  const raw = context[step.date];
  if (typeof raw !== 'string') return undefined;
  const [hour, minute] = (step.at ?? '09:00').split(':').map(Number);
  const day = DateTime.fromISO(raw.slice(0, 10), { zone: timeZone });
  if (!day.isValid) return undefined;
  return day.plus(step.offset ?? {}).set({ hour, minute, second: 0, millisecond: 0 });
}

/** waitUntil(context date ± offset): e.g. "6 weeks before the HU is due, at 09:00". */
export async function runWaitUntil(step: WaitUntilStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const target = waitUntilInstant(step, rt.input.context, rt.input.timeZone);
  if (!target) {
    rt.record(path, step, `no date in context.${step.date}`);
    throw new CampaignExit(`missing context date ${step.date}`);
  }
  if (target <= rt.now() && step.ifPast === 'exit') {
    rt.record(path, step, 'date already passed');
    throw new CampaignExit(`date passed: ${step.date}`);
  }
  await rt.sleepUntil(target);
  rt.record(path, step, 'reached');
}
