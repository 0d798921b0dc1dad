import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// The same rule block eslint.config.mjs applies to workflows/ (CommonJS, so jest and ESLint load the one file).
const { ROOT, workflowSandboxConfig, pureModulesConfig } = require('../../lint/workflowSandbox.cjs');

// The rule block eslint.config.mjs applies outside workflows/: no workflow started by a bare name.
const { typedWorkflowCallsConfig } = require('../../lint/typedWorkflowCalls.cjs');

/** A maintainer adds code; the lint step (run by `npm test` before jest) says what is wrong with it. */
const linterFor =
  (rules: Linter.Config) =>
  (relativePath: string, code: string): string[] => {
    const linter = new Linter({ cwd: ROOT });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } }, rules];
    return linter.verify(code, config, { filename: path.join(ROOT, relativePath) }).map((m) => `${m.line}: ${m.message}`);
  };
const lintWorkflowFile = linterFor(workflowSandboxConfig);
const lintPureModule = linterFor(pureModulesConfig);
const lintClientFile = linterFor(typedWorkflowCallsConfig);

describe('the lint rules for workflow code', () => {
  it('reject activities, Prisma, mail and other I/O imported as values into a workflow', () => {
    const problems = lintWorkflowFile(
      'workflows/leadFollowUp/shortcut.ts',
      [
        "import { createActivities } from '../../activities';",
        "import { PrismaClient } from '../../db/generated/client';",
        "import nodemailer from 'nodemailer';",
        "export { sendMail } from '../../mail/transport';",
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: '\.\.\/\.\.\/activities' is imported as a value into workflow code/),
      expect.stringMatching(/^2: '\.\.\/\.\.\/db\/generated\/client' is imported as a value/),
      expect.stringMatching(/^3: 'nodemailer' is imported as a value/),
      expect.stringMatching(/^4: '\.\.\/\.\.\/mail\/transport' is imported as a value/),
    ]);
  });

  it('reject Node built-ins, even as types', () => {
    const problems = lintWorkflowFile(
      'workflows/campaignEnrollment/steps/peek.ts',
      "import fs from 'node:fs';\nimport type { Socket } from 'net';\nconst os = require('os');",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: Node built-in 'node:fs' in workflow code/),
      expect.stringMatching(/^2: Node built-in 'net' in workflow code/),
      expect.stringMatching(/^3: Node built-in 'os' in workflow code/),
    ]);
  });

  it('reject the wall clock and Math.random', () => {
    const problems = lintWorkflowFile(
      'workflows/customerLifecycle/jitter.ts',
      'export const a = Date.now();\nexport const b = new Date();\nexport const c = Math.random();\nexport const d = new Date(0);',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: Date\.now\(\) in workflow code/),
      expect.stringMatching(/^2: new Date\(\) in workflow code/),
      expect.stringMatching(/^3: Math\.random\(\) in workflow code/),
    ]);
  });

  it('allow types from anywhere, other workflow code, the workflow SDK, luxon and the pure allow-list', () => {
    const problems = lintWorkflowFile(
      'workflows/leadFollowUp/fine.ts',
      [
        "import type { Activities } from '../../activities';",
        "import { type PrismaClient } from '../../db/generated/client';",
        "import { proxyActivities, sleep } from '@temporalio/workflow';",
        "import { DateTime } from 'luxon';",
        "import { addBusinessDuration } from '../../time/businessClock';",
        "import { huDueMonth } from '../../vehicles/dueDates';",
        "import { forEachStep } from '../../campaigns/dsl/stepTree';",
        "import { workflowNow } from '../shared/clock';",
        "import { ladderFor } from './ladder';",
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });

  it('reject the validating modules beside the pure ones: they bring zod into every workflow run', () => {
    const problems = lintWorkflowFile(
      'workflows/leadFollowUp/strict.ts',
      [
        "import { addBusinessDuration } from '../../time/businessTime';",
        "import { conditionSchema } from '../../campaigns/dsl/conditions';",
        "import { z } from 'zod';",
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: '\.\.\/\.\.\/time\/businessTime' is imported as a value/),
      expect.stringMatching(/^2: '\.\.\/\.\.\/campaigns\/dsl\/conditions' is imported as a value/),
      expect.stringMatching(/^3: 'zod' is imported as a value/),
    ]);
  });

  it('hold the pure modules workflows run to the same rules, so a library cannot come in through them', () => {
    const problems = lintPureModule(
      'time/businessClock.ts',
      [
        "import Holidays from 'date-holidays';",
        "import { parseOrThrow } from './validation';",
        "import type { z } from 'zod';",
        "import { localDateTime } from './instant';",
        'export const today = new Date();',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: 'date-holidays' is imported as a value/),
      expect.stringMatching(/^2: '\.\/validation' is imported as a value/),
      expect.stringMatching(/^5: new Date\(\) in workflow code/),
    ]);
  });

  it('leave code outside workflows/ alone', () => {
    expect(lintWorkflowFile('activities/leads/fine.ts', "import fs from 'node:fs';\nexport const t = Date.now();")).toEqual([]);
  });
});

describe('the lint rule for starting workflows', () => {
  it('rejects a start, signal-with-start or execute by a bare name, whose args nobody checks', () => {
    const problems = lintClientFile(
      'leads/shortcut.ts',
      [
        "await client.workflow.start('leadFollowUpWorkflow', { taskQueue, workflowId: `lead-${id}`, args: [{ lead: id }] });",
        "await deps.client.workflow.signalWithStart('customerLifecycleWorkflow', { taskQueue, workflowId, signal, args: [] });",
        "await env.client.workflow.execute('healthCheckWorkflow', { taskQueue, workflowId, args: [1] });",
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^1: Workflow started by a bare name/),
      expect.stringMatching(/^2: Workflow started by a bare name/),
      expect.stringMatching(/^3: Workflow started by a bare name/),
    ]);
  });

  it('allows a name with the workflow function type, a workflow function, and other start() calls', () => {
    const problems = lintClientFile(
      'engine/fine.ts',
      [
        "await client.workflow.execute<typeof healthCheckWorkflow>('healthCheckWorkflow', { taskQueue, workflowId, args: ['x'] });",
        'await client.workflow.start(sleepForDays, { taskQueue, workflowId, args: [30] });',
        "await server.start('now');",
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});
