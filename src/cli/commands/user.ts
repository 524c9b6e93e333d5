import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import { generatePassword, hashPassword } from '../../service/auth/passwords.ts';
import { newId } from '../../service/ids.ts';
import { checkPassword } from '../../service/security/password-policy.ts';
import { openStore, type StoreOpener } from './open-store.ts';

const createOptions = z.object({
  tenant: z.string().min(1, '--tenant is required (the id printed by lingxi tenant create)'),
  email: z.email('--email must be an e-mail address'),
  role: z.enum(['admin', 'supervisor', 'agent'], '--role is admin, supervisor or agent'),
  name: z.string().trim().min(1).max(100).optional(),
});

/**
 * `lingxi user create --tenant <id> --email a@b.c --role admin [--name "…"] [--data … | --database-url …]`
 * (issue 23, D10): an account without SQL. The password comes from LINGXI_NEW_PASSWORD (checked by the password
 * rules) or is generated and printed once; it is never taken from the command line, where `ps` and shell history see it.
 */
export async function user(argv: string[], dependencies: { open?: StoreOpener; print?: (text: string) => void; environment?: Record<string, string | undefined> } = {}): Promise<number> {
  const print = dependencies.print ?? ((text: string) => process.stdout.write(text));
  const environment = dependencies.environment ?? process.env;
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { tenant: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' }, 'database-url': { type: 'string' } },
  });
  if (positionals[0] !== 'create' || positionals.length > 1) throw new LingxiError('validation_failed', 'Usage: lingxi user create --tenant <id> --email a@b.c --role admin');
  const parsed = createOptions.safeParse({ tenant: values.tenant ?? '', email: values.email ?? '', role: values.role ?? '', name: values.name });
  if (!parsed.success) throw new LingxiError('validation_failed', parsed.error.issues.map((issue) => issue.message).join('; '));
  const { tenant: tenantId, email, role } = parsed.data;
  const chosen = environment.LINGXI_NEW_PASSWORD;
  const weak = chosen ? checkPassword(chosen, { email }) : null;
  if (weak) throw new LingxiError('validation_failed', `LINGXI_NEW_PASSWORD: ${weak}.`);
  // A generated password meets the same rules (an all-letter draw is drawn again).
  let password = chosen || generatePassword();
  while (checkPassword(password, { email })) password = generatePassword();
  const { store, close } = await (dependencies.open ?? openStore)({ data: values.data, databaseUrl: values['database-url'] });
  try {
    const tenant = await store.getTenant(tenantId);
    if (!tenant) throw new LingxiError('not_found', `Tenant ${tenantId} was not found; lingxi tenant create prints the id.`);
    if (await store.getUserByEmail(email)) throw new LingxiError('conflict', `An account with e-mail ${email} already exists; choose another address.`);
    const id = newId('usr');
    await store.createUser({ id, tenantId, email, name: parsed.data.name ?? email.split('@')[0], role, passwordHash: await hashPassword(password) }, {
      tenantId, actorKind: 'system', actorId: 'cli', action: 'user.created', targetType: 'user', targetId: id, data: { role },
    });
    print([
      `Account created in ${tenant.name}: ${email} (${role})`,
      chosen ? '  Password       from LINGXI_NEW_PASSWORD' : `  Password       ${password}   (shown once; change it after signing in)`,
      '',
    ].join('\n'));
    return 0;
  } finally {
    await close();
  }
}
