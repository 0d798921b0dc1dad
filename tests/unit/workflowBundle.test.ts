import { bundleWorkflows } from '../../worker/workflowBundle';

// The pure modules lint/workflowSandbox.cjs lets workflow code run (CommonJS, shared with eslint.config.mjs).
const { PURE_MODULES } = require('../../lint/workflowSandbox.cjs') as { PURE_MODULES: string[] };

/**
 * What every workflow run costs the worker: Temporal's sandbox evaluates each module of the workflow bundle again for
 * every new run. When zod and date-holidays (with moment-timezone's zone table) came in through the business calendar
 * and the DSL's schemas, that was 40 % of the worker's CPU in a campaign simulation, and the bundle was 10.7 MB.
 */
describe('the workflow bundle a worker loads', () => {
  let code: string;
  beforeAll(async () => {
    code = (await bundleWorkflows()).code;
  }, 120_000);

  const projectModules = () => [...new Set([...code.matchAll(/"\.\/((?!node_modules)[\w/.-]+)\.ts"/g)].map((m) => m[1]!))].sort();
  const packages = () => [...new Set([...code.matchAll(/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//g)].map((m) => m[1]!))].sort();

  it('holds the workflows and only the pure modules the lint rule allows them', () => {
    const outsideWorkflows = projectModules().filter((m) => !m.startsWith('workflows/'));
    expect(outsideWorkflows).toEqual([...PURE_MODULES].sort());
  });

  it('brings no library but the workflow SDK and luxon: no zod, no holiday data', () => {
    expect(packages()).toEqual(['@temporalio/common', '@temporalio/workflow', 'long', 'luxon', 'ms', 'nexus-rpc']);
    expect(code.length).toBeLessThan(4_000_000);
  });
});
