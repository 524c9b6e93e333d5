import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { eventually } from '../testing/eventually.ts';

let t: TestService;
const inject = (options: InjectOptions) => t.service.app.inject(options);
const as = (role: 'agent' | 'supervisor' | 'admin') => ({ authorization: `Bearer ${t.a.tokens[role]}` });

async function handoff(text: string) {
  const session = (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId: `r-${Math.random().toString(36).slice(2)}` } })).json();
  await inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `m-${Math.random()}`, text } });
  return (await inject({ url: `/v1/agent/conversations/${session.conversationId}`, headers: as('admin') })).json() as { conversation: { id: string; owner: string; assigneeId: string | null }; messages: Array<{ text: string }>; events: Array<{ type: string; data: Record<string, unknown> }> };
}

beforeAll(async () => {
  t = await createTestService({}, { withSql: true });
  const { widgetKey: _key, widgetSecret: _secret, ...current } = (await inject({ url: '/v1/agent/settings', headers: as('admin') })).json();
  const saved = await inject({ method: 'PUT', url: '/v1/agent/settings', headers: as('admin'), payload: { ...current, businessHours: null, support: { routing: { assign: 'least_busy', rules: [{ team: 'support', intents: ['handoff'] }], requeueOfflineAfterSeconds: 0 } } } });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => t.close());

describe('routing', () => {
  it('assigns queued chats to the least busy online agent of the team who speaks the language, within their cap, and re-queues when an agent leaves', async () => {
    const agentId = t.a.userIds.agent;
    const supervisorId = t.a.userIds.supervisor;
    expect((await inject({ method: 'PUT', url: `/v1/agent/agents/${agentId}/profile`, headers: as('agent'), payload: { teams: ['support'] } })).statusCode).toBe(403);
    const profile = await inject({ method: 'PUT', url: `/v1/agent/agents/${agentId}/profile`, headers: as('supervisor'), payload: { teams: ['support'], languages: ['zh'], maxConcurrent: 1 } });
    expect(profile.json()).toEqual({ teams: ['support'], skills: [], languages: ['zh'], maxConcurrent: 1 });
    await inject({ method: 'PUT', url: `/v1/agent/agents/${supervisorId}/profile`, headers: as('admin'), payload: { teams: ['support'], languages: ['zh', 'en'], maxConcurrent: 2 } });
    // Nobody online: the chat waits in the queue.
    expect((await handoff('转人工')).conversation).toMatchObject({ owner: 'queued', assigneeId: null });
    const base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const agentConsole = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(t.a.tokens.agent)}`);
    const supervisorConsole = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(t.a.tokens.supervisor)}`);
    await eventually(async () => expect((await t.service.context.presence!.online(t.a.tenantId)).sort()).toEqual([agentId, supervisorId].sort()));
    const english = await handoff('human please');
    expect(english.conversation).toMatchObject({ owner: 'human', assigneeId: supervisorId }); // the only English speaker
    expect(english.events.find((event) => event.type === 'conversation.assigned')?.data).toMatchObject({ by: 'routing', team: 'support', assigneeId: supervisorId });
    const first = await handoff('转人工');
    expect(first.conversation).toMatchObject({ owner: 'human', assigneeId: agentId }); // 0 chats against 1
    expect(first.messages.at(-1)?.text).toContain('已接入');
    expect((await handoff('转人工')).conversation).toMatchObject({ owner: 'human', assigneeId: supervisorId }); // the agent is at their cap
    expect((await handoff('转人工')).conversation).toMatchObject({ owner: 'queued', assigneeId: null }); // everyone is full
    const agents = (await inject({ url: '/v1/agent/agents', headers: as('agent') })).json().agents as Array<{ userId: string; online: boolean; load: number }>;
    expect(agents.find((agent) => agent.userId === agentId)).toMatchObject({ online: true, load: 1 });
    expect(agents.find((agent) => agent.userId === supervisorId)).toMatchObject({ online: true, load: 2 });
    // The agent closes the console: their chat goes back to the queue (the supervisor is full, so it waits there).
    agentConsole.close();
    await eventually(async () => expect(await t.service.context.presence!.online(t.a.tenantId)).toEqual([supervisorId]));
    // The background sweep may get there first; either way the chat is back in the queue.
    await t.service.context.routing!.requeueOffline();
    const requeued = (await inject({ url: `/v1/agent/conversations/${first.conversation.id}`, headers: as('admin') })).json();
    expect(requeued.conversation).toMatchObject({ owner: 'queued', assigneeId: null });
    expect(requeued.messages.at(-1).text).toBe('客服暂时离开，已为您重新排队，下一位客服会接着处理');
    expect(await t.service.context.routing!.requeueOffline()).toBe(0);
    supervisorConsole.close();
  });
});
