import { z } from 'zod';

/** Response and shared request schemas of the public API (the OpenAPI document is generated from them). */

export const errorSchema = z.object({ error: z.string(), message: z.string(), errorId: z.string().optional() });
export const ownerSchema = z.enum(['bot', 'queued', 'human', 'closed']);
export const localeSchema = z.enum(['zh', 'en']);
export const idSchema = z.string().min(1).max(100);
export const clientIdSchema = z.string().min(1, 'clientId must be a non-empty string you choose per message (e.g. a UUID)').max(100);

/** Text of a message; the maximum is set by configuration (default 4,000 characters). */
export const messageTextSchema = (maxChars: number) =>
  z.string().trim().min(1, 'text must not be empty').max(maxChars, `text is limited to ${maxChars} characters; split longer messages`);

export const messageSchema = z.object({
  id: z.string(), conversationId: z.string(), seq: z.number().int(), clientId: z.string().nullable(),
  author: z.enum(['customer', 'bot', 'agent', 'system']), authorId: z.string().nullable(), text: z.string(),
  payload: z.record(z.string(), z.unknown()), createdAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(), customerId: z.string(), owner: ownerSchema, assigneeId: z.string().nullable(), pack: z.string(), channel: z.string(), locale: localeSchema,
  sentiment: z.string().nullable(), priority: z.number().int(), lastSeq: z.number().int(), resolution: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(), closedAt: z.string().nullable(),
});

export const customerSchema = z.object({
  id: z.string(), externalId: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()), identities: z.array(z.object({ kind: z.string(), value: z.string() })), createdAt: z.string(), updatedAt: z.string(),
});

export const noteSchema = z.object({ id: z.string(), conversationId: z.string(), authorId: z.string(), text: z.string(), createdAt: z.string() });

export const eventSchema = z.object({
  id: z.string(), conversationId: z.string().nullable(), customerId: z.string().nullable(), type: z.string(), data: z.record(z.string(), z.unknown()), createdAt: z.string(),
});

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['admin', 'supervisor', 'agent']) });

export const articleSchema = z.object({
  id: z.string(), title: z.string(), body: z.string(), locale: localeSchema, tags: z.array(z.string()), questions: z.array(z.string()),
  status: z.enum(['draft', 'published']), createdAt: z.string(), updatedAt: z.string(),
});

export const ticketSchema = z.object({
  id: z.string(), conversationId: z.string().nullable(), customerId: z.string().nullable(), kind: z.enum(['complaint', 'repair']),
  status: z.enum(['open', 'in_progress', 'resolved', 'closed']), subject: z.string(), details: z.record(z.string(), z.unknown()), createdAt: z.string(), updatedAt: z.string(),
});

export const webhookSchema = z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: z.string() });

export const conversationParams = z.object({ id: idSchema });

/** Standard error responses added to every route's documentation. */
export const errorResponses = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema, 500: errorSchema };
