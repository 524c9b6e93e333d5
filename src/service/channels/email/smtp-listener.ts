import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from 'pino';

/** An SMTP reply the listener should give: code plus enhanced status text (RFC 3463). */
export class SmtpRejection extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
    this.name = 'SmtpRejection';
  }
}

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** Largest message in bytes: advertised as SIZE, larger ones answered 552. */
  maxBytes: number;
  hostname: string;
  logger?: Logger;
  /** True when some tenant accepts mail for this address (RCPT TO); unknown ones get 550 5.1.1. */
  accepts(address: string): Promise<boolean>;
  /** Handles one message; resolves once it is stored (the 250 follows), throws {@link SmtpRejection} to refuse it. */
  deliver(raw: Buffer, recipients: string[], sender: string | null): Promise<void>;
}

export interface SmtpListener {
  /** The bound address (port 0 resolves to the chosen port). */
  address(): { host: string; port: number };
  close(): Promise<void>;
}

/**
 * The built-in inbound mail server: plain SMTP without AUTH (mail arrives from the internet or from a relay that
 * forwards the tenant's support address), recipients checked at RCPT time, a size cap, and a 250 only after the
 * message is stored — a failure answers 451 so that the sending server retries later instead of losing the email.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { logger } = options;
  const server = new SMTPServer({
    name: options.hostname,
    banner: 'Lingxi mail intake',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      options.accepts(address.address.toLowerCase()).then(
        (known) => callback(known ? null : new SmtpRejection(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        (error: unknown) => {
          logger?.error({ err: error }, 'smtp recipient lookup failed');
          callback(new SmtpRejection(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) return callback(new SmtpRejection(552, `5.3.4 message larger than ${options.maxBytes} bytes`));
        const recipients = session.envelope.rcptTo.map((entry) => entry.address.toLowerCase());
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() || null : null;
        options.deliver(Buffer.concat(chunks), recipients, sender).then(
          () => callback(null),
          (error: unknown) => {
            if (error instanceof SmtpRejection) return callback(error);
            logger?.error({ err: error }, 'smtp message could not be stored');
            callback(new SmtpRejection(451, '4.3.0 temporary failure, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => logger?.warn({ err: error }, 'smtp listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    address() {
      const bound = server.server.address() as AddressInfo;
      return { host: bound.address, port: bound.port };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
