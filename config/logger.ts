import pino from 'pino';
import { settings } from './settings';

/** One structured logger for the engine; child loggers name their component. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? settings().LOG_LEVEL, base: undefined });

export function componentLogger(component: string) {
  return logger.child({ component });
}
