import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { generateApiKey } from '../../service/auth/api-keys.ts';
import { defaultTenantSettings } from '../../service/demo-seed.ts';
import { newId } from '../../service/ids.ts';
import { openStore, type StoreOpener } from './open-store.ts';

const createOptions = z.object({
  name: z.string().trim().min(1, '--name is required, e.g. --name "My Shop"').max(200),
  pack: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, '--pack takes a pack name such as ecommerce')).default(['ecommerce']),
  locale: z.enum(['zh', 'en']).default('zh'),
});

/**
 * `lingxi tenant create --name "My Shop" [--pack ecommerce] [--locale zh|en] [--data ./data | --database-url …]`
 * (issue 23, D10): provisions a tenant without SQL — widget key, widget identity secret and one integration API key,
 * printed once. The first admin follows with `lingxi user create --tenant <id> --role admin`.
 */
export async function tenant(argv: string[], dependencies: { open?: StoreOpener; print?: (text: string) => void } = {}): Promise<number> {
  const print = dependencies.print ?? ((text: string) => process.stdout.write(text));
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { name: { type: 'string' }, pack: { type: 'string', multiple: true }, locale: { type: 'string' }, data: { type: 'string' }, 'database-url': { type: 'string' } },
  });
  if (positionals[0] !== 'create' || positionals.length > 1) throw new LingxiError('validation_failed', 'Usage: lingxi tenant create --name "My Shop" [--pack ecommerce] [--locale zh|en]');
  const parsed = createOptions.safeParse({ name: values.name ?? '', pack: values.pack, locale: values.locale });
  if (!parsed.success) throw new LingxiError('validation_failed', parsed.error.issues.map((issue) => issue.message).join('; '));
  const { store, close } = await (dependencies.open ?? openStore)({ data: values.data, databaseUrl: values['database-url'] });
  try {
    const settings = { ...defaultTenantSettings(), packs: parsed.data.pack, locale: parsed.data.locale };
    const created = await store.createTenant({ id: newId('ten'), name: parsed.data.name, widgetKey: `wk_${randomBytes(12).toString('base64url')}`, settings });
    const key = generateApiKey();
    await store.createApiKey({ id: newId('key'), tenantId: created.id, name: 'cli', prefix: key.prefix, keyHash: key.hash });
    print([
      `Tenant created: ${created.name}`,
      `  Tenant id      ${created.id}`,
      `  Widget key     ${created.widgetKey}`,
      `  Widget secret  ${settings.widgetSecret}   (HMAC of your customers' ids; keep it on your server)`,
      `  API key        ${key.key}   (shown once)`,
      `Next: lingxi user create --tenant ${created.id} --email you@example.com --role admin`,
      '',
    ].join('\n'));
    return 0;
  } finally {
    await close();
  }
}
