import type { Command } from 'commander';
import { requireUuid, withDatabase, withTemporalClient } from './support/context';

export function registerLeadCommands(program: Command): void {
  const leads = program.command('leads').description('lead follow-up');
  leads
    .command('outcome')
    .description('log the outcome of a callback attempt (ends or continues the escalation)')
    .argument('<leadId>', 'the lead (UUID)')
    .argument('<outcome>', 'reached | appointment_booked | no_answer | not_interested | wrong_contact_data …')
    .option('--staff <id>', 'who called (UUID)')
    .option('--note <text>', 'a note for the history')
    .action(async (leadId: string, outcome: string, flags: { staff?: string; note?: string }) => {
      requireUuid(leadId, 'leadId');
      const { CALLBACK_OUTCOMES } =
        require('../../workflows/leadFollowUp/contract') as typeof import('../../workflows/leadFollowUp/contract');
      const { logCallbackOutcome } = require('../../leads/callbackOutcome') as typeof import('../../leads/callbackOutcome');
      if (!(CALLBACK_OUTCOMES as readonly string[]).includes(outcome))
        throw new Error(`outcome: "${outcome}" must be one of ${CALLBACK_OUTCOMES.join(', ')}`);
      if (flags.staff) requireUuid(flags.staff, '--staff');
      const logged = await withDatabase(({ prisma, settings }) =>
        withTemporalClient(
          settings,
          (client) =>
            logCallbackOutcome(
              { client, prisma },
              { leadId, outcome: outcome as (typeof CALLBACK_OUTCOMES)[number], staffId: flags.staff, note: flags.note },
            ),
          prisma,
        ),
      );
      if (logged.accepted) {
        const what = {
          completed: 'the lead is closed',
          retry: `next attempt due ${logged.retryAt}`,
          unreachable: 'that was the last attempt: the lead is closed as unreachable',
          late: 'recorded as a note (the lead was closing)',
        }[logged.result];
        process.stdout.write(`Outcome "${outcome}" accepted for lead ${leadId}: ${what}\n`);
      } else {
        process.stdout.write(
          `Outcome "${outcome}" NOT accepted for lead ${leadId} (${logged.reason}); recorded as a note in the customer's history\n`,
        );
      }
    });
}
