import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetIdentityHmac } from '../auth/widget-identity.ts';
import { loadServiceConfig } from '../config.ts';
import { createService, type Service } from '../create-service.ts';
import { createLogger } from '../observability/logger.ts';
import { createPgliteClient } from '../storage/pglite-client.ts';
import { createSqlStore } from '../storage/sql-store.ts';
import type { OtpDelivery } from './otp-sender.ts';

/**
 * Issue 20 item 3 through the service: with the tenant's "require verified identity", a phone number alone unlocks no
 * account data and no write; a one-time code (sent by the OTP sender, here captured) does; a shopper the widget HMAC
 * vouches for is not asked. Chinese and English.
 */
const TRACK = { phone: '13927585713', order: '#CN2611283086', customer: 'zhao_yuxuan_2637' };
const CANCEL = { phone: '18235816343', order: '#CN2611502925' };
const SHOPPER = 'yuan_ruoxi_1848';
const sent: OtpDelivery[] = [];
let service: Service;
const dataDir = mkdtempSync(join(tmpdir(), 'lingxi-identity-'));

beforeAll(async () => {
  const sql = await createPgliteClient();
  service = await createService(loadServiceConfig({ dataDir, demoPassword: 'demo-password-1' }, {}), {
    store: await createSqlStore('pglite', sql), sql, logger: createLogger('silent'), warmEngines: false, otpSender: { send: async (delivery) => void sent.push(delivery) },
  });
  const login = (await service.app.inject({ method: 'POST', url: '/v1/agent/login', payload: { email: 'admin@demo.lingxi.local', password: 'demo-password-1' } })).json();
  const headers = { authorization: `Bearer ${login.token}` };
  const { widgetKey: _key, widgetSecret: _secret, ...settings } = (await service.app.inject({ url: '/v1/agent/settings', headers })).json();
  const saved = await service.app.inject({ method: 'PUT', url: '/v1/agent/settings', headers, payload: { ...settings, requireVerifiedIdentity: true } });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(saved.json().requireVerifiedIdentity).toBe(true);
}, 120_000);
afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function chat(customerId: string, locale: 'zh' | 'en', hmac?: string) {
  const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: service.demo!.widgetKey, customerId, locale, ...(hmac ? { hmac } : {}) } })).json();
  let count = 0;
  const conversation = async () => (await service.context.store.getConversation(service.demo!.tenantId, session.conversationId))!;
  return {
    conversationId: session.conversationId as string,
    async say(text: string) {
      const response = await service.app.inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `${customerId}-${++count}`, text } });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().messages as Array<{ author: string; text: string }>).filter((message) => message.author !== 'customer').map((message) => message.text).join('\n');
    },
    conversation,
    lastCode: () => sent.filter((delivery) => delivery.conversationId === session.conversationId).at(-1)?.code,
  };
}

describe('require verified identity', () => {
  it('a phone number alone shows nothing; the one-time code unlocks the tracking (Chinese)', async () => {
    const zh = await chat('otp-zh', 'zh');
    await zh.say('我的快递到哪了');
    const challenged = await zh.say(TRACK.phone);
    expect(challenged).toContain('验证码');
    expect(challenged).not.toContain(TRACK.order);
    expect(challenged).not.toContain('身份已核实');
    expect((await zh.conversation()).engineState.customerId).toBeNull();
    const code = zh.lastCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(sent.at(-1)).toMatchObject({ tenantId: service.demo!.tenantId, backendCustomerId: TRACK.customer });
    // The code is never stored in the conversation's events or messages.
    const events = await service.context.store.listEvents(service.demo!.tenantId, zh.conversationId);
    expect(JSON.stringify(events)).not.toContain(code);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await zh.say(wrong)).toContain('验证码不正确');
    const unlocked = await zh.say(code!);
    expect(unlocked).toContain('验证成功');
    expect(unlocked).toContain(TRACK.order);
    expect((await zh.conversation()).engineState.customerId).toBe(TRACK.customer);
    const verified = (await service.context.store.listEvents(service.demo!.tenantId, zh.conversationId)).find((event) => event.type === 'customer.verified');
    expect(verified?.data).toMatchObject({ by: 'otp', backendCustomerId: TRACK.customer });
  });

  it('no write on a phone number alone, the code of another conversation does not work, the right one continues the cancellation (English)', async () => {
    const other = await chat('otp-other', 'en');
    await other.say('I want to cancel my order');
    await other.say(CANCEL.phone);
    const foreign = other.lastCode()!;
    const en = await chat('otp-en', 'en');
    await en.say('I want to cancel my order');
    const challenged = await en.say(CANCEL.phone);
    expect(challenged).toContain('6-digit code');
    expect(challenged).not.toContain(CANCEL.order);
    if (foreign !== en.lastCode()) expect(await en.say(foreign)).toContain("isn't right");
    const next = await en.say(en.lastCode()!);
    expect(next).toContain('you are verified');
    expect(next).toContain(CANCEL.order);
  });

  it('three wrong codes: a person takes over (Chinese)', async () => {
    const zh = await chat('otp-wrong', 'zh');
    await zh.say('我的快递到哪了');
    await zh.say(TRACK.phone);
    const code = zh.lastCode()!;
    const wrong = ['000000', '111111', '222222', '333333'].filter((candidate) => candidate !== code);
    await zh.say(wrong[0]);
    await zh.say(wrong[1]);
    expect(await zh.say(wrong[2])).toContain('人工客服');
    expect((await zh.conversation()).owner).toBe('queued');
    expect((await zh.conversation()).engineState.customerId).toBeNull();
  });

  it('a shopper the widget HMAC vouches for is not asked for a code', async () => {
    const tenant = (await service.context.store.getTenant(service.demo!.tenantId))!;
    const zh = await chat(SHOPPER, 'zh', widgetIdentityHmac(tenant.settings.widgetSecret, SHOPPER));
    const answer = await zh.say('我的订单到哪了');
    expect(answer).not.toContain('验证码');
    expect(answer).toContain('#CN2610960698');
  });
});
