// Every workflow the worker runs. Workflow code is deterministic: no I/O, no wall clock, no Math.random.
export { campaignEnrollmentWorkflow } from './campaignEnrollment/workflow';
export { healthCheckWorkflow } from './healthCheck';
