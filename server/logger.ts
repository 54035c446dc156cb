import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs on stderr, so stdout carries only the READY line that scripts and
 * tests wait for. LOG_LEVEL sets the level (info by default; `silent` in tests).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'oneteam-hub' } }, pino.destination(2));
}
