import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../config.ts';
import { createService, type Service } from '../../create-service.ts';
import { seedDemo, type DemoSeed } from '../../demo-seed.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPgliteStore } from '../../storage/sql-store.ts';
import { createScriptedEngine } from '../../testing/scripted-engine.ts';
import { loadStore } from '../../../packs/ecommerce/store/load-store.ts';
import { PACK_MODULES } from '../../../packs/registry.ts';
import type { HospitalDb } from '../../../packs/healthcare/store/types.ts';
import type { EducationDb } from '../../../packs/education/store/types.ts';
import type { LogisticsDb } from '../../../packs/logistics/store/types.ts';
import type { BankDb } from '../../../packs/finance/store/types.ts';
import { customerKeys } from './customer-records-http.ts';
import { packRecordReaders } from './pack-records.ts';

// The scripted engine plus the real Chinese demo store as its e-commerce backend: the route reads `engine.data`.
let service: Service;
let demo: DemoSeed;
let agentToken: string;
beforeAll(async () => {
  const store = await createPgliteStore();
  demo = (await seedDemo(store, { password: 'test-password-123' }))!;
  const data = { ecommerce: await loadStore('store-zh') };
  service = await createService(loadServiceConfig({ secret: 'test-secret-0123456789abcdef', seedDemo: false } as never, {}), {
    store, logger: createLogger('silent', new Writable({ write: (_chunk, _encoding, done) => done() })), engineFactory: async () => ({ ...createScriptedEngine(), data }),
  });
  const agent = (await store.listUsers(demo.tenantId)).find((user) => user.role === 'agent')!;
  agentToken = service.context.signer.sign({ kind: 'agent', tenantId: demo.tenantId, userId: agent.id, role: 'agent' }, 600);
});
afterAll(async () => service?.close());

const records = (customerId: string, token = agentToken) =>
  service.app.inject({ url: `/v1/agent/customers/${customerId}/records`, headers: token ? { authorization: `Bearer ${token}` } : {} });
const integrationCustomer = async (body: Record<string, unknown>) =>
  (await service.app.inject({ method: 'POST', url: '/v1/customers', headers: { authorization: `Bearer ${demo.apiKey}` }, payload: body })).json() as { id: string };
const widgetCustomer = async (customerId?: string) => {
  const session = (await service.app.inject({ method: 'POST', url: '/v1/widget/conversations', payload: { tenantKey: demo.widgetKey, ...(customerId ? { customerId } : {}) } })).json();
  const conversation = (await service.context.store.getConversation(demo.tenantId, session.conversationId))!;
  return conversation;
};

describe('GET /v1/agent/customers/:id/records', () => {
  it('finds the shop customer by e-mail and lists their orders with status, items, amount and tracking', async () => {
    const customer = await integrationCustomer({ externalId: 'crm-1848', email: 'Ruoxi.Yuan1848@example.com' });
    const response = await records(customer.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.matches).toEqual([{ pack: 'ecommerce', customerId: 'yuan_ruoxi_1848', matchedBy: 'email' }]);
    expect(body.records.map((record: { id: string }) => record.id).sort()).toEqual(['#CN2610960698', '#CN2611486432']);
    const delivered = body.records.find((record: { id: string }) => record.id === '#CN2610960698');
    expect(delivered).toMatchObject({ pack: 'ecommerce', kind: 'order', status: 'delivered', currency: 'CNY' });
    expect(delivered.title).toContain('空调挂机');
    expect(delivered.amount).toBeGreaterThan(0);
    expect(delivered.details.find((entry: { key: string }) => entry.key === 'tracking').value).toContain('JDV797251330777');
    // The newest tracking event, whatever order the backend stores them in.
    expect(delivered.details.find((entry: { key: string }) => entry.key === 'latest').value).toMatch(/^2026-10-11T15:42.*已签收/);
  });

  it('finds the customer the bot verified in the chat (engine state), and by phone', async () => {
    const conversation = await widgetCustomer();
    await service.context.store.commit({
      tenantId: demo.tenantId, conversationId: conversation.id, expectedLastSeq: conversation.lastSeq, messages: [], events: [],
      patch: { engineState: { ...conversation.engineState, customerId: 'feng_haoyu_6004' } },
    });
    const byChat = (await records(conversation.customerId)).json();
    expect(byChat.matches).toEqual([{ pack: 'ecommerce', customerId: 'feng_haoyu_6004', matchedBy: 'id' }]);
    expect(byChat.records.length).toBeGreaterThan(0);
    const byPhone = (await records((await integrationCustomer({ externalId: 'crm-phone', phone: '+86 199 2452 7212' })).id)).json();
    expect(byPhone.matches).toEqual([{ pack: 'ecommerce', customerId: 'yuan_ruoxi_1848', matchedBy: 'phone' }]);
  });

  it('does not trust an id a widget only claimed, and answers an empty list when nothing matches', async () => {
    // Without enforced HMAC identity anyone can claim data-customer-id="yuan_ruoxi_1848".
    const claimed = await widgetCustomer('yuan_ruoxi_1848');
    expect((await records(claimed.customerId)).json()).toEqual({ matches: [], records: [] });
    // The shop's own backend saying so (integration API identity) is trusted; so is a customer it created.
    const told = await integrationCustomer({ externalId: 'yuan_ruoxi_1848', identities: [{ kind: 'shop', value: 'yuan_ruoxi_1848' }] });
    expect(told.id).toBe(claimed.customerId);
    expect((await records(told.id)).json().matches).toEqual([{ pack: 'ecommerce', customerId: 'yuan_ruoxi_1848', matchedBy: 'id' }]);
    const created = await integrationCustomer({ externalId: 'feng_haoyu_6004' });
    expect((await records(created.id)).json().matches).toEqual([{ pack: 'ecommerce', customerId: 'feng_haoyu_6004', matchedBy: 'id' }]);
    const stranger = await integrationCustomer({ externalId: 'nobody', email: 'nobody@example.com' });
    expect((await records(stranger.id)).json()).toEqual({ matches: [], records: [] });
  });

  it('is only for signed-in staff of the tenant', async () => {
    const customer = await integrationCustomer({ externalId: 'crm-auth', email: 'ruoxi.yuan1848@example.com' });
    expect((await records(customer.id, '')).statusCode).toBe(401);
    expect((await records(customer.id, demo.apiKey)).statusCode).toBe(401);
    const other = await service.context.store.createTenant({ id: 'ten_other', name: 'Other', widgetKey: 'wk_other', settings: (await service.context.store.getTenant(demo.tenantId))!.settings });
    const outsider = service.context.signer.sign({ kind: 'agent', tenantId: other.id, userId: 'usr_none', role: 'admin' }, 600);
    expect((await records(customer.id, outsider)).statusCode).toBe(401);
    expect((await records('cus_unknown')).statusCode).toBe(404);
  });
});

describe('customer keys', () => {
  const base = { id: 'cus_1', tenantId: 't', name: null, attributes: {}, createdAt: '', updatedAt: '' };
  it('uses bot-verified ids, trusted identities, e-mail and phone', () => {
    const keys = customerKeys({ ...base, externalId: 'ext', email: 'a@b.c', phone: '138', identities: [{ kind: 'api', value: 'ext' }, { kind: 'email', value: 'x@y.z' }] }, ['bot-id'], { widgetIdentityVerified: false });
    expect(keys).toEqual({ ids: ['bot-id', 'ext', 'x@y.z'], emails: ['a@b.c', 'x@y.z'], phones: ['138'] });
  });
  it('trusts a widget id once the tenant enforces HMAC identity', () => {
    const customer = { ...base, externalId: 'shop-7', email: null, phone: null, identities: [{ kind: 'widget', value: 'shop-7' }] };
    expect(customerKeys(customer, [], { widgetIdentityVerified: false }).ids).toEqual([]);
    expect(customerKeys(customer, [], { widgetIdentityVerified: true }).ids).toEqual(['shop-7']);
  });
});

describe('pack record readers (real demo backends)', () => {
  const none = { ids: [], emails: [], phones: [] };
  it('healthcare: appointments as bookings and reports, by patient id or phone, names in the locale', async () => {
    const db = (await PACK_MODULES.healthcare.loadData({})) as HospitalDb;
    const patient = db.patients.find((candidate) => db.appointments.some((appointment) => appointment.patient_id === candidate.id))!;
    const found = packRecordReaders.healthcare(db, { ...none, phones: [patient.phone] }, 'en')!;
    expect(found).toMatchObject({ customerId: patient.id, matchedBy: 'phone' });
    expect(found.records.filter((record) => record.kind === 'booking').length).toBe(db.appointments.filter((appointment) => appointment.patient_id === patient.id).length);
    expect(found.records[0].title).not.toMatch(/\p{Script=Han}/u);
    expect(packRecordReaders.healthcare(db, none, 'zh')).toBeNull();
  });
  it('education, logistics and finance: enrolments, shipments, accounts', async () => {
    const school = (await PACK_MODULES.education.loadData({})) as EducationDb;
    const student = school.enrolments[0].student_id;
    expect(packRecordReaders.education(school, { ...none, ids: [student] }, 'zh')!.records.every((record) => record.kind === 'enrolment')).toBe(true);
    const carrier = (await PACK_MODULES.logistics.loadData({})) as LogisticsDb;
    const sender = Object.values(carrier.shipments)[0].sender.customer_id;
    const parcels = packRecordReaders.logistics(carrier, { ...none, ids: [sender] }, 'zh')!;
    expect(parcels.records.some((record) => record.kind === 'shipment')).toBe(true);
    const bank = (await PACK_MODULES.finance.loadData({})) as BankDb;
    const holder = Object.values(bank.accounts)[0].customer_id;
    const accounts = packRecordReaders.finance(bank, { ...none, ids: [holder] }, 'en')!;
    expect(accounts.records.filter((record) => record.kind === 'account').length).toBe(Object.values(bank.accounts).filter((account) => account.customer_id === holder).length);
    expect(packRecordReaders.ecommerce({ nothing: true }, none, 'zh')).toBeNull();
  });
});
