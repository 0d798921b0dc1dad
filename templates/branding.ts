import { z } from 'zod';
import { httpUrl, postalAddressSchema } from './variables';

/** The legally required imprint (Impressum, §5 DDG) shown in every customer email. */
export const imprintSchema = z.object({
  /** Legal name, e.g. "Autohaus Berger GmbH & Co. KG". */
  company: z.string().min(1),
  address: postalAddressSchema,
  /** Register court and number, e.g. "Amtsgericht München, HRB 123456". */
  register: z.string().min(1),
  /** Managing director(s), e.g. "Thomas Berger, Sabine Kraus". */
  managingDirector: z.string().min(1),
  vatId: z.string().min(1).optional(),
  email: z.email().optional(),
  phone: z.string().min(1).optional(),
});

/** Who sends the email: the dealership's name, address, logo and imprint, plus the recipient's unsubscribe link. */
export const brandingSchema = z.object({
  dealerName: z.string().min(1),
  address: postalAddressSchema,
  phone: z.string().min(1).optional(),
  logoUrl: httpUrl.optional(),
  imprint: imprintSchema,
  /** Personal one-click unsubscribe link; required for marketing emails, not used in staff emails. */
  unsubscribeUrl: httpUrl.optional(),
});

export type Branding = z.input<typeof brandingSchema>;

export const sampleBranding: Branding = {
  dealerName: 'Autohaus Berger',
  address: { street: 'Landsberger Straße 120', postalCode: '80339', city: 'München' },
  phone: '089 123456-0',
  logoUrl: 'https://autohaus-berger.example/logo.png',
  imprint: {
    company: 'Autohaus Berger GmbH & Co. KG',
    address: { street: 'Landsberger Straße 120', postalCode: '80339', city: 'München' },
    register: 'Amtsgericht München, HRA 98765',
    managingDirector: 'Thomas Berger',
    vatId: 'DE123456789',
    email: 'info@autohaus-berger.example',
    phone: '089 123456-0',
  },
  unsubscribeUrl: 'https://autohaus-berger.example/abmelden?t=sample-token',
};
