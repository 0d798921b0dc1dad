// Every workflow the worker runs. Workflow code is deterministic: no I/O, no wall clock, no Math.random.
export { campaignEnrollmentWorkflow } from './campaignEnrollment/workflow';
export { customerLifecycleWorkflow } from './customerLifecycle/workflow';
export { healthCheckWorkflow } from './healthCheck';
export { leadFollowUpWorkflow } from './leadFollowUp/workflow';
export { newsletterRunWorkflow } from './newsletterRun/workflow';
