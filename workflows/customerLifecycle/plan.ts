import { DateTime } from 'luxon';
import { huDueMonth, nextServiceDue, repurchaseWindowOpens } from '../../vehicles/dueDates';
import type { LifecycleSettings } from './contract';
import type { VehicleFacts } from './state';

/**
 * Which campaign each vehicle needs next and with what context: pure and deterministic, so the
 * workflow computes it without I/O. Context keys become template variables (dueDate, dueMonth …).
 */
export type CampaignPlan = { campaignId: string; vehicleId?: string; context: Record<string, string | number | boolean | null> };

const monthStart = (ym: { year: number; month: number }) => `${ym.year}-${String(ym.month).padStart(2, '0')}-01`;

function registration(v: VehicleFacts): string | undefined {
  return v.firstRegistration ?? (v.condition === 'new' ? v.deliveredOn : undefined);
}

export function serviceIntervalMonths(v: VehicleFacts, settings: LifecycleSettings): number {
  return settings.serviceIntervalMonthsByMake[v.make] ?? settings.serviceIntervalMonths;
}

export function serviceDueDate(v: VehicleFacts, settings: LifecycleSettings): string | undefined {
  if (!v.lastServiceDate && !v.deliveredOn && !registration(v)) return undefined;
  const readings = v.mileageReadings.length >= 2 ? v.mileageReadings : null;
  return nextServiceDue({
    lastServiceDate: v.lastServiceDate,
    deliveryDate: v.deliveredOn,
    firstRegistration: registration(v),
    intervalMonths: serviceIntervalMonths(v, settings),
    intervalKm: settings.serviceIntervalKm,
    lastServiceMileage: v.lastServiceMileageKm,
    mileageReadings: readings,
  }).dueDate;
}

export function huDueMonthStart(v: VehicleFacts): string | undefined {
  const firstRegistration = registration(v);
  if (!firstRegistration) return undefined;
  return monthStart(huDueMonth({ firstRegistration, lastHuDate: v.lastHuDate }));
}

export function repurchasePlan(v: VehicleFacts, settings: LifecycleSettings): CampaignPlan | undefined {
  const financed = v.financingEndDate && v.financingKind && v.financingKind !== 'cash';
  if (financed) {
    const { opens } = repurchaseWindowOpens({ leaseEndDate: v.financingEndDate, monthsBeforeLeaseEnd: settings.monthsBeforeLeaseEnd });
    return { campaignId: 'repurchase-lease-end', vehicleId: v.vehicleId, context: { repurchaseDate: opens } };
  }
  const firstRegistration = registration(v);
  if (!firstRegistration && !v.deliveredOn) return undefined;
  const { opens } = repurchaseWindowOpens({
    firstRegistration,
    deliveryDate: v.deliveredOn,
    vehicleAgeYears: settings.repurchaseVehicleAgeYears,
  });
  // A used car bought already older than the replacement age: not before it has been ours for two years.
  const notBefore = v.deliveredOn ? DateTime.fromISO(v.deliveredOn, { zone: 'utc' }).plus({ years: 2 }).toISODate()! : opens;
  const date = opens > notBefore ? opens : notBefore;
  const base = DateTime.fromISO(firstRegistration ?? v.deliveredOn!, { zone: 'utc' });
  const ageYears = Math.max(2, Math.floor(DateTime.fromISO(date, { zone: 'utc' }).diff(base, 'years').years));
  return { campaignId: 'repurchase-vehicle-age', vehicleId: v.vehicleId, context: { repurchaseDate: date, vehicleAgeYears: ageYears } };
}

export function servicePlan(v: VehicleFacts, settings: LifecycleSettings, invitedByCheckIns = false): CampaignPlan | undefined {
  const dueDate = serviceDueDate(v, settings);
  return dueDate ? { campaignId: 'service-reminders', vehicleId: v.vehicleId, context: { dueDate, invitedByCheckIns } } : undefined;
}

export function huPlan(v: VehicleFacts): CampaignPlan | undefined {
  const dueMonth = huDueMonthStart(v);
  return dueMonth ? { campaignId: 'hu-reminders', vehicleId: v.vehicleId, context: { dueMonth } } : undefined;
}

export function checkInPlan(v: VehicleFacts, settings: LifecycleSettings): CampaignPlan | undefined {
  const dueDate = serviceDueDate(v, settings);
  return dueDate
    ? { campaignId: 'post-purchase-check-ins', vehicleId: v.vehicleId, context: { firstServiceDueDate: dueDate, dueDate } }
    : undefined;
}

/** Adds an odometer reading, keeping the newest 12 in date order. */
export function withReading(readings: VehicleFacts['mileageReadings'], date: string, km: number | undefined) {
  if (km === undefined) return readings;
  const next = [...readings.filter((r) => r.date !== date), { date, km }].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return next.slice(-12);
}
