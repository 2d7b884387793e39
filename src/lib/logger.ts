import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** The one logger; fields that may carry secrets are redacted before anything is written. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'password',
        '*.password',
        'secret',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
