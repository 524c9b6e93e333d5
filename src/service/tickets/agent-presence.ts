import type { SqlExecutor } from '../storage/sql-client.ts';

/** How long a console's heartbeat keeps its agent online: a node that died takes its agents offline after this. */
export const PRESENCE_TTL_MS = 180_000;

/**
 * Which agents have a console open (issue 21), shared by every node through `agent_presence`: a console socket marks
 * its agent online until now + TTL and refreshes that on a heartbeat; the last socket of the agent on this node to
 * close marks them offline at once. Used to tell a customer that nobody is online instead of promising a transfer.
 */
export function createAgentPresence(deps: { sql: SqlExecutor; now?: () => Date; ttlMs?: number }) {
  const now = deps.now ?? (() => new Date());
  const ttl = deps.ttlMs ?? PRESENCE_TTL_MS;
  const sockets = new Map<string, number>();
  const touch = (tenantId: string, userId: string) => deps.sql.query(
    `INSERT INTO agent_presence (user_id, tenant_id, online_until) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET online_until = EXCLUDED.online_until, tenant_id = EXCLUDED.tenant_id`,
    [userId, tenantId, new Date(now().getTime() + ttl).toISOString()],
  );
  return {
    /** A console socket of the agent opened. */
    async connected(tenantId: string, userId: string): Promise<void> {
      sockets.set(userId, (sockets.get(userId) ?? 0) + 1);
      await touch(tenantId, userId);
    },
    /** Keeps the agent online (call well within the TTL while a socket is open). */
    heartbeat: (tenantId: string, userId: string) => touch(tenantId, userId).then(() => {}),
    /** A console socket closed: offline when it was the agent's last one on this node. */
    async disconnected(tenantId: string, userId: string): Promise<void> {
      const left = (sockets.get(userId) ?? 1) - 1;
      if (left > 0) return void sockets.set(userId, left);
      sockets.delete(userId);
      await deps.sql.query('UPDATE agent_presence SET online_until = $3 WHERE user_id = $1 AND tenant_id = $2', [userId, tenantId, now().toISOString()]);
    },
    /** Ids of the tenant's agents online now. */
    async online(tenantId: string): Promise<string[]> {
      const rows = await deps.sql.query<{ user_id: string }>('SELECT user_id FROM agent_presence WHERE tenant_id = $1 AND online_until > $2 ORDER BY user_id', [tenantId, now().toISOString()]);
      return rows.map((row) => row.user_id);
    },
  };
}

export type AgentPresence = ReturnType<typeof createAgentPresence>;
