import { z } from 'zod';
import { clientIdSchema, localeSchema } from '../schemas.ts';

/** Message seqs are PostgreSQL `integer`s: a larger number is refused here rather than by the database (a 500). */
const MAX_SEQ = 2_147_483_647;

/**
 * The widget WebSocket protocol (JSON text frames). Client → server frames are validated with these schemas;
 * server → client frames are documented by `WidgetServerFrame`.
 */
export const widgetClientFrameSchema = (maxChars: number) => z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'), tenantKey: z.string().min(1).max(200), customerId: z.string().min(1).max(200).optional(), hmac: z.string().max(200).optional(),
    conversationId: z.string().min(1).max(100).optional(), resumeToken: z.string().max(1000).optional(), afterSeq: z.number().int().min(0).max(MAX_SEQ, 'afterSeq is a message seq: at most 2147483647').optional(), locale: localeSchema.optional(),
  }),
  z.object({ type: z.literal('message'), clientId: clientIdSchema, text: z.string().trim().min(1, 'text must not be empty').max(maxChars, `text is limited to ${maxChars} characters`) }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  /** Read receipt: the customer has seen every message up to `seq` (the widget sends it when messages are shown). */
  z.object({ type: z.literal('read'), seq: z.number().int().min(0).max(MAX_SEQ, 'seq is a message seq: at most 2147483647') }),
  z.object({ type: z.literal('ping') }),
]);
export type WidgetClientFrame = z.infer<ReturnType<typeof widgetClientFrameSchema>>;

export type WidgetServerFrame =
  /** resumeToken: keep it with customerId and send it in the next hello (issue 23, D7). */
  | { type: 'welcome'; conversationId: string; customerId: string; resumeToken: string; owner: string; lastSeq: number; created: boolean }
  | { type: 'ack'; clientId: string; seq: number; duplicate: boolean }
  | { type: 'message'; message: Record<string, unknown> }
  | { type: 'conversation'; owner: string; assigneeId: string | null }
  | { type: 'typing'; author: 'agent' | 'bot'; on: boolean }
  /** Part of the bot's reply as the language model writes it: append `text` to a provisional bubble; `reset` empties it. The stored `message` replaces the bubble. */
  | { type: 'delta'; conversationId: string; text: string; reset?: boolean }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; clientId?: string };
