import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { deriveCustomerAndVehicle, sampleServiceVariables, serviceReminderVariables } from './serviceShared';

export const firstServiceInvitation = defineTemplate({
  id: 'first-service-invitation',
  category: 'marketing',
  description: 'Invitation to the first inspection of a new car.',
  variables: serviceReminderVariables,
  sampleVariables: sampleServiceVariables,
  derive: deriveCustomerAndVehicle,
  texts: {
    de: {
      subject: 'Ihre erste Inspektion steht an – jetzt Termin vereinbaren',
      preheader: 'Fällig bis zum {{dueDate}} – wir freuen uns auf Ihren Besuch in unserer Werkstatt.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>die Zeit vergeht schnell: Für Ihr Fahrzeug {{vehicleName}} steht bis zum {{dueDate}} die erste Inspektion an.</p>' +
            '<p>Die regelmäßige Wartung nach Herstellervorgaben hält Ihr Auto zuverlässig und sicher und hilft, Ihre Ansprüche auf Garantie- und Kulanzleistungen zu sichern. ' +
            'Bei der ersten Inspektion prüfen wir Ihr Fahrzeug gründlich, wechseln Öl und Filter nach Vorgabe des Herstellers und spielen bei Bedarf aktuelle Software-Updates auf.</p>' +
            '<p>Vereinbaren Sie Ihren Wunschtermin bequem online oder rufen Sie uns an unter {{location.phone}}.</p>',
        ),
        button('Termin online vereinbaren', 'location.bookingUrl'),
        signOff('Wir freuen uns auf Ihren Besuch!', '', 'Ihr Serviceteam', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

die Zeit vergeht schnell: Für Ihr Fahrzeug {{vehicleName}} steht bis zum {{dueDate}} die erste Inspektion an.

Die regelmäßige Wartung nach Herstellervorgaben hält Ihr Auto zuverlässig und sicher und hilft, Ihre Ansprüche auf Garantie- und Kulanzleistungen zu sichern. Bei der ersten Inspektion prüfen wir Ihr Fahrzeug gründlich, wechseln Öl und Filter nach Vorgabe des Herstellers und spielen bei Bedarf aktuelle Software-Updates auf.

Vereinbaren Sie Ihren Wunschtermin bequem online oder rufen Sie uns an unter {{location.phone}}.

Termin online vereinbaren: {{location.bookingUrl}}

Wir freuen uns auf Ihren Besuch!

Ihr Serviceteam
{{branding.dealerName}}`,
    },
    en: {
      subject: 'Time for your first service – book your appointment now',
      preheader: 'Due by {{dueDate}} – we look forward to seeing you in our workshop.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>Time flies: your {{vehicleName}} is due for its first service by {{dueDate}}.</p>' +
            "<p>Regular maintenance to the manufacturer's schedule keeps your car safe and reliable and helps protect your warranty and goodwill entitlements. " +
            'At the first service we check your car thoroughly, change the oil and filters as the manufacturer specifies and install the latest software updates where needed.</p>' +
            '<p>Book a convenient appointment online or call us on {{location.phone}}.</p>',
        ),
        button('Book online', 'location.bookingUrl'),
        signOff('We look forward to seeing you!', '', 'Your service team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

Time flies: your {{vehicleName}} is due for its first service by {{dueDate}}.

Regular maintenance to the manufacturer's schedule keeps your car safe and reliable and helps protect your warranty and goodwill entitlements. At the first service we check your car thoroughly, change the oil and filters as the manufacturer specifies and install the latest software updates where needed.

Book a convenient appointment online or call us on {{location.phone}}.

Book online: {{location.bookingUrl}}

We look forward to seeing you!

Your service team
{{branding.dealerName}}`,
    },
  },
});
