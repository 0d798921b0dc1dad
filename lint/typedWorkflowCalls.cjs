'use strict';

/**
 * Outside workflows/, a workflow is started, signal-started or executed by name only with its function type
 * (`client.workflow.start<typeof leadFollowUpWorkflow>('leadFollowUpWorkflow', …)`), or through the typed client
 * modules (leads/leadFollowUpClient.ts, campaigns/enrollmentClient.ts, lifecycle/client.ts, newsletters/runs.ts,
 * engine/startWorkflowOnce.ts): a bare name would let unchecked `args` through.
 */
const untypedStart = {
  selector:
    "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(start|signalWithStart|execute)$/][callee.object.property.name='workflow'][arguments.0.type='Literal']:not([typeArguments])",
  message:
    "Workflow started by a bare name: its args go unchecked. Use the workflow's typed client module (e.g. leads/leadFollowUpClient.ts) or give the function type: start<typeof myWorkflow>('myWorkflow', …).",
};

const typedWorkflowCallsConfig = {
  files: ['**/*.ts'],
  ignores: ['workflows/**'],
  rules: { 'no-restricted-syntax': ['error', untypedStart] },
};

module.exports = { untypedStart, typedWorkflowCallsConfig };
