import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LingxiError } from '../../../engine/errors.ts';
import type { Message, StoredEvent } from '../../storage/store.ts';
import { requireAgent } from '../request-auth.ts';
import { errorResponses } from '../schemas.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';

/** Recent conversations scanned per request: the store has no tenant-wide event query by type (see the README gap). */
const CONVERSATIONS_SCANNED = 200;

export const knowledgeHitSchema = z.object({
  conversationId: z.string(),
  messageId: z.string().nullable(),
  /** The customer's message of the turn that used the article (null when it was erased). */
  question: z.string().nullable(),
  confidence: z.number().nullable(),
  at: z.string(),
});
export type KnowledgeHit = z.infer<typeof knowledgeHitSchema>;

/** Does this `knowledge.used` event name the document? Rule path: `data.docId`; LLM path: `data.ids`. */
export function eventUsesDoc(event: Pick<StoredEvent, 'type' | 'data'>, docId: string): boolean {
  if (event.type !== 'knowledge.used') return false;
  return event.data.docId === docId || (Array.isArray(event.data.ids) && event.data.ids.includes(docId));
}

/**
 * The customer questions behind each use of the document in one conversation. The question is the customer message
 * of the same turn: the `message.created` (author customer) committed with the event (same transaction time), else
 * the last customer message created before the event.
 */
export function hitsInConversation(events: StoredEvent[], messages: Message[], docId: string): KnowledgeHit[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const customerCreated = events.filter((event) => event.type === 'message.created' && event.data.author === 'customer');
  const hits: KnowledgeHit[] = [];
  for (const event of events) {
    if (!eventUsesDoc(event, docId)) continue;
    const sameTurn = customerCreated.find((candidate) => candidate.createdAt === event.createdAt);
    const before = customerCreated.filter((candidate) => Number(candidate.id) < Number(event.id)).at(-1);
    const messageId = String((sameTurn ?? before)?.data.messageId ?? '') || null;
    const message = messageId ? byId.get(messageId) : undefined;
    hits.push({
      conversationId: event.conversationId ?? '', messageId, question: message?.text ?? null,
      confidence: typeof event.data.confidence === 'number' ? event.data.confidence : null, at: event.createdAt,
    });
  }
  return hits;
}

/**
 * `GET /v1/admin/knowledge/:id/hits` — which customer questions were answered with this article (a tenant article
 * or a doc of the tenant's packs), newest first, so an admin sees what the article is really used for and can
 * open the conversation. Admins and supervisors.
 */
export function registerKnowledgeHitsHttp(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store } = context;
  app.get('/v1/admin/knowledge/:id/hits', {
    schema: {
      tags: ['admin'], security: [{ bearer: [] }], summary: 'Recent customer questions answered with a knowledge article (admin, supervisor)',
      // Pack doc ids contain slashes (ecommerce/zh/return-7day): clients URL-encode them.
      params: z.object({ id: z.string().min(1).max(200) }), querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ articleId: z.string(), count: z.number().int(), scannedConversations: z.number().int(), hits: z.array(knowledgeHitSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const { tenant } = await requireAgent(context, request, ['admin', 'supervisor']);
    const docId = request.params.id;
    const article = await store.getArticle(tenant.id, docId);
    if (!article) {
      const engine = (await context.engines.forTenant(tenant)) as { pack?: { knowledge?: Array<{ id: string }> } };
      if (!engine.pack?.knowledge?.some((doc) => doc.id === docId)) throw new LingxiError('not_found', `Knowledge article ${docId} was not found; list articles at GET /v1/knowledge.`);
    }
    const conversations = await store.listConversations(tenant.id, { limit: CONVERSATIONS_SCANNED });
    const hits: KnowledgeHit[] = [];
    for (const conversation of conversations) {
      const events = await store.listEvents(tenant.id, conversation.id, 2000);
      if (!events.some((event) => eventUsesDoc(event, docId))) continue;
      hits.push(...hitsInConversation(events, await store.listMessages(tenant.id, conversation.id, { limit: 5000 }), docId));
    }
    hits.sort((a, b) => b.at.localeCompare(a.at));
    return { articleId: docId, count: hits.length, scannedConversations: conversations.length, hits: hits.slice(0, request.query.limit) };
  });
}
