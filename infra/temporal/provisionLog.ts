import { componentLogger } from '../../config/logger';

/** Every line about which Temporal server binary we found, built or downloaded goes through this logger. */
export const provisionLog = componentLogger('temporal-provision');

export type ProvisionLog = Pick<typeof provisionLog, 'info' | 'warn' | 'error' | 'debug'>;
