import { LingxiError } from '../../engine/errors.ts';
import type { Locale } from '../../engine/types.ts';
import { verifyWidgetIdentity } from '../auth/widget-identity.ts';
import { newId } from '../ids.ts';
import type { Conversation, Customer, Message, Store, Tenant } from '../storage/store.ts';
import type { ConversationService } from './conversation-service.ts';

export interface WidgetHello {
  tenantKey: string;
  customerId?: string;
  hmac?: string;
  conversationId?: string;
  locale?: Locale;
  /** The resume token this widget was given with its customer id (start response / welcome frame). */
  resumeToken?: string;
}

/** Lingxi's id of the customer a resume token was issued for in this tenant, or null (forged, expired, other tenant). */
export type ResumeTokenReader = (token: string, tenantId: string) => string | null;

export interface WidgetSession {
  tenant: Tenant;
  customer: Customer;
  conversation: Conversation;
  /** True when this call created the conversation (its greeting is in `created`). */
  created: boolean;
  greeting: Message[];
  /** The customer proved their id with the tenant's HMAC. */
  verified: boolean;
}

/**
 * Resolves who a widget is and which conversation it talks in. The customer id is the shop's own id (verified by
 * HMAC when the tenant enforces it) or an anonymous id the service makes up and the widget keeps. Without
 * `conversationId` the customer's latest open conversation continues, else a new one starts.
 */
export async function openWidgetSession(store: Store, conversations: ConversationService, hello: WidgetHello, readResumeToken: ResumeTokenReader): Promise<WidgetSession> {
  const tenant = await store.getTenantByWidgetKey(hello.tenantKey);
  if (!tenant) throw new LingxiError('not_found', 'Unknown tenantKey: copy the widget key from the admin settings (printed on first start for the demo tenant).');
  const verified = hello.hmac !== undefined || tenant.settings.enforceWidgetIdentity;
  if (verified) {
    if (!hello.customerId || !hello.hmac) throw new LingxiError('unauthenticated', 'This tenant verifies customers: send customerId with hmac = hex HMAC-SHA256(widget secret, customerId) computed by your backend.');
    if (!verifyWidgetIdentity(tenant.settings.widgetSecret, hello.customerId, hello.hmac)) throw new LingxiError('unauthenticated', 'The hmac does not match customerId: compute hex HMAC-SHA256 with the tenant widget secret on your server.');
  }
  const claimed = hello.customerId ? await store.getCustomerByExternalId(tenant.id, hello.customerId) : null;
  // A customer id alone proves nothing (issue 23, D7: any visitor could name another customer's id and read their
  // history). An existing customer is resumed only with the HMAC identity or the resume token this browser was given;
  // otherwise the visitor is a new anonymous customer, and their conversation starts empty.
  const owned = claimed && (verified || (hello.resumeToken !== undefined && readResumeToken(hello.resumeToken, tenant.id) === claimed.id));
  const externalId = claimed && !owned ? `anon_${newId('v').slice(2)}` : hello.customerId ?? `anon_${newId('v').slice(2)}`;
  const customer = (owned ? claimed : null)
    ?? await store.upsertCustomer({ id: newId('cus'), tenantId: tenant.id, externalId, identities: [{ kind: hello.customerId && !claimed ? 'widget' : 'anonymous', value: externalId }] });
  if (hello.conversationId) {
    const conversation = await store.getConversation(tenant.id, hello.conversationId);
    if (!conversation || conversation.customerId !== customer.id) throw new LingxiError('not_found', `Conversation ${hello.conversationId} was not found for this customer; omit conversationId to start a new one.`);
    return withVerifiedCustomer({ tenant, customer, conversation, created: false, greeting: [], verified });
  }
  const [open] = (await store.listConversations(tenant.id, { customerId: customer.id, limit: 5 })).filter((c) => c.owner !== 'closed');
  if (open) return withVerifiedCustomer({ tenant, customer, conversation: open, created: false, greeting: [], verified });
  const started = await conversations.start(tenant, customer, { locale: hello.locale });
  return withVerifiedCustomer({ tenant, customer, conversation: started.conversation, created: true, greeting: started.messages, verified });

  /** An HMAC-verified customer becomes the conversation's backend customer (the bot then skips identification). */
  async function withVerifiedCustomer(session: WidgetSession): Promise<WidgetSession> {
    if (!verified || session.conversation.engineState.customerId) return session;
    const backendId = await conversations.attachVerifiedCustomer(tenant!, customer, session.conversation.id);
    if (!backendId) return session;
    return { ...session, conversation: { ...session.conversation, engineState: { ...session.conversation.engineState, customerId: backendId } } };
  }
}
