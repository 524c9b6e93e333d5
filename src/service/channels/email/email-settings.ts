import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { ChannelConfig } from '../channel.ts';

const address = z.string().trim().toLowerCase().pipe(z.email('must be an email address like support@shop.example'));

/**
 * A tenant's email channel settings (channel_configs.settings of kind 'email'). The SMTP password is a secret
 * (`secrets.smtpPassword`), stored sealed and never returned.
 */
export const emailSettingsSchema = z.object({
  /** Addresses the built-in SMTP listener accepts mail for, for this tenant (e.g. support@shop.example). */
  inboundAddresses: z.array(address).min(1, 'list at least one inbound address').max(20),
  /** From address of replies; default: the first inbound address. */
  fromAddress: address.optional(),
  /** Display name of replies; default: the tenant's persona name. */
  fromName: z.string().trim().max(100).optional(),
  /** Subject used when the customer's email had none. */
  defaultSubject: z.object({ zh: z.string().default('您的咨询'), en: z.string().default('Your enquiry') }).prefault({}),
  /** Attachments kept per mail: at most `maxCount` files of at most `maxBytes` each; others are listed, not stored. */
  attachments: z.object({
    maxBytes: z.coerce.number().int().min(0).max(25 * 1024 * 1024).default(5 * 1024 * 1024),
    maxCount: z.coerce.number().int().min(0).max(50).default(10),
  }).prefault({}),
  /** Outbound SMTP server (the tenant's own mail provider or relay). */
  smtp: z.object({
    host: z.string().trim().min(1),
    port: z.coerce.number().int().min(1).max(65535).default(587),
    /** true = TLS from the start (port 465); false = STARTTLS when offered. */
    secure: z.boolean().default(false),
    user: z.string().optional(),
    /** Reject self-signed certificates (keep true outside tests). */
    rejectUnauthorized: z.boolean().default(true),
  }).optional(),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

/** Secrets of the email channel: the outbound SMTP password. */
export const emailSecretsSchema = z.object({ smtpPassword: z.string().min(1).max(1024).optional() });

/** The parsed settings of an email channel config; a bad config fails naming the field to fix. */
export function emailSettingsOf(config: Pick<ChannelConfig, 'settings' | 'tenantId'>): EmailSettings {
  const parsed = emailSettingsSchema.safeParse(config.settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new LingxiError('validation_failed', `Email channel settings of tenant ${config.tenantId} are invalid: ${problems}`);
  }
  return parsed.data;
}

/** Server-wide SMTP listener options (not per tenant: one port serves every tenant's inbound addresses). */
export const emailListenerSchema = z.object({
  /** Port of the built-in SMTP listener; unset = no listener (env LINGXI_SMTP_PORT). */
  smtpPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface to bind (env LINGXI_SMTP_HOST). */
  smtpHost: z.string().min(1).default('0.0.0.0'),
  /** Largest message accepted, in bytes; larger ones are refused with 552 (env LINGXI_SMTP_MAX_BYTES). */
  smtpMaxBytes: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Name in the greeting banner (env LINGXI_SMTP_HOSTNAME). */
  smtpHostname: z.string().min(1).default('lingxi.local'),
});
export type EmailListenerOptions = z.infer<typeof emailListenerSchema>;

/** Listener options: explicit option > environment variable > default (house style §8). */
export function loadEmailListenerOptions(options: Partial<EmailListenerOptions> = {}, env: Record<string, string | undefined> = process.env): EmailListenerOptions {
  const fromEnv = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = emailListenerSchema.safeParse({
    smtpPort: options.smtpPort ?? fromEnv('LINGXI_SMTP_PORT'),
    smtpHost: options.smtpHost ?? fromEnv('LINGXI_SMTP_HOST'),
    smtpMaxBytes: options.smtpMaxBytes ?? fromEnv('LINGXI_SMTP_MAX_BYTES'),
    smtpHostname: options.smtpHostname ?? fromEnv('LINGXI_SMTP_HOSTNAME'),
  });
  if (!parsed.success) {
    const names: Record<string, string> = { smtpPort: 'LINGXI_SMTP_PORT', smtpHost: 'LINGXI_SMTP_HOST', smtpMaxBytes: 'LINGXI_SMTP_MAX_BYTES', smtpHostname: 'LINGXI_SMTP_HOSTNAME' };
    throw new LingxiError('validation_failed', `Invalid SMTP listener configuration: ${parsed.error.issues.map((issue) => `${names[String(issue.path[0])]}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
