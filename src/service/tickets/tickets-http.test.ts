import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../engine/dialogue/types.ts';
import { createScriptedEngine } from '../testing/scripted-engine.ts';
import { createTestService, type TestService } from '../testing/create-test-service.ts';
import { connectTestClient } from '../testing/ws-test-client.ts';
import { eventually } from '../testing/eventually.ts';
import { formatDue } from './ticket-texts.ts';

/**
 * The scripted engine plus a complaint the way the e-commerce pack files one: a confirmed `create_complaint` tool call
 * whose record id the reply names. The service must turn it into a ticket and quote its SLA.
 */
function complaintEngine(): ConversationEngine {
  const base = createScriptedEngine();
  let next = 1;
  return {
    ...base,
    async handle(state, input) {
      if (!/投诉|complain/i.test(input.text)) return base.handle(state, input);
      const zh = /[\u4e00-\u9fff]/.test(input.text);
      const id = `CP${String(next++).padStart(6, '0')}`;
      const understanding = base.understand(input.text, state.locale);
      return {
        state: { ...state, turns: state.turns + 1 }, understanding, toolCalls: [],
        events: [{ type: 'tool.called', at: '2026-01-01T00:00:00.000Z', data: { name: 'create_complaint', ok: true, write: true, arguments: { summary: input.text }, result: { ticket_id: id, status: 'open' } } }],
        replies: [{ text: zh ? `投诉已登记，工单号 ${id}。需要现在为您转人工吗？` : `Your complaint is filed as ticket ${id}. Would you like to talk to a person now?`, locale: zh ? 'zh' : 'en', tone: 'neutral', quickReplies: [], cards: [], awaiting: null, intent: 'complaint', confidence: 0.9, sources: [] }],
      };
    },
  };
}

let t: TestService;
const never = [null, null, null, null, null, null, null];
const inject = (options: InjectOptions) => t.service.app.inject(options);
const asAgent = (role: 'agent' | 'supervisor' | 'admin' = 'agent') => ({ authorization: `Bearer ${t.a.tokens[role]}` });

async function settings(patch: Record<string, unknown>) {
  const { widgetKey: _key, widgetSecret: _secret, ...current } = (await inject({ url: '/v1/agent/settings', headers: asAgent('admin') })).json();
  const response = await inject({ method: 'PUT', url: '/v1/agent/settings', headers: asAgent('admin'), payload: { ...current, ...patch } });
  expect(response.statusCode, response.body).toBe(200);
}

async function say(text: string, customerId = `c-${Math.random().toString(36).slice(2)}`) {
  const session = (await inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: t.a.widgetKey, customerId } })).json();
  const response = await inject({ method: 'POST', url: `/v1/widget/conversations/${session.conversationId}/messages`, headers: { authorization: `Bearer ${session.token}` }, payload: { clientId: `m-${Math.random()}`, text } });
  expect(response.statusCode, response.body).toBe(200);
  const messages = response.json().messages as Array<{ author: string; text: string; payload: Record<string, unknown> }>;
  return { conversationId: session.conversationId as string, replies: messages.filter((message) => message.author !== 'customer') };
}

const ticketsOf = async (conversationId: string) => (await inject({ url: `/v1/agent/tickets?conversationId=${conversationId}`, headers: asAgent() })).json().tickets;

beforeAll(async () => {
  t = await createTestService({}, { withSql: true, engineFactory: async () => complaintEngine() });
});
afterAll(async () => t.close());

describe('tickets from bot turns', () => {
  it('files a complaint as a high-priority ticket and the reply quotes its SLA, in Chinese and English', async () => {
    await settings({ businessHours: { timeZone: 'Asia/Shanghai', days: [null, ['09:00', '18:00'], ['09:00', '18:00'], ['09:00', '18:00'], ['09:00', '18:00'], ['09:00', '18:00'], null] } });
    const zh = await say('我要投诉，快递员态度很差');
    const [ticket] = await ticketsOf(zh.conversationId);
    expect(ticket).toMatchObject({ type: 'complaint', priority: 'high', status: 'open', source: 'bot', conversationId: zh.conversationId, details: { reference: 'CP000001' } });
    const due = formatDue(new Date(ticket.firstResponseDueAt), new Date(), 'Asia/Shanghai', 'zh');
    expect(zh.replies[0].text).toBe(`投诉已登记，工单号 CP000001。客服专员将在 ${due} 前联系您。需要现在为您转人工吗？`);
    const en = await say('I want to complain about the courier');
    const [english] = await ticketsOf(en.conversationId);
    expect(en.replies[0].text).toBe(`Your complaint is filed as ticket CP000002. A member of our team will contact you by ${formatDue(new Date(english.firstResponseDueAt), new Date(), 'Asia/Shanghai', 'en')}. Would you like to talk to a person now?`);
    const events = await t.service.context.store.listEvents(t.a.tenantId, zh.conversationId);
    expect(events.find((event) => event.type === 'ticket.created')?.data).toMatchObject({ ticketId: ticket.id, source: 'bot' });
  });

  it('keeps the old handoff while the tenant has not asked for messages out of hours', async () => {
    await settings({ businessHours: { timeZone: 'Asia/Shanghai', days: never } });
    const { conversationId, replies } = await say('转人工');
    expect(replies[0].text).toBe('正在为您转接人工客服。');
    expect(await ticketsOf(conversationId)).toEqual([]);
  });

  it('out of hours, offers to leave a message with the reply time and opens a ticket instead of promising a transfer', async () => {
    await settings({ businessHours: { timeZone: 'Asia/Shanghai', days: never }, support: { whenClosed: 'leave_message' } });
    const { conversationId, replies } = await say('转人工');
    const [ticket] = await ticketsOf(conversationId);
    expect(ticket).toMatchObject({ type: 'message', source: 'bot', status: 'open' });
    expect(replies[0].text).toMatch(/^现在是非工作时间，暂无客服在线。您可以直接留言说明问题，我们已为您登记，会在 .+ 前回复您。$/);
    expect(replies[0].text).not.toContain('转接');
    expect(replies[0].payload.leaveMessage).toMatchObject({ reason: 'closed', ticketId: ticket.id });
    const conversation = (await inject({ url: `/v1/agent/conversations/${conversationId}`, headers: asAgent() })).json();
    expect(conversation.conversation.owner).toBe('queued');
    const english = await say('human please');
    expect(english.replies[0].text).toMatch(/^We are closed right now and no agent is online\. Leave us a message/);
  });

  it('quotes the opening hours and counts the reply time from the next opening', async () => {
    const hours: [string, string] = ['09:00', '18:00'];
    // Open on one weekday only, never today (Shanghai): the handoff is always out of hours.
    const today = new Date(Date.now() + 8 * 3_600_000).getUTCDay();
    const days = never.map((_, index) => (index === (today + 3) % 7 ? hours : null));
    await settings({ businessHours: { timeZone: 'Asia/Shanghai', days }, support: { whenClosed: 'leave_message', holidayCalendar: 'none' } });
    const { conversationId, replies } = await say('转人工');
    const [ticket] = await ticketsOf(conversationId);
    expect(replies[0].text).toContain('（服务时间 09:00–18:00）');
    // Normal priority, 480 working minutes = one whole 09:00–18:00 day minus an hour: 17:00 local on the open day.
    const due = new Date(ticket.firstResponseDueAt);
    expect(due.getUTCDay() === (today + 3) % 7 || new Date(due.getTime() + 8 * 3_600_000).getUTCDay() === (today + 3) % 7).toBe(true);
    expect(new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('17:00');
    expect(replies[0].text).toContain(formatDue(due, new Date(), 'Asia/Shanghai', 'zh'));
  });

  it('in hours with nobody online offers a message; with an agent console open it transfers', async () => {
    await settings({ businessHours: null, support: { whenNobodyOnline: 'leave_message' } });
    const alone = await say('转人工');
    expect(alone.replies[0].text).toMatch(/^暂无客服在线。您可以直接留言说明问题/);
    expect((await ticketsOf(alone.conversationId))[0]).toMatchObject({ type: 'message', details: { offline: 'nobody_online' } });
    const base = (await t.service.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
    const console = await connectTestClient(`${base}/v1/agent/ws?token=${encodeURIComponent(t.a.tokens.agent)}`);
    await eventually(async () => expect(await t.service.context.presence!.online(t.a.tenantId)).toEqual([t.a.userIds.agent]));
    const helped = await say('转人工');
    expect(helped.replies[0].text).toBe('正在为您转接人工客服。');
    expect(await ticketsOf(helped.conversationId)).toEqual([]);
    // The console hears about tickets as they are made.
    const before = console.frames.length;
    await say('投诉：商品是坏的');
    await console.waitFor((frame) => frame.type === 'ticket' && frame.change === 'created' && frame.ticket.type === 'complaint', before);
    console.close();
    await eventually(async () => expect(await t.service.context.presence!.online(t.a.tenantId)).toEqual([]));
  });

  it('closes a queued conversation whose customer left and keeps its request as a ticket', async () => {
    await settings({ businessHours: null, support: { queueTimeoutMinutes: 5 } });
    const { conversationId } = await say('转人工');
    expect(await ticketsOf(conversationId)).toEqual([]);
    expect(await t.service.context.queueTimeout!.sweep()).toBe(0); // not long enough yet
    await t.sql!.query("UPDATE conversations SET updated_at = now() - interval '6 minutes' WHERE id = $1", [conversationId]);
    expect(await t.service.context.queueTimeout!.sweep()).toBe(1);
    const detail = (await inject({ url: `/v1/agent/conversations/${conversationId}`, headers: asAgent() })).json();
    expect(detail.conversation).toMatchObject({ owner: 'closed', resolution: 'queue_timeout' });
    const [ticket] = await ticketsOf(conversationId);
    expect(ticket).toMatchObject({ type: 'message', source: 'system', subject: '转人工' });
    expect(detail.messages.at(-1).text).toContain(`工单 ${ticket.id}`);
  });
});

describe('ticket routes', () => {
  it('lets an agent open, take, comment on and solve a ticket; the first API\'s statuses still work', async () => {
    const { conversationId } = await say('你好');
    const created = await inject({ method: 'POST', url: '/v1/agent/tickets', headers: asAgent(), payload: { conversationId, kind: 'repair', subject: '键盘维修' } });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ type: 'repair', kind: 'repair', priority: 'normal', source: 'agent', createdBy: t.a.userIds.agent });
    expect((await inject({ method: 'PATCH', url: `/v1/agent/tickets/${id}`, headers: asAgent(), payload: { assigneeId: t.a.userIds.agent, status: 'in_progress' } })).json())
      .toMatchObject({ assigneeId: t.a.userIds.agent, status: 'pending_internal' });
    expect((await inject({ method: 'POST', url: `/v1/agent/tickets/${id}/comments`, headers: asAgent(), payload: { body: '已约师傅周四上门' } })).statusCode).toBe(200);
    const mine = (await inject({ url: '/v1/agent/tickets?assignee=me&status=open,pending_internal', headers: asAgent() })).json();
    expect(mine.tickets.map((ticket: { id: string }) => ticket.id)).toContain(id);
    expect((await inject({ url: '/v1/agent/tickets?assignee=me', headers: asAgent('supervisor') })).json().tickets.map((ticket: { id: string }) => ticket.id)).not.toContain(id);
    expect((await inject({ url: `/v1/agent/tickets?q=${encodeURIComponent('键盘')}`, headers: asAgent() })).json().tickets.map((ticket: { id: string }) => ticket.id)).toEqual([id]);
    const solved = (await inject({ method: 'PATCH', url: `/v1/agent/tickets/${id}`, headers: asAgent(), payload: { status: 'resolved' } })).json();
    expect(solved.status).toBe('solved');
    expect(solved.solvedAt).not.toBeNull();
    const detail = (await inject({ url: `/v1/agent/tickets/${id}`, headers: asAgent() })).json();
    expect(detail.comments.map((comment: { body: string }) => comment.body)).toEqual(['已约师傅周四上门']);
    expect(detail.conversations.map((link: { conversationId: string }) => link.conversationId)).toEqual([conversationId]);
  });

  it('refuses bad input with a message that says how to fix it', async () => {
    const unknownType = await inject({ method: 'POST', url: '/v1/agent/tickets', headers: asAgent(), payload: { subject: 'x', type: 'gossip' } });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json().message).toContain('settings.support.ticketTypes');
    expect((await inject({ url: '/v1/agent/tickets?status=done', headers: asAgent() })).statusCode).toBe(400);
    const other = await inject({ method: 'PATCH', url: `/v1/agent/tickets/${(await inject({ method: 'POST', url: '/v1/agent/tickets', headers: asAgent(), payload: { subject: 'y' } })).json().id}`, headers: asAgent(), payload: { assigneeId: t.a.userIds.supervisor } });
    expect(other.statusCode).toBe(403);
  });

  it('opens tickets for integrations with an API key', async () => {
    const response = await inject({ method: 'POST', url: '/v1/tickets', headers: { authorization: `Bearer ${t.a.apiKey}` }, payload: { subject: '客户要求回电', type: 'callback', priority: 'urgent' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ type: 'callback', priority: 'urgent', source: 'api', conversationId: null });
  });
});
