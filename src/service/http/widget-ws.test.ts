import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient, type TestFrame } from '../testing/ws-test-client.ts';

let t: TestService;
let base: string;
beforeAll(async () => {
  t = await createTestService();
  const address = await t.service.app.listen({ port: 0, host: '127.0.0.1' });
  base = address.replace(/^http/, 'ws');
});
afterAll(async () => t.close());

const agent = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, role: 'agent' | 'supervisor' = 'agent') =>
  t.service.app.inject({ method, url, headers: { authorization: `Bearer ${t.a.tokens[role]}` }, payload });
const messages = (frames: TestFrame[]) => frames.filter((f) => f.type === 'message').map((f) => f.message);

describe('widget WebSocket', () => {
  it('greets, acks after commit and then delivers the bot reply', async () => {
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-user-1' });
    const welcome = await client.waitFor((f) => f.type === 'welcome');
    expect(welcome).toMatchObject({ customerId: 'ws-user-1', owner: 'bot', created: true });
    await client.waitFor((f) => f.type === 'message' && f.message.seq === 1);
    const before = client.frames.length;
    client.send({ type: 'message', clientId: 'm1', text: 'where is my order' });
    const reply = await client.waitFor((f) => f.type === 'message' && f.message.author === 'bot' && f.message.seq === 3);
    const after = client.frames.slice(before).map((f) => f.type === 'message' ? `message:${f.message.seq}` : f.type);
    expect(after.indexOf('ack')).toBeLessThan(after.indexOf('message:2'));
    expect(after).toContain('message:3');
    expect(client.frames.find((f) => f.type === 'ack')).toEqual({ type: 'ack', clientId: 'm1', seq: 2, duplicate: false });
    expect(reply.message.payload).toMatchObject({ intent: 'order_status', awaiting: 'order_id' });
    client.close();
  });

  it('escalates to a human, keeps the bot silent while the agent owns it, and hands back', async () => {
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-user-2' });
    const { conversationId } = await client.waitFor((f) => f.type === 'welcome');
    client.send({ type: 'message', clientId: 'h1', text: '我要转人工' });
    await client.waitFor((f) => f.type === 'conversation' && f.owner === 'queued');
    const queue = (await agent('GET', '/v1/agent/conversations?queue=unassigned')).json();
    expect(queue.conversations.map((c: { id: string }) => c.id)).toContain(conversationId);

    expect((await agent('POST', `/v1/agent/conversations/${conversationId}/take-over`)).statusCode).toBe(200);
    await client.waitFor((f) => f.type === 'conversation' && f.owner === 'human');
    const mark = client.frames.length;
    client.send({ type: 'message', clientId: 'h2', text: 'are you there?' });
    const ack = await client.waitFor((f) => f.type === 'ack' && f.clientId === 'h2');
    expect((await agent('POST', `/v1/agent/conversations/${conversationId}/messages`, { text: '您好，我是客服小王' })).statusCode).toBe(200);
    await client.waitFor((f) => f.type === 'message' && f.message.author === 'agent', mark);
    expect(messages(client.frames.slice(mark)).filter((m) => m.author === 'bot')).toEqual([]);
    // Another agent may not reply in a conversation someone else owns; a supervisor may transfer it.
    const other = await t.service.context.store.listUsers(t.a.tenantId);
    const supervisor = other.find((u) => u.role === 'supervisor')!;
    expect((await agent('POST', `/v1/agent/conversations/${conversationId}/transfer`, { assigneeId: supervisor.id })).statusCode).toBe(200);

    expect((await agent('POST', `/v1/agent/conversations/${conversationId}/hand-back`, undefined, 'supervisor')).statusCode).toBe(200);
    await client.waitFor((f) => f.type === 'conversation' && f.owner === 'bot');
    client.send({ type: 'message', clientId: 'h3', text: 'order status please' });
    const botReply = await client.waitFor((f) => f.type === 'message' && f.message.author === 'bot' && f.message.seq > ack.seq + 3);
    expect(botReply.message.payload.intent).toBe('order_status');
    const events = (await agent('GET', `/v1/agent/conversations/${conversationId}`)).json().events.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['handoff.requested', 'conversation.queued', 'conversation.assigned', 'conversation.transferred', 'conversation.returned']));
    client.close();
  });

  it('after a dropped socket, resumes with every missed message exactly once', async () => {
    const first = await connectTestClient(`${base}/v1/widget/ws`);
    first.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-user-3' });
    const { conversationId, resumeToken } = await first.waitFor((f) => f.type === 'welcome');
    first.send({ type: 'message', clientId: 'r1', text: 'order?' });
    await first.waitFor((f) => f.type === 'message' && f.message.seq === 3);
    const seen = Math.max(...messages(first.frames).map((m) => m.seq));
    first.socket.terminate();
    await first.closed();
    // While the customer is away: an agent joins and writes twice.
    await agent('POST', `/v1/agent/conversations/${conversationId}/messages`, { text: '还在吗？' });
    await agent('POST', `/v1/agent/conversations/${conversationId}/messages`, { text: '订单已发货' });
    const second = await connectTestClient(`${base}/v1/widget/ws`);
    second.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-user-3', conversationId, afterSeq: seen, resumeToken });
    await second.waitFor((f) => f.type === 'message' && f.message.text === '订单已发货');
    // The client retries the last message it is unsure about: acknowledged as a duplicate, stored once.
    second.send({ type: 'message', clientId: 'r1', text: 'order?' });
    expect(await second.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId: 'r1', seq: 2, duplicate: true });
    await t.service.context.conversations.typing(t.a.tenantId, conversationId, 'agent', true);
    await second.waitFor((f) => f.type === 'typing' && f.on === true);
    const resumed = messages(second.frames).map((m) => m.seq);
    expect(resumed).toEqual([seen + 1, seen + 2, seen + 3]);
    expect(new Set(resumed).size).toBe(resumed.length);
    second.close();
  });

  it('never resumes another customer\'s history from a hello naming their id without hmac or resume token (issue 23, D7)', async () => {
    const victim = await connectTestClient(`${base}/v1/widget/ws`);
    victim.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-victim' });
    const welcome = await victim.waitFor((f) => f.type === 'welcome');
    victim.send({ type: 'message', clientId: 'v1', text: '我的手机号是 13800001111' });
    await victim.waitFor((f) => f.type === 'ack');
    victim.close();
    const intruder = await connectTestClient(`${base}/v1/widget/ws`);
    intruder.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-victim', afterSeq: 0 });
    const stranger = await intruder.waitFor((f) => f.type === 'welcome');
    expect(stranger.conversationId).not.toBe(welcome.conversationId);
    expect(stranger).toMatchObject({ customerId: expect.stringMatching(/^anon_/), created: true, lastSeq: 1 });
    await intruder.waitFor((f) => f.type === 'message' && f.message.seq === 1);
    expect(JSON.stringify(intruder.frames)).not.toContain('13800001111');
    intruder.close();
    const owner = await connectTestClient(`${base}/v1/widget/ws`);
    owner.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-victim', resumeToken: welcome.resumeToken });
    expect(await owner.waitFor((f) => f.type === 'welcome')).toMatchObject({ conversationId: welcome.conversationId, customerId: 'ws-victim' });
    await owner.waitFor((f) => f.type === 'message' && f.message.text.includes('13800001111'));
    owner.close();
  });

  it('closes an unverified socket once the tenant turns identity enforcement on', async () => {
    const client = await connectTestClient(`${base}/v1/widget/ws`);
    client.send({ type: 'hello', tenantKey: t.b.widgetKey });
    await client.waitFor((f) => f.type === 'welcome');
    const store = t.service.context.store;
    const tenant = (await store.getTenant(t.b.tenantId))!;
    await store.updateTenantSettings(tenant.id, { ...tenant.settings, enforceWidgetIdentity: true });
    // The socket re-reads its tenant at most every 5 s.
    await new Promise((resolve) => setTimeout(resolve, 5200));
    client.send({ type: 'message', clientId: 'after-switch', text: 'hello' });
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'unauthenticated', clientId: 'after-switch' });
    expect((await client.closed()).code).toBe(4401);
    await store.updateTenantSettings(tenant.id, tenant.settings);
  });

  it('answers garbage frames with errors and disconnects only the offender', async () => {
    const good = await connectTestClient(`${base}/v1/widget/ws`);
    good.send({ type: 'hello', tenantKey: t.a.widgetKey });
    await good.waitFor((f) => f.type === 'welcome');
    const bad = await connectTestClient(`${base}/v1/widget/ws`);
    bad.send('not json');
    expect(await bad.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'validation_failed' });
    bad.send({ type: 'message', clientId: 'x', text: 'before hello' });
    expect(await bad.waitFor((f) => f.type === 'error' && f.code === 'unauthenticated')).toBeTruthy();
    bad.send({ type: 'hello' });
    bad.send({ type: 'nonsense' });
    bad.send('{');
    bad.send('{"type":"message"}');
    expect((await bad.closed()).code).toBe(4400);
    const unknownTenant = await connectTestClient(`${base}/v1/widget/ws`);
    unknownTenant.send({ type: 'hello', tenantKey: 'missing' });
    expect((await unknownTenant.closed()).code).toBe(4404);
    good.send({ type: 'message', clientId: 'g1', text: 'still fine' });
    expect(await good.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId: 'g1' });
    good.send({ type: 'message', clientId: 'g2', text: 'x'.repeat(4001) });
    expect(await good.waitFor((f) => f.type === 'error' && f.clientId === 'g2')).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/4000/) });
    good.close();
  });

  it('pushes live updates to agent sockets of the same tenant only', async () => {
    const agentA = await connectTestClient(`${base}/v1/agent/ws?token=${t.a.tokens.agent}`);
    const agentB = await connectTestClient(`${base}/v1/agent/ws?token=${t.b.tokens.agent}`);
    await agentA.waitFor((f) => f.type === 'welcome');
    await agentB.waitFor((f) => f.type === 'welcome');
    const customer = await connectTestClient(`${base}/v1/widget/ws`);
    customer.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-user-4' });
    await customer.waitFor((f) => f.type === 'welcome');
    customer.send({ type: 'message', clientId: 'live', text: 'hello agents' });
    await agentA.waitFor((f) => f.type === 'message' && f.message.text === 'hello agents');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(agentB.frames.filter((f) => f.type === 'message')).toEqual([]);
    const deniedToken = 'bad';
    const denied = await connectTestClient(`${base}/v1/agent/ws?token=${deniedToken}`);
    expect((await denied.closed()).code).toBe(4401);
    for (const client of [agentA, agentB, customer]) client.close();
  });

  it('alerts supervisors (not agents) when a customer is very upset', async () => {
    const supervisor = await connectTestClient(`${base}/v1/agent/ws?token=${t.a.tokens.supervisor}`);
    const agent = await connectTestClient(`${base}/v1/agent/ws?token=${t.a.tokens.agent}`);
    await supervisor.waitFor((f) => f.type === 'welcome');
    await agent.waitFor((f) => f.type === 'welcome');
    const customer = await connectTestClient(`${base}/v1/widget/ws`);
    customer.send({ type: 'hello', tenantKey: t.a.widgetKey, customerId: 'ws-upset-1' });
    const welcome = await customer.waitFor((f) => f.type === 'welcome');
    customer.send({ type: 'message', clientId: 'calm', text: 'hello' });
    await supervisor.waitFor((f) => f.type === 'message' && f.message.text === 'hello');
    customer.send({ type: 'message', clientId: 'upset', text: '气死了！' });
    const alert = await supervisor.waitFor((f) => f.type === 'alert');
    expect(alert).toMatchObject({ conversationId: welcome.conversationId, reason: expect.any(String) });
    await agent.waitFor((f) => f.type === 'message' && f.message.text === '气死了！');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(agent.frames.filter((f) => f.type === 'alert')).toEqual([]);
    expect(supervisor.frames.filter((f) => f.type === 'alert')).toHaveLength(1);
    for (const client of [supervisor, agent, customer]) client.close();
  });
});
