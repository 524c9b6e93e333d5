import type { Logger } from 'pino';
import { z } from 'zod';
import type { Locale } from '../../engine/types.ts';
import type { ConversationService } from '../conversation/conversation-service.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import { json } from '../storage/sql-rows.ts';
import type { Conversation, Store, Tenant } from '../storage/store.ts';
import type { AgentPresence } from './agent-presence.ts';
import { matchRule, pickAgent, type RoutingCandidate } from './routing.ts';
import { supportSettings } from './support-settings.ts';

export const agentProfileSchema = z.object({
  teams: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  /** Languages the agent answers in; empty = all. */
  languages: z.array(z.enum(['zh', 'en'])).max(2).default([]),
  maxConcurrent: z.number().int().min(1).max(100).default(5),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

type Row = Record<string, unknown>;
const toProfile = (row: Row | undefined): AgentProfile => ({
  teams: row ? json<string[]>(row.teams ?? []) : [], skills: row ? json<string[]>(row.skills ?? []) : [],
  languages: row ? json<Locale[]>(row.languages ?? []) : [], maxConcurrent: Number(row?.max_concurrent ?? 5),
});

/**
 * Routing (issue 21): agent profiles (teams, skills, languages, concurrent cap), least-busy assignment of conversations
 * that enter the queue among online agents with capacity (per the tenant's `support.routing` rules), and putting the
 * chats of agents who went offline back in the queue. `conversations` is a getter: the conversation service is built
 * with this router as a dependency.
 */
export function createRoutingService(deps: { sql: SqlExecutor; store: Store; presence: AgentPresence; conversations: () => ConversationService; logger: Logger; now?: () => Date; intervalMs?: number }) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;

  /** Every account of the tenant with its profile, whether it is online and how many conversations it holds. */
  async function agents(tenantId: string): Promise<Array<{ userId: string; name: string; role: string; online: boolean; load: number; profile: AgentProfile }>> {
    const online = new Set(await deps.presence.online(tenantId));
    const rows = await deps.sql.query(`SELECT u.id, u.name, u.role, p.teams, p.skills, p.languages, p.max_concurrent,
        (SELECT count(*)::int FROM conversations c WHERE c.tenant_id = $1 AND c.owner = 'human' AND c.assignee_id = u.id) AS load
      FROM users u LEFT JOIN agent_profiles p ON p.user_id = u.id WHERE u.tenant_id = $1 ORDER BY u.name, u.id`, [tenantId]);
    return rows.map((row) => ({
      userId: row.id as string, name: row.name as string, role: row.role as string, online: online.has(row.id as string), load: Number(row.load),
      profile: toProfile(row.teams === null || row.teams === undefined ? undefined : row),
    }));
  }

  const service = {
    agents,

    async setProfile(tenantId: string, userId: string, profile: AgentProfile): Promise<AgentProfile> {
      const [row] = await deps.sql.query(`INSERT INTO agent_profiles (user_id, tenant_id, teams, skills, languages, max_concurrent)
        SELECT id, tenant_id, $3::jsonb, $4::jsonb, $5::jsonb, $6 FROM users WHERE tenant_id = $1 AND id = $2
        ON CONFLICT (user_id) DO UPDATE SET teams = EXCLUDED.teams, skills = EXCLUDED.skills, languages = EXCLUDED.languages, max_concurrent = EXCLUDED.max_concurrent, updated_at = now()
        RETURNING *`, [tenantId, userId, JSON.stringify(profile.teams), JSON.stringify(profile.skills), JSON.stringify(profile.languages), profile.maxConcurrent]);
      return toProfile(row);
    },

    /** Assigns a conversation that just entered the queue, when the tenant routes automatically and someone fits. */
    async routeQueued(tenant: Tenant, conversation: Conversation, facts: { intent: string | null }): Promise<void> {
      const routing = supportSettings(tenant.settings).routing;
      if (routing.assign !== 'least_busy') return;
      const customer = await deps.store.getCustomer(tenant.id, conversation.customerId);
      const tags = Array.isArray(customer?.attributes.tags) ? customer.attributes.tags.filter((tag): tag is string => typeof tag === 'string') : [];
      const rule = matchRule(routing.rules, { intent: facts.intent, channel: conversation.channel, locale: conversation.locale, sentiment: conversation.sentiment, tags });
      const candidates: RoutingCandidate[] = (await agents(tenant.id)).filter((agent) => agent.online)
        .map((agent) => ({ userId: agent.userId, teams: agent.profile.teams, skills: agent.profile.skills, languages: agent.profile.languages, maxConcurrent: agent.profile.maxConcurrent, load: agent.load }));
      const chosen = pickAgent(candidates, rule, conversation.locale);
      const user = chosen ? await deps.store.getUser(tenant.id, chosen.userId) : null;
      if (!user) return;
      await deps.conversations().assignQueued(tenant, conversation.id, user, { team: rule?.team ?? null, load: chosen!.load });
    },

    /** One pass: chats of agents offline longer than their tenant allows go back to the queue (and are routed again). */
    async requeueOffline(): Promise<number> {
      let moved = 0;
      const tenants = await deps.sql.query<{ id: string }>("SELECT id FROM tenants WHERE settings->'support'->'routing'->>'requeueOfflineAfterSeconds' IS NOT NULL");
      for (const { id } of tenants) {
        const tenant = await deps.store.getTenant(id);
        const grace = tenant ? supportSettings(tenant.settings).routing.requeueOfflineAfterSeconds : null;
        if (!tenant || grace === null) continue;
        // Only agents who were online and left: an account that never opened a console keeps what it took over the API.
        const stale = await deps.sql.query<{ id: string; assignee_id: string }>(`SELECT c.id, c.assignee_id FROM conversations c JOIN agent_presence p ON p.user_id = c.assignee_id
          WHERE c.tenant_id = $1 AND c.owner = 'human' AND p.online_until <= $2 ORDER BY c.updated_at LIMIT 200`, [id, new Date(now().getTime() - grace * 1000).toISOString()]);
        for (const row of stale) {
          try {
            if (!(await deps.conversations().requeue(tenant, row.id, row.assignee_id))) continue;
            moved++;
            const conversation = await deps.store.getConversation(id, row.id);
            if (conversation) await service.routeQueued(tenant, conversation, { intent: null });
          } catch (error) {
            deps.logger.error({ err: error, tenantId: id, conversationId: row.id }, 'requeue of an offline agent conversation failed');
          }
        }
      }
      return moved;
    },

    start() {
      timer ??= setInterval(() => void service.requeueOffline().catch((error: unknown) => deps.logger.error({ err: error }, 'requeue sweep failed')), deps.intervalMs ?? 30_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return service;
}

export type RoutingService = ReturnType<typeof createRoutingService>;
