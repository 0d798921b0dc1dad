import fs from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { seededChance } from '../../simulation/chance';
import { drawCustomer } from '../../simulation/population';

/**
 * The dealer group's DMS export as the importer reads it (import/headerMapping.ts): a customer file and a vehicle file,
 * ";"-separated, German dates. Every customer and car is drawn by simulation/population.ts's drawCustomer, so the
 * distributions (delivery age, new/used, running leases, last service, HU, consent 60/25/15 %) are the simulation's.
 * "Filiale" names the location ("Standort 1" …, as simulation/population.ts names them), which the import puts on the customer.
 */
export type DealerGroupFiles = { customers: string; vehicles: string; rows: number };

const date = (d: DateTime) => d.toFormat('dd.MM.yyyy');
const CONSENT = { existing_customer: 'Bestandskunde', double_opt_in: 'ja', none: 'nein' } as const;

/** 17 characters without I, O, Q: "WSKBENCH" and the zero-padded running number. */
const vinOf = (n: number) => `WSKBENCH${String(n + 1).padStart(9, '0')}`;

export function writeDealerGroupCsv(dir: string, options: { seed: string; customers: number; locations: number; today: DateTime }) {
  const chance = seededChance(`${options.seed}/population`);
  const customers = ['Kundennummer;Anrede;Vorname;Nachname;E-Mail;Sprache;Einwilligung;Einwilligungsdatum;Kunde seit;Filiale'];
  const vehicles = [
    'Kundennummer;Fahrzeugnummer;FIN;Kennzeichen;Marke;Modell;Erstzulassung;Auslieferung;Letzter Service;Letzte HU;Leasingende',
  ];
  for (let n = 0; n < options.customers; n++) {
    const c = drawCustomer(chance, n, options.locations, options.today);
    const number = `K${n + 1}`;
    customers.push(
      [
        number,
        c.salutation === 'mr' ? 'Herr' : 'Frau',
        'Kunde',
        `Nr. ${n + 1}`,
        c.hasEmail ? `kunde${n + 1}@dealer-group.example` : '',
        c.language,
        CONSENT[c.basis],
        c.basis === 'double_opt_in' ? date(c.delivered) : '',
        date(c.delivered),
        `Standort ${c.location + 1}`,
      ].join(';'),
    );
    vehicles.push(
      [
        number,
        `F${n + 1}`,
        vinOf(n),
        `RO-B ${(n % 9999) + 1}`,
        c.make,
        c.model,
        date(c.firstRegistration),
        date(c.delivered),
        date(c.lastService),
        c.lastHu ? c.lastHu.toFormat('MM/yyyy') : '',
        c.leased ? date(c.delivered.plus({ months: c.leaseMonths })) : '',
      ].join(';'),
    );
  }
  const files = { customers: path.join(dir, 'kunden.csv'), vehicles: path.join(dir, 'fahrzeuge.csv'), rows: options.customers };
  fs.writeFileSync(files.customers, customers.join('\r\n') + '\r\n');
  fs.writeFileSync(files.vehicles, vehicles.join('\r\n') + '\r\n');
  return files;
}
