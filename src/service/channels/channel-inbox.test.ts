import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessJobRunner } from '../jobs/in-process-job-runner.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import type { Store, Tenant } from '../storage/store.ts';
import { defaultTenantSettings } from '../demo-seed.ts';
import { eventually } from '../testing/eventually.ts';
import type { ChannelGateway, InboundMessage } from './channel.ts';
import { createChannelInbox } from './channel-inbox.ts';

let sql: SqlClient;
let store: Store;
let tenant: Tenant;
const runners: JobRunner[] = [];
const message = (messageId: string, text = '我的订单到哪了'): InboundMessage => ({ channel: 'wechat', senderId: 'openid-1', text, messageId });

/** A gateway that records what it receives and fails while `failures` is positive. */
function recordingGateway(failures = 0) {
  const received: InboundMessage[] = [];
  let left = failures;
  const gateway: ChannelGateway = {
    async receive(_tenant, inbound) {
      if (left-- > 0) throw new Error('engine unavailable');
      received.push(inbound);
      return { duplicate: false, replies: [] } as never;
    },
  };
  return { gateway, received };
}
const inboxWith = (gateway: ChannelGateway, attempts = 3) => {
  const jobs = createInProcessJobRunner();
  runners.push(jobs);
  return createChannelInbox({ sql, store, jobs, gateway, attempts, backoffMs: 5 });
};

beforeAll(async () => {
  sql = await createPgliteClient();
  store = await createSqlStore('pglite', sql);
  tenant = await store.createTenant({ id: 'ten_inbox', name: 'Shop', widgetKey: 'wk_inbox', settings: defaultTenantSettings() });
});
afterAll(async () => store.close());
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close(100);
});

describe('channel inbox', () => {
  it('stores a message once per platform id and hands it to the gateway once (English and Chinese text)', async () => {
    const { gateway, received } = recordingGateway();
    const inbox = inboxWith(gateway);
    expect(await inbox.accept(tenant, message('m-1'))).toEqual({ accepted: true });
    expect(await inbox.accept(tenant, message('m-1'))).toEqual({ accepted: false });
    expect(await inbox.accept(tenant, message('m-2', 'where is my order'))).toEqual({ accepted: true });
    await eventually(async () => expect((await inbox.get(tenant.id, 'wechat', 'm-2'))?.status).toBe('done'));
    await eventually(async () => expect((await inbox.get(tenant.id, 'wechat', 'm-1'))?.status).toBe('done'));
    expect(received.map((entry) => [entry.messageId, entry.text]).sort()).toEqual([['m-1', '我的订单到哪了'], ['m-2', 'where is my order']]);
  });

  it('puts a failed attempt back for the retry and marks the last failure', async () => {
    const flaky = recordingGateway(1);
    const inbox = inboxWith(flaky.gateway);
    await inbox.accept(tenant, message('m-flaky'));
    await eventually(async () => expect(await inbox.get(tenant.id, 'wechat', 'm-flaky')).toMatchObject({ status: 'done', attempts: 2, error: null }));
    expect(flaky.received.map((entry) => entry.messageId)).toEqual(['m-flaky']);

    const broken = recordingGateway(10);
    const failing = inboxWith(broken.gateway, 2);
    await failing.accept(tenant, message('m-broken'));
    await eventually(async () => expect(await failing.get(tenant.id, 'wechat', 'm-broken')).toMatchObject({ status: 'failed', attempts: 2, error: 'engine unavailable' }));
  });

  it('recovers what a restart left: pending rows and stale processing rows are queued again', async () => {
    await sql.query(`INSERT INTO channel_inbox (tenant_id, kind, message_id, message, status) VALUES ($1, 'wechat', 'm-left', $2, 'pending'), ($1, 'wechat', 'm-stuck', $3, 'processing')`,
      [tenant.id, JSON.stringify(message('m-left')), JSON.stringify(message('m-stuck'))]);
    await sql.query(`UPDATE channel_inbox SET updated_at = now() - interval '10 minutes' WHERE message_id = 'm-stuck'`);
    const { gateway, received } = recordingGateway();
    const inbox = inboxWith(gateway);
    expect(await inbox.recover()).toBe(2);
    await eventually(() => expect(received.map((entry) => entry.messageId).sort()).toEqual(['m-left', 'm-stuck']));
    expect(await inbox.recover()).toBe(0);
  });
});
