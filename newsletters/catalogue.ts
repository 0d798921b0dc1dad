import { defineNewsletter, type NewsletterDefinition } from './definition';

/**
 * The dealership's recurring newsletters, as code. Worker start (or `stammkunde newsletters sync`)
 * turns every one with a schedule into a Temporal schedule.
 */
const tyreChangeAutumn = defineNewsletter({
  id: 'tyre-change-autumn',
  name: 'Räderwechsel im Herbst',
  legalBasis: 'existing_customer',
  segment: { vehicle: {} },
  schedule: { months: [10], weekday: 'TUESDAY', weekOfMonth: 1, at: '10:00', timeZone: 'Europe/Berlin' },
  ratePerSecond: 50,
  content: {
    de: {
      subject: 'Zeit für Winterreifen',
      preheader: 'Von O bis O: Räderwechsel mit Einlagerung – jetzt Termin sichern.',
      headline: 'Von O bis O: Zeit für Winterreifen',
      paragraphs: [
        'die Faustregel „von O bis O“ gilt: Ab Oktober gehören Winterreifen aufs Auto.',
        'Wir wechseln Ihre Räder, prüfen Profiltiefe und Reifendruck und lagern Ihre Sommerräder ein.',
      ],
      callToAction: { label: 'Termin buchen', url: 'https://autohaus.example/raederwechsel' },
      signature: ['Ihr Serviceteam'],
    },
  },
});

const tyreChangeSpring = defineNewsletter({
  ...tyreChangeAutumn,
  id: 'tyre-change-spring',
  name: 'Räderwechsel im Frühjahr',
  schedule: { months: [3], weekday: 'TUESDAY', weekOfMonth: 4, at: '10:00', timeZone: 'Europe/Berlin' },
  content: {
    de: {
      ...tyreChangeAutumn.content.de,
      subject: 'Zeit für Sommerreifen',
      headline: 'Von O bis O: Zeit für Sommerreifen',
      paragraphs: [
        'nach Ostern sind Sommerreifen die richtige Wahl: Auf warmer Straße bremsen sie kürzer.',
        'Wir wechseln Ihre Räder und lagern Ihre Winterräder ein.',
      ],
    },
  },
});

const electricOwners = defineNewsletter({
  id: 'ev-owners',
  name: 'Neues für E-Auto-Fahrer',
  segment: { vehicle: { fuelTypes: ['electric', 'plug_in_hybrid'] } },
  content: {
    de: {
      subject: 'Neues rund ums Laden',
      preheader: 'Wallbox-Check, Batteriegesundheit und Winter-Tipps für Ihr E-Auto.',
      headline: 'Elektrisch durch den Winter',
      paragraphs: ['wir haben Tipps für Reichweite und Laden bei Kälte zusammengestellt.'],
    },
  },
});

const olderCars = defineNewsletter({
  id: 'older-cars-trade-in',
  name: 'Inzahlungnahme für ältere Fahrzeuge',
  segment: { vehicle: { olderThanYears: 8 } },
  content: {
    de: {
      subject: 'Was ist Ihr Auto heute wert?',
      preheader: 'Kostenlose Bewertung und Inzahlungnahme.',
      headline: 'Zeit für ein neues Auto?',
      paragraphs: ['Ihr Fahrzeug hat schon einige Jahre hinter sich. Wir bewerten es kostenlos.'],
    },
  },
});

export const newsletterCatalogue: NewsletterDefinition[] = [tyreChangeAutumn, tyreChangeSpring, electricOwners, olderCars];

export function newsletterById(id: string): NewsletterDefinition {
  const found = newsletterCatalogue.find((n) => n.id === id);
  if (!found)
    throw new Error(`newsletter: no newsletter with id ${JSON.stringify(id)} (known: ${newsletterCatalogue.map((n) => n.id).join(', ')})`);
  return found;
}
