import type { FastifyRequest } from 'fastify';
import { LingxiError } from '../../engine/errors.ts';
import { hashApiKey } from '../auth/api-keys.ts';
import type { Role, Tenant, User } from '../storage/store.ts';
import type { ServiceContext } from './service-context.ts';

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
};

/**
 * The signed-in agent and their tenant; `roles` limits who may call. `queryToken` accepts `?token=` — only for the
 * agent WebSocket, as browsers cannot set headers on one; on REST routes a token in the URL would end up in proxy
 * logs and browser history (issue 23, L4).
 */
export async function requireAgent(context: ServiceContext, request: FastifyRequest, roles: Role[] = ['admin', 'supervisor', 'agent'], options: { queryToken?: boolean } = {}): Promise<{ user: User; tenant: Tenant }> {
  const query = request.query as Record<string, unknown> | undefined;
  const token = bearer(request) ?? (options.queryToken && typeof query?.token === 'string' ? query.token : null);
  if (!token) throw new LingxiError('unauthenticated', 'Sign in first: POST /v1/agent/login, then send Authorization: Bearer <token>.');
  const claims = context.signer.verify(token);
  if (!claims || claims.kind !== 'agent') throw new LingxiError('unauthenticated', 'The token is invalid or expired; sign in again at POST /v1/agent/login.');
  const [user, tenant] = await Promise.all([context.store.getUser(claims.tenantId, claims.userId), context.store.getTenant(claims.tenantId)]);
  if (!user || !tenant) throw new LingxiError('unauthenticated', 'The account of this token no longer exists; sign in again.');
  if (!roles.includes(user.role)) throw new LingxiError('forbidden', `This needs the role ${roles.join(' or ')}; you are ${user.role}.`);
  return { user, tenant };
}

/**
 * The tenant of an integration API key (`Authorization: Bearer lx_…`). An admin's agent token is accepted too, so
 * that the admin UI manages knowledge and webhooks through the same routes the integrations use.
 */
export async function requireApiKey(context: ServiceContext, request: FastifyRequest): Promise<Tenant> {
  const key = bearer(request);
  if (!key) throw new LingxiError('unauthenticated', 'Send the integration API key as Authorization: Bearer lx_… (admins create keys at POST /v1/agent/api-keys).');
  if (!key.startsWith('lx_')) return (await requireAgent(context, request, ['admin'])).tenant;
  const record = await context.store.getApiKeyByHash(hashApiKey(key));
  const tenant = record ? await context.store.getTenant(record.tenantId) : null;
  if (!tenant) throw new LingxiError('unauthenticated', 'Unknown or revoked API key.');
  return tenant;
}

/** The widget session of a token from POST /v1/widget/conversations, bound to one conversation. */
export async function requireWidget(context: ServiceContext, request: FastifyRequest, conversationId: string): Promise<{ tenant: Tenant; customerId: string }> {
  const token = bearer(request);
  if (!token) throw new LingxiError('unauthenticated', 'Send the token from POST /v1/widget/conversations as Authorization: Bearer <token>.');
  const claims = context.signer.verify(token);
  if (!claims || claims.kind !== 'widget') throw new LingxiError('unauthenticated', 'The widget token is invalid or expired; start again with POST /v1/widget/conversations.');
  if (claims.conversationId !== conversationId) throw new LingxiError('forbidden', 'This widget token belongs to another conversation.');
  const tenant = await context.store.getTenant(claims.tenantId);
  if (!tenant) throw new LingxiError('unauthenticated', 'The tenant of this token no longer exists.');
  // Tokens issued before the tenant turned identity enforcement on die with the switch (issue 23, D7).
  if (tenant.settings.enforceWidgetIdentity && !claims.verified) throw new LingxiError('unauthenticated', 'This shop now verifies customers: start again with customerId and hmac.');
  return { tenant, customerId: claims.customerId };
}
