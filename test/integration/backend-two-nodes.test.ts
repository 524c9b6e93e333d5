import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { call, recordsOf, startServe, widgetChat, type ServeProcess } from './serve-process.ts';

/**
 * Issue 20 on PostgreSQL with two `lingxi serve` nodes on one schema: a write on node A is seen by the next turn on
 * node B (which had loaded the backend before), ids handed out by both nodes never collide, and after node A is
 * SIGKILLed and started again everything the bot did is still there.
 */
const databaseUrl = process.env.DATABASE_URL;
const password = 'backend-two-nodes-password-1';
const ORDER = '#CN2611502925';
/** The number of an id (RP_00000A → 00000A): a restarted counter would repeat numbers under any prefix. */
const numberOf = (id: string | undefined) => id?.slice(3);

describe.skipIf(!databaseUrl)('durable pack backends on PostgreSQL with two nodes', () => {
  const run = randomUUID().slice(0, 8);
  const schema = `lingxi_backend_nodes_${run}`;
  const env = { DATABASE_URL: databaseUrl, LINGXI_DATABASE_SCHEMA: schema, REDIS_URL: undefined, LINGXI_DEMO_PASSWORD: password, LINGXI_SECRET: `backend-nodes-secret-${run}` };
  const nodes: ServeProcess[] = [];
  let widgetKey = '';

  beforeAll(async () => {
    nodes.push(...await Promise.all([startServe('A', env), startServe('B', env)]));
    widgetKey = /Widget key\s+(\S+)/.exec(nodes.map((node) => node.output()).find((output) => /First start/.test(output))!)![1];
  }, 180_000);
  afterAll(async () => {
    for (const node of nodes) await node.kill();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('node B sees node A\'s cancellation on its next turn; ids from both nodes and after a restart never collide', async () => {
    const [a, b] = nodes;
    // B loads the tenant's backend first: the order is pending there.
    const onB = await widgetChat(b.http, widgetKey, 'nodes-zh-b', 'zh');
    await onB.say('取消订单');
    expect(await onB.say('18235816343')).toContain(ORDER);

    // A cancels it.
    const onA = await widgetChat(a.http, widgetKey, 'nodes-zh-a', 'zh');
    await onA.say('取消订单');
    expect(await onA.say('18235816343')).toContain(ORDER);
    await onA.say('下错单了');
    expect(await onA.say('确认')).toContain('已取消');
    await onA.say('我要预约上门维修');
    await onA.say('空气炸锅');
    await onA.say('后天下午');
    const repairId = /RP_[0-9A-Z]{6}/.exec(await onA.say('确认'))?.[0];
    expect(repairId).toBeTruthy();

    // B's next turn reads the stored version first: its customer is no longer offered the cancelled order …
    const freshOnB = await widgetChat(b.http, widgetKey, 'nodes-zh-b2', 'zh');
    await freshOnB.say('取消订单');
    expect(await freshOnB.say('18235816343')).not.toContain(ORDER);
    // … and the conversation that was about to cancel it on B cannot cancel it a second time.
    await onB.say('下错单了');
    expect(await onB.say('确认')).not.toContain('已取消');

    // Complaints filed on both nodes at once get different ids.
    const complaints = await Promise.all([a, b].map(async (node, index) => {
      const chat = await widgetChat(node.http, widgetKey, `nodes-en-${index}`, 'en');
      await chat.say('I want to file a complaint, the courier threw my parcel over the fence');
      await chat.say('18625789071');
      return /CP_[0-9A-Z]{6}/.exec(await chat.say('yes'))?.[0];
    }));
    expect(complaints.every(Boolean)).toBe(true);
    expect(new Set([...complaints, repairId].map(numberOf)).size).toBe(3);

    // Node A dies and comes back on the same database.
    await a.kill();
    const restarted = await startServe('A again', env);
    nodes.push(restarted);
    const { token } = await call<{ token: string }>(restarted.http, 'POST', '/v1/agent/login', undefined, { email: 'admin@demo.lingxi.local', password });
    const records = await recordsOf(restarted.http, token, onA.conversationId);
    expect(records.find((record) => record.id === ORDER)?.status).toBe('cancelled');
    expect(records.find((record) => record.id === repairId)?.status).toBe('scheduled');
    const after = await widgetChat(restarted.http, widgetKey, 'nodes-en-after', 'en');
    await after.say('I want to complain, the parcel arrived crushed');
    await after.say('18625789071');
    const third = /CP_[0-9A-Z]{6}/.exec(await after.say('yes'))?.[0];
    expect(third).toBeTruthy();
    expect([...complaints, repairId].map(numberOf)).not.toContain(numberOf(third));
  }, 300_000);
});
