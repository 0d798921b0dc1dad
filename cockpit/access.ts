import type { CockpitRole, CockpitUser, Prisma } from '../db/generated/client';

/**
 * Who may do what in the cockpit. Every user sees only their own dealer; a team lead sees only the
 * leads of their locations. Anything else answers 403.
 */
export type Permission = 'viewLeads' | 'reassignLeads' | 'controlNewsletters' | 'viewStaff';

const grants: Record<Permission, CockpitRole[]> = {
  viewLeads: ['principal', 'team_lead', 'service_advisor'],
  reassignLeads: ['principal', 'team_lead'],
  controlNewsletters: ['principal', 'marketing'],
  viewStaff: ['principal', 'team_lead'],
};

export function may(user: Pick<CockpitUser, 'role'>, permission: Permission): boolean {
  return grants[permission].includes(user.role);
}

/** The leads a user may see: their dealer's, and for a team lead only their locations'. */
export function visibleLeads(user: Pick<CockpitUser, 'dealerId' | 'role' | 'locationIds'>): Prisma.LeadWhereInput {
  return user.role === 'team_lead' ? { dealerId: user.dealerId, locationId: { in: user.locationIds } } : { dealerId: user.dealerId };
}

export function mayOpenLead(
  user: Pick<CockpitUser, 'dealerId' | 'role' | 'locationIds'>,
  lead: { dealerId: string; locationId: string | null },
): boolean {
  if (lead.dealerId !== user.dealerId) return false;
  return user.role !== 'team_lead' || (lead.locationId !== null && user.locationIds.includes(lead.locationId));
}

/** Thrown by page handlers; the cockpit's error handler renders it as a page with this status. */
export class CockpitError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'CockpitError';
  }
}
