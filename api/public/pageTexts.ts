import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../db/generated/client';
import { resolveLanguage } from '../../templates/language';
import type { Language } from '../../templates/types';

/**
 * Every word of the pages a customer sees behind the links in their emails, in German (formal
 * "Sie") and English. The page follows the customer's language; before the link tells us who it is
 * (a broken link), the browser's Accept-Language, German by default.
 */
export const PAGE_TEXTS = {
  de: {
    unsubscribe: {
      title: 'Vom Newsletter abmelden',
      question:
        'Möchten Sie keine Werbung und keine Angebote mehr per E-Mail von uns erhalten? Ein Klick genügt, die Abmeldung gilt sofort.',
      button: 'Jetzt abmelden',
      note: 'Wichtige Nachrichten zu Ihren Aufträgen und Terminen erhalten Sie weiterhin.',
    },
    unsubscribed: {
      title: 'Sie wurden abgemeldet',
      paragraphs: [
        'Sie erhalten ab sofort keine Werbe-E-Mails mehr von uns. Wichtige Nachrichten zu Ihren Aufträgen und Terminen erhalten Sie weiterhin.',
        'Falls das ein Versehen war, sprechen Sie uns einfach an.',
      ],
    },
    unknownCustomer: {
      title: 'Link nicht mehr gültig',
      paragraphs: ['Zu diesem Link gibt es keine Kundendaten mehr. Sie erhalten keine E-Mails mehr von uns.'],
    },
    consentNotOpen: {
      title: 'Link nicht mehr gültig',
      paragraphs: ['Zu diesem Link gibt es keine offene Anmeldung. Es wurde nichts geändert.'],
    },
    consentThanks: 'Vielen Dank für Ihre Bestätigung!',
    consentConfirmed:
      'Ihre E-Mail-Adresse ist bestätigt. Ab jetzt informieren wir Sie über Inspektion und Hauptuntersuchung, Neuigkeiten und Angebote.',
    consentAlready: 'Ihre E-Mail-Adresse war bereits bestätigt. Sie müssen nichts weiter tun.',
    consentRevoke: 'Ihre Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen – über den Abmeldelink in jeder E-Mail.',
    linkProblems: {
      missing: {
        title: 'Link unvollständig',
        text: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser.',
      },
      malformed: {
        title: 'Link ungültig',
        text: 'Dieser Link ist beschädigt. Bitte öffnen Sie den Link direkt aus der E-Mail oder kopieren Sie ihn vollständig in Ihren Browser. Es wurde nichts geändert.',
      },
      forged: { title: 'Link ungültig', text: 'Dieser Link ist nicht gültig. Es wurde nichts geändert.' },
      wrong_purpose: { title: 'Link ungültig', text: 'Dieser Link gehört zu einer anderen Aktion. Es wurde nichts geändert.' },
      expired: {
        title: 'Link abgelaufen',
        text: 'Dieser Link ist abgelaufen. Es wurde nichts geändert. Bitte fordern Sie eine neue E-Mail an oder wenden Sie sich an Ihr Autohaus.',
      },
    },
  },
  en: {
    unsubscribe: {
      title: 'Unsubscribe from our emails',
      question:
        'Would you rather not receive advertising and offers from us by email any more? One click is enough; it takes effect at once.',
      button: 'Unsubscribe now',
      note: 'You will still receive important messages about your orders and appointments.',
    },
    unsubscribed: {
      title: 'You have been unsubscribed',
      paragraphs: [
        'From now on you will not receive any promotional emails from us. You will still receive important messages about your orders and appointments.',
        'If this was a mistake, just let us know.',
      ],
    },
    unknownCustomer: {
      title: 'This link is no longer valid',
      paragraphs: ['There is no customer record for this link any more. You will not receive any more emails from us.'],
    },
    consentNotOpen: {
      title: 'This link is no longer valid',
      paragraphs: ['There is no pending sign-up for this link. Nothing has been changed.'],
    },
    consentThanks: 'Thank you for confirming!',
    consentConfirmed:
      'Your email address is confirmed. From now on we will keep you informed about services and main inspections (HU), news and offers.',
    consentAlready: 'Your email address was already confirmed. There is nothing else you need to do.',
    consentRevoke: 'You can withdraw your consent at any time with effect for the future – via the unsubscribe link in every email.',
    linkProblems: {
      missing: {
        title: 'Incomplete link',
        text: 'This link is incomplete. Please open it straight from the email or copy all of it into your browser.',
      },
      malformed: {
        title: 'Invalid link',
        text: 'This link is damaged. Please open it straight from the email or copy all of it into your browser.',
      },
      forged: { title: 'Invalid link', text: 'This link is not valid. Nothing has been changed.' },
      wrong_purpose: { title: 'Invalid link', text: 'This link belongs to a different action. Nothing has been changed.' },
      expired: {
        title: 'Link expired',
        text: 'This link has expired. Nothing has been changed. Please ask for a new email or contact your dealership.',
      },
    },
  },
} satisfies Record<Language, unknown>;

export type PageTexts = (typeof PAGE_TEXTS)['de'];

/** The browser's preferred language among ours (for pages before we know the customer). */
export function browserLanguage(request: FastifyRequest): Language {
  const header = String(request.headers['accept-language'] ?? '');
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'de';
}

/** The customer's own language (German when unknown or unsupported). */
export async function customerLanguage(prisma: PrismaClient, customerId: string, fallback: Language): Promise<Language> {
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { language: true } });
  return customer ? resolveLanguage(customer.language) : fallback;
}
