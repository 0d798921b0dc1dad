/** A yyyy-MM-dd day as a Date at UTC midnight (how Prisma stores @db.Date). */
export const asDate = (isoDay: string | undefined) => (isoDay ? new Date(`${isoDay}T00:00:00.000Z`) : undefined);

/** Drops undefined values: an empty cell leaves the stored value alone. */
export function definedOnly<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether applying `next` would change the stored row (dates compared by instant). */
export function differs(current: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.entries(next).some(([key, value]) => {
    const stored = current[key];
    if (value instanceof Date || stored instanceof Date) return (stored as Date | null)?.getTime() !== (value as Date | null)?.getTime();
    return stored !== value;
  });
}
