import { randomBytes } from 'node:crypto';
import { generateApiKey } from './auth/api-keys.ts';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import { newId } from './ids.ts';
import type { Role, Store, TenantSettings } from './storage/store.ts';

export interface DemoSeed {
  tenantId: string;
  widgetKey: string;
  apiKey: string;
  accounts: Array<{ email: string; role: Role; password: string }>;
}

/** Settings of a new tenant: e-commerce pack in Chinese, open 09:00–21:00 Shanghai time. */
export function defaultTenantSettings(): TenantSettings {
  const day: [string, string] = ['09:00', '21:00'];
  return {
    packs: ['ecommerce'], locale: 'zh', tone: 'warm', personaName: '小灵', greeting: null,
    businessHours: { timeZone: 'Asia/Shanghai', days: [day, day, day, day, day, day, day] },
    widgetSecret: randomBytes(24).toString('base64url'), enforceWidgetIdentity: false,
  };
}

/**
 * On an empty database, creates the demo tenant, one account per role and an API key, and returns what to print.
 * Only one node seeds when several start at once (the first to claim the `demo.seed` system value).
 */
export async function seedDemo(store: Store, options: { password?: string } = {}): Promise<DemoSeed | null> {
  if ((await store.countTenants()) > 0) return null;
  const claim = newId('seed');
  if ((await store.ensureSystemValue('demo.seed', claim)) !== claim) return null;
  const tenant = await store.createTenant({ id: newId('ten'), name: '灵犀演示商城 Lingxi Demo Shop', widgetKey: `wk_${randomBytes(12).toString('base64url')}`, settings: defaultTenantSettings() });
  const accounts: DemoSeed['accounts'] = [];
  for (const role of ['admin', 'supervisor', 'agent'] as const) {
    const password = options.password ?? generatePassword();
    const email = `${role}@demo.lingxi.local`;
    await store.createUser({ id: newId('usr'), tenantId: tenant.id, email, name: { admin: '管理员 Admin', supervisor: '主管 Supervisor', agent: '客服 Agent' }[role], role, passwordHash: await hashPassword(password) });
    accounts.push({ email, role, password });
  }
  const key = generateApiKey();
  await store.createApiKey({ id: newId('key'), tenantId: tenant.id, name: 'demo', prefix: key.prefix, keyHash: key.hash });
  await store.createArticle({ id: newId('kb'), tenantId: tenant.id, title: '退货政策', body: '签收后 7 天内可无理由退货，商品需保持完好。', locale: 'zh', tags: ['returns'] });
  await store.createArticle({ id: newId('kb'), tenantId: tenant.id, title: 'Return policy', body: 'Items can be returned within 7 days of delivery if unused.', locale: 'en', tags: ['returns'] });
  return { tenantId: tenant.id, widgetKey: tenant.widgetKey, apiKey: key.key, accounts };
}
