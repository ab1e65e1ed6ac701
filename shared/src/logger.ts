import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino); LOG_LEVEL=silent in tests. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL || 'info' });
}
