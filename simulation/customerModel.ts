import { DateTime } from 'luxon';
import type { PrismaClient } from '../db/generated/client';
import type { CustomerEventInput } from '../lifecycle/customerEvents';
import { stimuli, type Behaviour } from './behaviour';
import type { Chance } from './chance';

/**
 * The simulated customers: at each weekly stop they look at what the engine sent them during the
 * week and react with the behaviour model's probabilities, as events into their lifecycle (a
 * workshop visit, an HU, a reply, an objection) — exactly what the dealer's systems would report.
 * Every draw is keyed by seed, customer, message and week, so a run is repeatable.
 */
type StimulusKind = keyof typeof stimuli;
type Stimulus = { kind: StimulusKind; customerId: string; vehicleId?: string; messageId: string; messageKey: string; week: number };
export type PlannedEvent = { customerId: string; event: CustomerEventInput; cause: string };
export type SentMessage = {
  id: string;
  /**
   * Names the message by what it is (customer, vehicle, template, local day it was sent), not by its random row id or
   * its exact instant: the draws use it. Simulated time runs on by real milliseconds while the engine works (the
   * time-skipping server only skips when it is idle), so the same send lands seconds apart from run to run.
   */
  key: string;
  customerId: string;
  templateId: string;
  campaignId: string | null;
  category: string;
  sentAt: Date;
  vehicleId?: string;
};

const kindOfTemplate = new Map<string, StimulusKind>(
  (Object.entries(stimuli) as Array<[StimulusKind, readonly string[]]>).flatMap(([kind, templates]) =>
    templates.map((t) => [t, kind] as [string, StimulusKind]),
  ),
);

const probabilityOf = (b: Behaviour, kind: StimulusKind) =>
  kind === 'service'
    ? b.serviceBookingPerWeek
    : kind === 'hu'
      ? b.huDonePerWeek
      : kind === 'reactivation'
        ? b.reactivationReplyPerWeek
        : b.repurchaseReplyPerWeek;

export class CustomerModel {
  private readonly open = new Map<string, Stimulus>();
  private readonly objected = new Set<string>();
  readonly reactions: Array<{ week: number; at: string; customerId: string; kind: StimulusKind | 'objection' | 'scripted'; type: string }> =
    [];

  constructor(
    private readonly behaviour: Behaviour,
    private readonly chance: Chance,
  ) {}

  /** The customer messages the engine sent between two stops (outbox rows, simulated time). */
  static async sentBetween(prisma: PrismaClient, from: DateTime, to: DateTime): Promise<SentMessage[]> {
    const rows = await prisma.message.findMany({
      where: { status: 'sent', customerId: { not: null }, sentAt: { gte: from.toJSDate(), lt: to.toJSDate() } },
      select: {
        id: true,
        customerId: true,
        templateId: true,
        campaignId: true,
        category: true,
        sentAt: true,
        enrollment: { select: { vehicleId: true } },
      },
    });
    return rows
      .map((r) => ({
        id: r.id,
        key: [
          r.customerId,
          r.enrollment?.vehicleId ?? '',
          r.templateId,
          DateTime.fromJSDate(r.sentAt!, { zone: from.zone }).toISODate(),
        ].join('/'),
        customerId: r.customerId!,
        templateId: r.templateId,
        campaignId: r.campaignId,
        category: r.category,
        sentAt: r.sentAt!,
        vehicleId: r.enrollment?.vehicleId ?? undefined,
      }))
      .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** What the customers do at the stop that ends `week`, given what they received in it. */
  react(week: number, at: DateTime, received: SentMessage[]): PlannedEvent[] {
    const planned: PlannedEvent[] = [];
    const occurredAt = at.toUTC().toISO()!;
    const day = at.toISODate()!;
    for (const m of received) {
      if (this.objected.has(m.customerId)) continue;
      const kind = kindOfTemplate.get(m.templateId);
      if (kind)
        this.open.set(`${kind}/${m.customerId}/${m.vehicleId ?? ''}`, {
          kind,
          customerId: m.customerId,
          vehicleId: m.vehicleId,
          messageId: m.id,
          messageKey: m.key,
          week,
        });
      if (m.category === 'marketing' && this.chance.happens(this.behaviour.unsubscribePerMessage, 'unsubscribe', m.key)) {
        this.objected.add(m.customerId);
        this.reactions.push({ week, at: occurredAt, customerId: m.customerId, kind: 'objection', type: 'objection' });
        planned.push({
          customerId: m.customerId,
          cause: 'unsubscribe',
          event: { type: 'objection', eventId: `simulation:objection:${m.id}`, occurredAt },
        });
      }
    }
    for (const [key, s] of [...this.open.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (week - s.week >= this.behaviour.reactionWindowWeeks || this.objected.has(s.customerId)) {
        this.open.delete(key);
        continue;
      }
      if (!this.chance.happens(probabilityOf(this.behaviour, s.kind), 'react', s.kind, s.messageKey, week)) continue;
      this.open.delete(key);
      const event = this.reaction(s, occurredAt, day);
      if (!event) continue;
      this.reactions.push({ week, at: occurredAt, customerId: s.customerId, kind: s.kind, type: event.type });
      planned.push({ customerId: s.customerId, cause: s.kind, event });
    }
    return planned;
  }

  /** A scripted "what if" event (e.g. an objection in month 5). */
  scripted(
    week: number,
    customerId: string,
    type: 'objection' | 'service_visit_done' | 'hu_done' | 'email_replied',
    at: DateTime,
    vehicleId?: string,
  ): PlannedEvent | undefined {
    const base = { eventId: `simulation:scripted:${type}:${customerId}:${at.toISODate()}`, occurredAt: at.toUTC().toISO()! };
    if (type === 'objection') this.objected.add(customerId);
    this.reactions.push({ week, at: base.occurredAt, customerId, kind: 'scripted', type });
    if (type === 'objection') return { customerId, cause: 'scripted', event: { ...base, type } };
    if (type === 'email_replied') return { customerId, cause: 'scripted', event: { ...base, type } };
    if (!vehicleId) return undefined;
    if (type === 'hu_done') return { customerId, cause: 'scripted', event: { ...base, type, vehicleId, doneOn: at.toISODate()! } };
    return { customerId, cause: 'scripted', event: { ...base, type, vehicleId, visitedOn: at.toISODate()! } };
  }

  private reaction(s: Stimulus, occurredAt: string, day: string): CustomerEventInput | undefined {
    const eventId = `simulation:${s.kind}:${s.messageId}`;
    if (s.kind === 'service')
      return s.vehicleId ? { type: 'service_visit_done', eventId, occurredAt, vehicleId: s.vehicleId, visitedOn: day } : undefined;
    if (s.kind === 'hu') return s.vehicleId ? { type: 'hu_done', eventId, occurredAt, vehicleId: s.vehicleId, doneOn: day } : undefined;
    return { type: 'email_replied', eventId, occurredAt };
  }
}
