import type { Logger } from 'pino';
import { z } from 'zod';
import type { JobRunner } from '../../jobs/job-runner.ts';
import type { Store, Tenant } from '../../storage/store.ts';
import type { ChannelConfig } from '../channel.ts';
import type { ChannelConfigStore } from '../channel-config-store.ts';
import type { ChannelInbox } from '../channel-inbox.ts';
import { WechatApiError, type WechatApi } from './wechat-api.ts';
import type { ChannelOutbox } from '../channel-outbox.ts';
import { WECHAT_PERMANENT_ERRORS } from './wechat-errors.ts';
import { credentialsOf } from './wechat-settings.ts';
import { placeholderText } from './wechat-inbound.ts';

export const WECOM_SYNC_JOB = 'channel.wecom_sync';

const syncAnswer = z.object({
  next_cursor: z.string().optional(),
  has_more: z.union([z.number(), z.boolean()]).optional(),
  msg_list: z.array(z.object({
    msgid: z.string(), open_kfid: z.string().optional(), external_userid: z.string().optional(), send_time: z.number().optional(), origin: z.number(), msgtype: z.string(),
    text: z.object({ content: z.string() }).optional(),
  }).loose()).default([]),
}).loose();

/** A `kf_msg_or_event` callback: the token that lets sync_msg read the new messages (valid 10 minutes) and the account. */
export interface WecomSyncEvent {
  token?: string;
  openKfId: string;
}

export interface WecomSync {
  /** Queues a pull for a callback (the callback is answered at once; the pull runs in `channel.wecom_sync`). */
  schedule(tenantId: string, event: WecomSyncEvent): Promise<void>;
  /** Pulls now; returns how many customer messages were handed to the inbox (new or not). */
  sync(tenant: Tenant, config: ChannelConfig, event: WecomSyncEvent): Promise<number>;
}

/**
 * Pulls the new messages of a WeCom customer-service account (`cgi-bin/kf/sync_msg`) from the stored cursor, page by
 * page, and stores customer messages (origin 3) in the inbox, which runs the bot from its own jobs. The cursor is saved
 * after every page, so a failure resumes where it stopped; a message seen twice is stored once (inbox key = msgid).
 * Pulls of one account run one at a time in this process so two callbacks do not read from the same cursor.
 */
export function createWecomSync(deps: { store: Store; configs: ChannelConfigStore; api: WechatApi; inbox: ChannelInbox; jobs: JobRunner; outbox?: Pick<ChannelOutbox, 'recordProblem'>; logger?: Logger }): WecomSync {
  const chains = new Map<string, Promise<unknown>>();
  function serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (chains.get(key) ?? Promise.resolve()).catch(() => {}).then(work);
    chains.set(key, next);
    void next.catch(() => {}).finally(() => chains.get(key) === next && chains.delete(key));
    return next;
  }

  async function pull(tenant: Tenant, config: ChannelConfig, event: WecomSyncEvent): Promise<number> {
    const credentials = credentialsOf(config);
    const cursorKey = `cursor:${event.openKfId}`;
    let cursor = (await deps.configs.readState(tenant.id, 'wecom', cursorKey)) ?? undefined;
    let received = 0;
    for (let page = 0; page < 20; page++) {
      const answer = syncAnswer.parse(await deps.api.call(credentials, '/cgi-bin/kf/sync_msg', { cursor, token: event.token, limit: 1000, voice_format: 0, open_kfid: event.openKfId }));
      for (const item of answer.msg_list) {
        if (item.origin !== 3 || !item.external_userid) continue;
        const text = item.msgtype === 'text' ? item.text?.content ?? '' : placeholderText(item.msgtype, tenant.settings.locale);
        await deps.inbox.accept(tenant, { channel: 'wecom', senderId: item.external_userid, text: text.trim().slice(0, 4000) || '…', messageId: item.msgid, meta: { openKfId: item.open_kfid ?? event.openKfId, msgType: item.msgtype } });
        received++;
      }
      if (answer.next_cursor) {
        cursor = answer.next_cursor;
        await deps.configs.writeState(tenant.id, 'wecom', cursorKey, cursor);
      }
      if (!answer.has_more) break;
    }
    return received;
  }

  const sync = (tenant: Tenant, config: ChannelConfig, event: WecomSyncEvent) => serialize(`${tenant.id}:${event.openKfId}`, () => pull(tenant, config, event));

  deps.jobs.register<{ tenantId: string } & WecomSyncEvent>(WECOM_SYNC_JOB, async (payload) => {
    const [tenant, config] = await Promise.all([deps.store.getTenant(payload.tenantId), deps.configs.get(payload.tenantId, 'wecom')]);
    if (!tenant || !config?.enabled) return;
    try {
      await sync(tenant, config, { token: payload.token, openKfId: payload.openKfId });
    } catch (error) {
      // No permission, IP not trusted, bad credentials: no retry helps; the admin shows what the account lacks.
      const permanent = error instanceof WechatApiError ? WECHAT_PERMANENT_ERRORS.get(error.errcode) : undefined;
      if (!permanent?.channelWide || !deps.outbox) throw error;
      await deps.outbox.recordProblem(tenant.id, 'wecom', { code: String((error as WechatApiError).errcode), outcome: permanent.outcome, message: (error as Error).message, hint: permanent.hint });
      deps.logger?.warn({ err: error, tenantId: tenant.id }, 'WeCom sync_msg refused for good');
    }
  });

  return {
    sync,
    async schedule(tenantId, event) {
      await deps.jobs.enqueue(WECOM_SYNC_JOB, { tenantId, ...event }, { attempts: 3, backoffMs: 2000 });
    },
  };
}
