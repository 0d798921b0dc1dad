import { IANAZone } from 'luxon';
import { z } from 'zod';

/** An IANA time zone name such as Europe/Berlin, in a config or API body. */
export const timeZoneSchema = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { message: 'must be an IANA time zone such as Europe/Berlin' });
