import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ChannelServices, ServiceContext } from '../http/service-context.ts';
import type { Store } from '../storage/store.ts';
import type { ChannelKind, ChannelSender } from './channel.ts';

/** What a channel's sender may use: the store, the logger and the shared channel services (WeChat API client, fetch, clock). */
export interface ChannelModuleDeps {
  store: Store;
  logger: Logger;
  channels: ChannelServices;
}

/**
 * One channel, declared in its own folder (`channels/<kind>/<kind>-channel.ts`) and listed once in `channel-list.ts`:
 * create-service registers its sender and starts it, build-app registers its routes, the admin API validates its
 * settings and secrets and shows its inbound path. Adding a channel touches its folder, `CHANNEL_KINDS` and the list.
 */
export interface ChannelDefinition {
  kind: Exclude<ChannelKind, 'widget'>;
  /** Validate the merged settings / secrets before the admin API saves them (fields named in the 400 answer). */
  settings: z.ZodType;
  secrets: z.ZodType;
  /** Where the provider sends this tenant's customer messages (shown in GET /v1/agent/channels). */
  inboundPath(tenantId: string): string;
  /** The outbound side, registered with the outbox. */
  sender?(deps: ChannelModuleDeps): ChannelSender;
  /** Inbound HTTP routes (webhooks, callbacks). */
  routes?(app: FastifyInstance, context: ServiceContext): void;
  /** Long-lived resources (a listener, a poller), started after the service is assembled and closed on shutdown. */
  start?(context: ServiceContext): Promise<{ close(): Promise<void> }>;
}

/** Declares a channel (identity function: the type checks the declaration where it is written). */
export function defineChannel(definition: ChannelDefinition): ChannelDefinition {
  return definition;
}
