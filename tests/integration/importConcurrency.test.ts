import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDmsFile, ROW_BATCH, type ImportedChange } from '../../import/importDmsFile';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDealership, type Dealership } from '../support/dealership';
import { eventually } from '../support/eventually';

/**
 * Autohaus Berger imports its DMS export while Temporal answers slowly and not in the order it was asked. The
 * import keeps many lifecycle events under way at once, but each customer's events arrive in file order, the
 * report names exactly the lines that did not reach their lifecycle, and the file is read no faster than the
 * lifecycles take their events.
 */
const vin = (n: number) => `WVWZZZ1JZXW${String(n).padStart(6, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in for Temporal's signal-with-start: records when each event started and finished arriving. */
function slowLifecycle(delayOf: (change: ImportedChange) => number, fails?: (change: ImportedChange) => boolean) {
  const log: Array<{ at: 'start' | 'end'; change: ImportedChange }> = [];
  const enroll = async (change: ImportedChange) => {
    log.push({ at: 'start', change });
    try {
      await sleep(delayOf(change));
      if (fails?.(change)) throw new Error('14 UNAVAILABLE: Temporal did not answer');
    } finally {
      log.push({ at: 'end', change });
    }
  };
  return { enroll, log };
}

describe('a DMS import that starts lifecycles concurrently', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dms-concurrency-'));
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
    return file;
  };
  const importFile = (file: string, kind: 'customers' | 'vehicles', extra: Partial<Parameters<typeof importDmsFile>[1]> = {}) =>
    importDmsFile(db.prisma, { file, kind, dealerId: dealership.dealer.id, ...extra });
  const customerId = async (number: string) =>
    (
      await db.prisma.customer.findUniqueOrThrow({
        where: { dealerId_externalDmsId: { dealerId: dealership.dealer.id, externalDmsId: number } },
      })
    ).id;

  it("delivers the family fleet's three cars to the Hubers' lifecycle in file order while other customers' events overtake", async () => {
    const customers = write('kunden.csv', [
      'Kundennummer;Nachname;E-Mail',
      '40001;Huber;huber@example.de',
      '40002;Lang;lang@example.de',
      '40003;Wolf;wolf@example.de',
    ]);
    await importFile(customers, 'customers');
    const vehicles = write('fahrzeuge.csv', [
      'Kundennummer;FIN;Marke;Modell;Auslieferung',
      `40001;${vin(1)};Volkswagen;Golf;01.03.2024`,
      `40002;${vin(2)};BMW;320d;02.03.2024`,
      `40001;${vin(3)};Volkswagen;Tiguan;03.03.2024`,
      `40003;${vin(4)};Audi;A4;04.03.2024`,
      `40001;${vin(5)};Volkswagen;ID.3;05.03.2024`,
    ]);
    const hubers = await customerId('40001');
    // Temporal answers the Hubers' first car only after the Langs' and the Wolfs' cars (at the latest after 2 min, and
    // then the test fails): one event at a time would never get there, and unchained their later cars would overtake.
    let othersDone = 0;
    let openGate = () => {};
    let fallback: NodeJS.Timeout | undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
      fallback = setTimeout(resolve, 120_000);
    });
    const lifecycle = slowLifecycle((change) => (change.kind === 'vehicle_delivered' && change.deliveredAt === '2024-03-03' ? 100 : 0));
    const enroll = async (change: ImportedChange) => {
      if (change.customerId === hubers && change.kind === 'vehicle_delivered' && change.deliveredAt === '2024-03-01') await gate;
      await lifecycle.enroll(change);
      if (change.customerId !== hubers && ++othersDone === 2) openGate();
    };

    const report = await importFile(vehicles, 'vehicles', { enroll });
    clearTimeout(fallback);

    expect(report).toMatchObject({ rows: 5, created: 5, enrolled: 5, notEnrolled: [], rejected: [] });
    const hubersEvents = lifecycle.log.filter((e) => e.change.customerId === hubers);
    expect(hubersEvents.map((e) => `${e.at} ${(e.change as { deliveredAt: string }).deliveredAt}`)).toEqual([
      'start 2024-03-01',
      'end 2024-03-01',
      'start 2024-03-03',
      'end 2024-03-03',
      'start 2024-03-05',
      'end 2024-03-05',
    ]);
    // The other customers did not wait for the Hubers: both their cars had arrived before the Hubers' first one.
    const firstHuberStart = lifecycle.log.findIndex((e) => e.change.customerId === hubers);
    expect(lifecycle.log.slice(0, firstHuberStart).filter((e) => e.at === 'end')).toHaveLength(2);
  });

  it('reports exactly the line whose lifecycle did not answer, holds back that customer’s later car, and sends both on --enroll-all', async () => {
    const customers = write('kunden-2.csv', [
      'Kundennummer;Nachname;E-Mail',
      '41001;Kraus;kraus@example.de',
      '41002;Maier;maier@example.de',
      '41003;Berger;berger@example.de',
      '41004;Schmid;schmid@example.de',
    ]);
    const maier = await (async () => {
      const unreachable = new Set<string>();
      const lifecycle = slowLifecycle(
        () => 5,
        (change) => unreachable.has(change.customerId),
      );
      // The customer on line 3 is created by this import; her lifecycle is the one that does not answer.
      const report = await importFile(customers, 'customers', {
        enroll: async (change) => {
          if (change.kind === 'customer_data_changed' && change.changes.lastName === 'Maier') unreachable.add(change.customerId);
          return lifecycle.enroll(change);
        },
      });
      expect(report).toMatchObject({ rows: 4, created: 4, enrolled: 3 });
      expect(report.notEnrolled).toEqual([{ line: 3, reason: 'customer_data_changed: 14 UNAVAILABLE: Temporal did not answer' }]);
      return customerId('41002');
    })();

    const vehicles = write('fahrzeuge-2.csv', [
      'Kundennummer;FIN;Marke;Modell;Auslieferung',
      `41002;${vin(11)};Skoda;Octavia;01.04.2024`,
      `41001;${vin(12)};Skoda;Fabia;02.04.2024`,
      `41002;${vin(13)};Skoda;Kodiaq;03.04.2024`,
      `41004;${vin(14)};Skoda;Superb;04.04.2024`,
    ]);
    const failing = slowLifecycle(
      () => 5,
      (change) => change.customerId === maier && change.kind === 'vehicle_delivered' && change.deliveredAt === '2024-04-01',
    );
    const report = await importFile(vehicles, 'vehicles', { enroll: failing.enroll });
    expect(report).toMatchObject({ rows: 4, created: 4, enrolled: 2 });
    expect(report.notEnrolled).toEqual([
      { line: 2, reason: 'vehicle_delivered: 14 UNAVAILABLE: Temporal did not answer' },
      { line: 4, reason: 'vehicle_delivered: not sent, because line 2 of the same customer was not enrolled' },
    ]);
    // Her Kodiaq never reached the lifecycle ahead of the Octavia.
    expect(failing.log.filter((e) => e.change.customerId === maier && e.at === 'start')).toHaveLength(1);

    // Once Temporal answers again, the re-run sends every delivery, hers in file order (the workflow ignores duplicates).
    const healthy = slowLifecycle(() => 5);
    const retry = await importFile(vehicles, 'vehicles', { enroll: healthy.enroll, enrollUnchanged: true });
    expect(retry).toMatchObject({ unchanged: 4, enrolled: 4, notEnrolled: [] });
    const hers = healthy.log.filter((e) => e.change.customerId === maier && e.at === 'start');
    expect(hers.map((e) => (e.change as { deliveredAt: string }).deliveredAt)).toEqual(['2024-04-01', '2024-04-03']);
  });

  it('reads no further ahead than the enrollment window while the lifecycles are busy, and returns only once all have answered', async () => {
    const lines = ['Kundennummer;Nachname'];
    for (let n = 1; n <= 3 * ROW_BATCH; n++) lines.push(`${42000 + n};Kunde ${n}`);
    const file = write('kunden-3.csv', lines);
    const waiting: Array<() => void> = [];
    let rowsRead = 0;
    let returned = false;
    const running = importFile(file, 'customers', {
      enrollConcurrency: 4,
      enroll: () => new Promise<void>((resolve) => waiting.push(resolve)),
      progress: { update: (_bytes, rows) => void (rowsRead = rows), done() {} },
    }).then((report) => ((returned = true), report));

    // Four events are under way and none has answered: the import has read its first batch of rows, upserted the
    // fifth and waits for a free slot before it reads on.
    while (waiting.length < 4) await sleep(10);
    await eventually(
      'the fifth row upserted',
      async () => (await db.prisma.customer.count({ where: { externalDmsId: { startsWith: '42' } } })) === 5,
    );
    expect(waiting).toHaveLength(4);
    expect(rowsRead).toBe(ROW_BATCH);
    expect(await db.prisma.customer.count({ where: { externalDmsId: { startsWith: '42' } } })).toBe(5);
    expect(returned).toBe(false);

    // Answer every event as it comes; the last ones are still under way when the file is read to the end.
    while (!returned) {
      for (const answer of waiting.splice(0)) answer();
      await sleep(5);
    }
    const report = await running;
    expect(report).toMatchObject({ rows: 3 * ROW_BATCH, created: 3 * ROW_BATCH, enrolled: 3 * ROW_BATCH, notEnrolled: [] });
  });
});
