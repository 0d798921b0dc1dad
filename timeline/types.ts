/** What the timeline pages show; loadTimeline.ts fills it from the database (and the lifecycle), the renderers turn it into HTML. */

export type TimelineChannel = 'phone' | 'email' | 'visit' | 'web' | 'letter' | 'system' | 'task' | 'callback' | 'campaign';

export type TimelineEntry = {
  at: Date;
  channel: TimelineChannel;
  /** One line: what happened or will happen. */
  summary: string;
  detail?: string;
  /** Who did it or has to do it. */
  who?: string;
  /** For emails: the outbox status ("sent", "skipped" …) and why it was skipped. */
  messageStatus?: string;
  skipReason?: string;
};

export type TimelineVehicle = {
  make: string;
  model: string;
  licensePlate: string | null;
  vin: string;
  deliveredAt: Date | null;
  lastServiceAt: Date | null;
  lastServiceMileage: number | null;
  lastHuAt: Date | null;
  financingKind: string | null;
  financingEndAt: Date | null;
};

export type TimelineConsent = {
  basis: 'none' | 'double_opt_in' | 'existing_customer';
  givenAt: Date | null;
  confirmedAt: Date | null;
  source: string | null;
  existingCustomerSince: Date | null;
  objectedAt: Date | null;
  erasedAt: Date | null;
  suppressed: string[];
};

export type CustomerTimelineData = {
  now: Date;
  dealerName: string;
  customer: {
    id: string;
    externalDmsId: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    salesperson: string | null;
    tags: string[];
  };
  consent: TimelineConsent;
  vehicles: TimelineVehicle[];
  /** Newest first. */
  past: TimelineEntry[];
  /** Soonest first. */
  upcoming: TimelineEntry[];
  /** Set when the lifecycle could not be asked (Temporal unreachable …): the page says so instead of failing. */
  upcomingUnavailable?: string;
};

export type OpenLead = {
  id: string;
  receivedAt: Date;
  kind: string;
  source: string;
  status: string;
  customerName: string | null;
  customerId: string | null;
  vehicleOfInterest: string | null;
  assignee: string | null;
  dueAt: Date | null;
  escalationLevel: number;
  attempts: number;
  /** Why the dealer must look at it: 'nobody_reachable' or 'follow_up_failed' (null: nothing to clear up). */
  attention: string | null;
};

export type OpenLeadsData = { now: Date; dealerName: string | null; leads: OpenLead[] };

/** Upcoming touchpoints as the customer lifecycle reports them (see loadTimeline.ts for the adapter). */
export type UpcomingTouchpoint = { at: Date | string; summary: string; channel?: TimelineChannel; detail?: string };
