import pino, { type Logger } from 'pino';
import { maskPiiDeep } from './mask-pii.ts';

/** pino logger whose every argument passes through the PII mask; `destination` lets tests capture lines. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'lingxi' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'password', '*.password', 'secret', '*.secret'], censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((argument) => maskPiiDeep(argument)) as Parameters<typeof method>);
      },
    },
  }, destination);
}
