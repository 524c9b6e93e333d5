import { z } from 'zod';
import { conversationSchema, eventSchema, messageSchema, noteSchema } from '../http/schemas.ts';
import { resolutionKinds } from './analytics-filters.ts';

/** Response schemas of the analytics routes (the OpenAPI document is generated from them). */

const count = z.number().int();
const kindCounts = { confirmed: count, assumed: count, unresolved: count, handedOff: count, open: count, noContact: count };
const share = z.number().nullable().describe('count / engaged conversations, 0…1; null when nothing is engaged');
const timeMeasure = z.object({ count, p50: z.number().nullable(), p90: z.number().nullable() }).describe('seconds');

export const dashboardSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({ pack: z.string().nullable(), channel: z.string().nullable() }),
  freshness: z.object({ watermark: z.number(), caughtUp: z.boolean() }),
  totals: z.object({
    conversations: count, engaged: count, ...kindCounts, complaints: count, csatCount: count, csatAverage: z.number().nullable(),
    toolOk: count, toolFailed: count, articleUses: count, proactiveSent: count,
  }),
  rates: z.object({ confirmed: share, assumed: share, unresolved: share, handedOff: share, complaint: share, containment: share.describe('engaged conversations never handed to a person / engaged; the weekly digest reports the same number') }),
  times: z.object({ botFirstResponse: timeMeasure, humanFirstResponse: timeMeasure, botResolution: timeMeasure, humanResolution: timeMeasure }),
  perDay: z.array(z.object({
    day: z.string(), conversations: count, ...kindCounts, sentimentAverage: z.number().nullable(), sentimentMinAverage: z.number().nullable(),
    positive: count, neutral: count, negative: count,
  })),
  handoffReasons: z.array(z.object({ reason: z.string(), count })),
  agents: z.array(z.object({
    assigneeId: z.string(), name: z.string().nullable(), handled: count.describe('handed-off conversations whose last assignee is the agent'),
    resolved: count.describe('of them closed as resolved'), resolutionRate: z.number().nullable(), firstResponseP50: z.number().nullable().describe('seconds, handoff → first agent message'),
    csatCount: count.describe('ratings naming the agent'), csatAverage: z.number().nullable(),
  })),
  agentOutcomes: z.array(z.object({ outcome: z.string().describe('close resolution of handed-off conversations, or pending'), count })),
  csat: z.array(z.object({ score: count, count })),
  sentiment: z.array(z.object({ label: z.string(), count })).describe('conversations by the label of their last customer message'),
  sentimentWorst: z.array(z.object({ label: z.string(), count })).describe('conversations by the label of their lowest-polarity customer message'),
  intents: z.array(z.object({ intent: z.string(), conversations: count, ...kindCounts })),
  tools: z.array(z.object({ name: z.string(), okConversations: count, failedConversations: count })),
  articles: z.array(z.object({ id: z.string(), title: z.string().nullable(), conversations: count })),
  byPack: z.array(z.object({ pack: z.string(), conversations: count, engaged: count, ...kindCounts })),
  byChannel: z.array(z.object({ channel: z.string(), conversations: count, engaged: count, ...kindCounts })),
  proactive: z.array(z.object({ status: z.string(), outcome: z.string().nullable(), count })),
  llm: z.object({ conversations: count, calls: z.number(), promptTokens: z.number(), completionTokens: z.number(), cost: z.number(), currency: z.string().nullable() }),
  dimensions: z.object({ packs: z.array(z.string()), channels: z.array(z.string()) }),
});

export const drillRowSchema = z.object({
  conversationId: z.string(), day: z.string(), startedAt: z.string(), pack: z.string(), channel: z.string(), locale: z.string(),
  resolution: z.enum(resolutionKinds),
  evidence: z.string().describe('why the conversation has its resolution kind (docs/analytics.md): customer_confirmed, task_completed, knowledge_answered, agent_<outcome>, open_complaint, flow_pending, fallback, tool_failed, flow_cancelled, clarification, no_answer, no_customer_message'),
  agentOutcome: z.string().nullable().describe("handed-off conversations: the agent's close resolution, or pending"), assigneeId: z.string().nullable(),
  handoffReason: z.string().nullable(), csat: z.number().nullable(), complaint: z.boolean(), sentiment: z.string().nullable().describe('label of the last customer message'),
  sentimentWorst: z.string().nullable().describe('label of the lowest-polarity customer message'), sentimentTrajectory: z.array(z.number()).describe('polarity of each customer message, in order'),
  intents: z.array(z.string()), customerMessages: count, botFirstResponseSeconds: z.number().nullable(), humanFirstResponseSeconds: z.number().nullable(),
  toolOk: count, toolFailed: count, articles: z.array(z.string()), llmTokens: z.number(), llmCost: z.number(),
});
export const proactiveRowSchema = z.object({
  sendId: z.string(), conversationId: z.string().nullable(), customerId: z.string(), ruleId: z.string(), status: z.string(), outcome: z.string().nullable(), createdAt: z.string(),
});

export const drillPageSchema = z.object({
  kind: z.enum(['conversations', 'proactive']), total: count, page: count, pageSize: count,
  rows: z.array(z.union([drillRowSchema, proactiveRowSchema])),
});

export const conversationExportSchema = z.object({
  exportedAt: z.string(), conversation: conversationSchema, transcript: z.array(messageSchema), events: z.array(eventSchema), notes: z.array(noteSchema),
  facts: z.record(z.string(), z.unknown()).nullable().describe('the conversation_facts row (docs/analytics.md); null until aggregated or when analytics is off'),
});
