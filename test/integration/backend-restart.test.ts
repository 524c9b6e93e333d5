import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, recordsOf, startServe, widgetChat, type ServeProcess } from './serve-process.ts';

/**
 * Issue 20: what the bot does is durable. On the embedded database (PGlite data folder), the bot cancels an order and
 * books a repair (Chinese) and files a complaint (English); the server is SIGKILLed and started again on the same
 * folder; the order is still cancelled, the booking and the ticket exist, a new ticket gets a new id, and switching
 * the tenant's pack away and back loses nothing.
 */
const password = 'backend-restart-password-1';
const ORDER = '#CN2611502925';
const numberOf = (id: string | undefined) => id?.slice(3);

describe('durable pack backends across a SIGKILL restart (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-backend-restart-'));
  const env = { LINGXI_DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined, LINGXI_DEMO_PASSWORD: password, LINGXI_SECRET: 'backend-restart-secret-0123456789' };
  let node: ServeProcess | null = null;
  let widgetKey = '';

  beforeAll(async () => {
    node = await startServe('first', env);
    widgetKey = /Widget key\s+(\S+)/.exec(node.output())![1];
  }, 120_000);
  afterAll(async () => {
    await node?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a cancelled order, a booked repair and a complaint; new ids do not collide; a pack switch keeps them', async () => {
    const first = node!;
    const zh = await widgetChat(first.http, widgetKey, 'restart-zh', 'zh');
    await zh.say('取消订单');
    expect(await zh.say('18235816343')).toContain(ORDER);
    expect(await zh.say('下错单了')).toContain('确认');
    expect(await zh.say('确认')).toContain('已取消');
    await zh.say('我要预约上门维修');
    await zh.say('空气炸锅');
    expect(await zh.say('后天下午')).toContain('确认');
    const booked = await zh.say('确认');
    const repairId = /RP_[0-9A-Z]{6}/.exec(booked)?.[0];
    expect(repairId, booked).toBeTruthy();

    const en = await widgetChat(first.http, widgetKey, 'restart-en', 'en');
    await en.say('I want to file a complaint, the courier threw my parcel over the fence');
    await en.say('18625789071');
    const filed = await en.say('yes');
    const complaintId = /CP_[0-9A-Z]{6}/.exec(filed)?.[0];
    expect(complaintId, filed).toBeTruthy();

    // No goodbye: the process dies at once.
    await first.kill();
    node = await startServe('restarted', env);
    const restarted = node;
    expect(restarted.output()).not.toMatch(/First start/);
    const { token } = await call<{ token: string }>(restarted.http, 'POST', '/v1/agent/login', undefined, { email: 'admin@demo.lingxi.local', password });
    const zhRecords = await recordsOf(restarted.http, token, zh.conversationId);
    expect(zhRecords.find((record) => record.id === ORDER)?.status).toBe('cancelled');
    expect(zhRecords.find((record) => record.id === repairId)).toMatchObject({ kind: 'booking', status: 'scheduled' });
    expect((await recordsOf(restarted.http, token, en.conversationId)).find((record) => record.id === complaintId)).toMatchObject({ kind: 'ticket' });

    // The bot itself sees the cancellation: the same customer is not offered that order again.
    const zhAgain = await widgetChat(restarted.http, widgetKey, 'restart-zh-2', 'zh');
    await zhAgain.say('取消订单');
    expect(await zhAgain.say('18235816343')).not.toContain(ORDER);
    // A new complaint after the restart gets an id never handed out before.
    const enAgain = await widgetChat(restarted.http, widgetKey, 'restart-en-2', 'en');
    await enAgain.say('I want to complain, the parcel arrived crushed');
    await enAgain.say('18625789071');
    const second = /CP_[0-9A-Z]{6}/.exec(await enAgain.say('yes'))?.[0];
    expect(second).toBeTruthy();
    // Numbers, not whole ids: a counter that restarted would hand out RP_000001 / CP_000001 style numbers again.
    expect([complaintId, repairId].map(numberOf)).not.toContain(numberOf(second!));

    // Pack switch: logistics only (one turn there), then e-commerce again — the e-commerce backend is as the bot left it.
    const settings = await call<Record<string, unknown>>(restarted.http, 'GET', '/v1/agent/settings', token);
    const { widgetKey: _key, ...rest } = settings;
    await call(restarted.http, 'PUT', '/v1/agent/settings', token, { ...rest, packs: ['logistics'] });
    const parcel = await widgetChat(restarted.http, widgetKey, 'restart-parcel', 'zh');
    expect(await parcel.say('我的快递到哪了')).not.toBe('');
    await call(restarted.http, 'PUT', '/v1/agent/settings', token, { ...rest, packs: ['ecommerce'] });
    const back = await recordsOf(restarted.http, token, zh.conversationId);
    expect(back.find((record) => record.id === ORDER)?.status).toBe('cancelled');
    expect(back.find((record) => record.id === repairId)?.status).toBe('scheduled');
    const zhBack = await widgetChat(restarted.http, widgetKey, 'restart-zh-3', 'zh');
    await zhBack.say('取消订单');
    expect(await zhBack.say('18235816343')).not.toContain(ORDER);
  }, 240_000);
});
