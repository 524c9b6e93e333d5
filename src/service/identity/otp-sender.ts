import type { Logger } from 'pino';

/** What a code is sent for: the business's customer (the sender looks up their phone or e-mail) in one conversation. */
export interface OtpDelivery {
  tenantId: string;
  conversationId: string;
  backendCustomerId: string;
  code: string;
}

/** Delivers one-time codes (SMS, e-mail …). A real deployment implements it with its SMS or mail provider. */
export interface OtpSender {
  send(delivery: OtpDelivery): Promise<void>;
}

/**
 * The demo sender: writes the code to the service log (info level) instead of texting it. For development and demos
 * only — anyone who reads the log can verify as the customer; production configures a real sender.
 */
export function createLogOtpSender(logger: Pick<Logger, 'info'>): OtpSender {
  return {
    async send(delivery) {
      logger.info({ tenantId: delivery.tenantId, conversationId: delivery.conversationId, backendCustomerId: delivery.backendCustomerId, code: delivery.code }, 'one-time code (log sender: a real deployment texts or e-mails it)');
    },
  };
}
