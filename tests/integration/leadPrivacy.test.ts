import type { temporal } from '@temporalio/proto';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { engineDataConverter } from '../support/engineHarness';
import { openLeadWorld, type LeadWorld } from '../support/leadScenario';

/**
 * Temporal keeps a lead workflow's whole history outside the dealer's database. Ottilie's request goes
 * through assignment, a reminder, an escalation with re-assignment, a 'no answer' with a note and a
 * 'reached': her name, email, phone, message and car, the note and the staff's names never appear in it.
 */
describe("a lead's follow-up carries no personal data through Temporal", () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  /**
   * Every payload of the history decrypted with the engine's codec (privacy/payloadCodec.ts) and read as text,
   * plus everything else the history holds (failure texts …).
   */
  async function historyText(events: temporal.api.history.v1.IHistoryEvent[]): Promise<string> {
    const [codec] = engineDataConverter(world.db.prisma).payloadCodecs ?? [];
    const texts: string[] = [];
    const walk = async (value: unknown): Promise<void> => {
      if (!value || typeof value !== 'object') return;
      if (value instanceof Uint8Array) return void texts.push(Buffer.from(value).toString('utf8'));
      if ('metadata' in value && 'data' in value) {
        const [decoded] = await codec.decode([value as never]);
        if (decoded?.data) texts.push(Buffer.from(decoded.data).toString('utf8'));
      }
      for (const child of Object.values(value)) await walk(child);
    };
    await walk(events);
    return `${texts.join('\n')}\n${JSON.stringify(events)}`;
  }

  it('no name, address, phone, message, note or staff name in any event of the history, nor in the state query', async () => {
    const tuesday = await world.nextWeekday(2);
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Privatsphaere', {
      customer: { firstName: 'Ottilie', lastName: 'Privatsphaere', email: 'ottilie.privat@example.de', phone: '+49 160 9876543' },
      message: 'Bitte nur abends anrufen, ich arbeite im Schichtdienst.',
      vehicleOfInterest: 'Cupra Born Tribe',
    });
    await world.waitForMailAbout('Privatsphaere', 1);
    await world.skipTo(`${tuesday}T13:30`); // reminder at 12:00, re-assignment and team lead at 13:00
    await world.waitForMailAbout('Privatsphaere', 4);
    const state = await world.leadState(lead.leadId);
    expect(Object.keys(state).sort()).toEqual([
      'assigneeId',
      'attempts',
      'dueAt',
      'escalationLevel',
      'leadId',
      'nextEscalationAt',
      'status',
    ]);

    const noAnswer = await world.logOutcome(
      lead.leadId,
      'no_answer',
      world.dealership.staff.colleague.id,
      'Mailbox, Ottilie will nach 18 Uhr zurückrufen',
    );
    expect(noAnswer.accepted).toBe(true);
    await world.logOutcome(lead.leadId, 'reached', world.dealership.staff.colleague.id, 'Probefahrt Samstag mit Ehemann Egon');
    await world.resultOf(lead.leadId);

    const notes = (await world.db.prisma.touchpoint.findMany({ where: { leadId: lead.leadId, kind: 'callback.outcome' } }))
      .map((t) => t.summary)
      .join(' ');
    expect(notes).toContain('Ottilie will nach 18 Uhr zurückrufen'); // the notes are in the dealer's database …

    const { events } = await world.env.client.workflow.getHandle(leadWorkflowId(lead.leadId)).fetchHistory();
    const text = await historyText(events ?? []);
    expect(text).toContain(lead.leadId); // … and the history holds ids
    for (const personal of [
      'Ottilie',
      'Privatsphaere',
      'ottilie.privat@example.de',
      '9876543',
      'Schichtdienst',
      'Cupra Born',
      'Egon',
      '18 Uhr',
      'Sabine',
      'Kraus',
      'Christian Wolf',
      'Tobias',
      'sabine@autohaus-berger.example',
    ]) {
      expect({ personal, found: text.includes(personal) }).toEqual({ personal, found: false });
    }
  });
});
