import type { SqlClient, SqlExecutor } from './sql-client.ts';
import { bumpContentVersion } from './sql-directory.ts';
import { iso, json, toArticle } from './sql-rows.ts';
import type { GapCandidate, GapResolution, IntentPhrase, Store, TenantTest } from './store.ts';

export type LearningPart = Pick<Store, 'tenantContent' | 'addIntentPhrases' | 'listIntentPhrases' | 'deleteIntentPhrase' | 'listGapCandidates'
  | 'getGapCandidates' | 'recordGapResolution' | 'approveGapResolution' | 'findPendingResolution' | 'listGapResolutions' | 'listTenantTests' | 'learningCounts'>;

type Row = Record<string, unknown>;

const toPhrase = (row: Row): IntentPhrase => ({
  id: row.id as string, tenantId: row.tenant_id as string, intent: row.intent as string, text: row.text as string,
  locale: row.locale as IntentPhrase['locale'], createdBy: (row.created_by as string) ?? null, createdAt: iso(row.created_at),
});
const toResolution = (row: Row): GapResolution => ({
  id: row.id as string, tenantId: row.tenant_id as string, action: row.action as GapResolution['action'], status: row.status as GapResolution['status'],
  target: row.target as string, messageIds: json(row.message_ids), createdBy: (row.created_by as string) ?? null, createdAt: iso(row.created_at),
  approvedAt: row.approved_at ? iso(row.approved_at) : null,
});
const toTest = (row: Row): TenantTest => ({
  id: row.id as string, tenantId: row.tenant_id as string, name: row.name as string, spec: json(row.spec),
  resolutionId: (row.resolution_id as string) ?? null, createdAt: iso(row.created_at),
});
const toCandidate = (row: Row): GapCandidate => {
  const payload = json<Record<string, unknown>>(row.payload);
  const understanding = (payload.understanding ?? {}) as { intent?: string; confidence?: number; locale?: string };
  return {
    messageId: row.id as string, conversationId: row.conversation_id as string, text: row.text as string,
    locale: (understanding.locale ?? row.locale ?? 'zh') as GapCandidate['locale'], outcome: String(payload.outcome ?? 'unknown'),
    intent: understanding.intent ?? null, confidence: typeof understanding.confidence === 'number' ? understanding.confidence : null, createdAt: iso(row.created_at),
  };
};

const CANDIDATES = `SELECT m.id, m.conversation_id, m.text, m.payload, m.created_at, c.locale FROM messages m JOIN conversations c ON c.id = m.conversation_id
  WHERE m.tenant_id = $1 AND m.author = 'customer' AND m.payload ? 'outcome' AND m.payload->>'outcome' <> 'answered'
    AND NOT EXISTS (SELECT 1 FROM gap_resolved_messages r WHERE r.tenant_id = m.tenant_id AND r.message_id = m.id)`;

async function resolveMessages(tx: SqlExecutor, resolution: GapResolution, tests: Array<Pick<TenantTest, 'id' | 'name' | 'spec'>>) {
  for (const messageId of resolution.messageIds) {
    await tx.query('INSERT INTO gap_resolved_messages (tenant_id, message_id, resolution_id) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, message_id) DO NOTHING',
      [resolution.tenantId, messageId, resolution.id]);
  }
  for (const test of tests) {
    await tx.query('INSERT INTO tenant_tests (id, tenant_id, name, spec, resolution_id) VALUES ($1, $2, $3, $4::jsonb, $5)',
      [test.id, resolution.tenantId, test.name, JSON.stringify(test.spec), resolution.id]);
  }
}

/** Tenant knowledge, training phrases, knowledge gaps and regression tests on SQL (issue 10). */
export function createSqlLearning(sql: SqlClient): LearningPart {
  return {
    async tenantContent(tenantId) {
      return sql.transaction(async (tx) => {
        const [tenant] = await tx.query('SELECT content_version FROM tenants WHERE id = $1', [tenantId]);
        const articles = (await tx.query("SELECT * FROM knowledge_articles WHERE tenant_id = $1 AND status = 'published' ORDER BY id", [tenantId])).map(toArticle);
        const phrases = (await tx.query('SELECT * FROM intent_phrases WHERE tenant_id = $1 ORDER BY id', [tenantId])).map(toPhrase);
        return { version: Number(tenant?.content_version ?? 0), articles, phrases };
      });
    },
    async addIntentPhrases(tenantId, phrases) {
      return sql.transaction(async (tx) => {
        const added: IntentPhrase[] = [];
        for (const phrase of phrases) {
          const rows = await tx.query(
            `INSERT INTO intent_phrases (id, tenant_id, intent, text, locale, created_by) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (tenant_id, intent, text) DO NOTHING RETURNING *`,
            [phrase.id, tenantId, phrase.intent, phrase.text, phrase.locale, phrase.createdBy]);
          if (rows[0]) added.push(toPhrase(rows[0]));
        }
        if (added.length) await bumpContentVersion(tx, tenantId);
        return added;
      });
    },
    async listIntentPhrases(tenantId) {
      return (await sql.query('SELECT * FROM intent_phrases WHERE tenant_id = $1 ORDER BY intent, created_at, id', [tenantId])).map(toPhrase);
    },
    async deleteIntentPhrase(tenantId, id) {
      return sql.transaction(async (tx) => {
        const deleted = (await tx.query('DELETE FROM intent_phrases WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id])).length > 0;
        if (deleted) await bumpContentVersion(tx, tenantId);
        return deleted;
      });
    },
    async listGapCandidates(tenantId, options) {
      const rows = await sql.query(`${CANDIDATES} AND m.created_at >= $2 ORDER BY m.created_at DESC, m.id LIMIT $3`, [tenantId, options.since, options.limit ?? 2000]);
      return rows.map(toCandidate);
    },
    async getGapCandidates(tenantId, messageIds) {
      if (!messageIds.length) return [];
      return (await sql.query(`${CANDIDATES} AND m.id = ANY($2::text[]) ORDER BY m.created_at DESC`, [tenantId, messageIds])).map(toCandidate);
    },
    async recordGapResolution(input) {
      return sql.transaction(async (tx) => {
        const rows = await tx.query(
          `INSERT INTO gap_resolutions (id, tenant_id, action, status, target, message_ids, created_by, approved_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, CASE WHEN $4 = 'approved' THEN now() END) RETURNING *`,
          [input.id, input.tenantId, input.action, input.status, input.target, JSON.stringify(input.messageIds), input.createdBy]);
        const resolution = toResolution(rows[0]);
        if (resolution.status === 'approved') await resolveMessages(tx, resolution, input.tests ?? []);
        return resolution;
      });
    },
    async approveGapResolution(tenantId, id, tests) {
      return sql.transaction(async (tx) => {
        const rows = await tx.query(
          `UPDATE gap_resolutions SET status = 'approved', approved_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING *`, [tenantId, id]);
        if (!rows[0]) return null;
        const resolution = toResolution(rows[0]);
        await resolveMessages(tx, resolution, tests);
        return resolution;
      });
    },
    async findPendingResolution(tenantId, target) {
      const rows = await sql.query("SELECT * FROM gap_resolutions WHERE tenant_id = $1 AND target = $2 AND status = 'pending' ORDER BY created_at DESC LIMIT 1", [tenantId, target]);
      return rows[0] ? toResolution(rows[0]) : null;
    },
    async listGapResolutions(tenantId, options) {
      return (await sql.query('SELECT * FROM gap_resolutions WHERE tenant_id = $1 AND created_at >= $2 ORDER BY created_at DESC, id LIMIT 1000', [tenantId, options.since])).map(toResolution);
    },
    async learningCounts(tenantId, from, to) {
      const [messages] = await sql.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE payload ? 'outcome' AND payload->>'outcome' <> 'answered')::int AS gaps
         FROM messages WHERE tenant_id = $1 AND author = 'customer' AND created_at >= $2 AND created_at < $3`, [tenantId, from, to]);
      const [fixes] = await sql.query(
        "SELECT count(*)::int AS total FROM gap_resolutions WHERE tenant_id = $1 AND status = 'approved' AND approved_at >= $2 AND approved_at < $3", [tenantId, from, to]);
      return {
        customerMessages: Number(messages.total), gapQuestions: Number(messages.gaps), fixes: Number(fixes.total),
      };
    },
    async listTenantTests(tenantId) {
      return (await sql.query('SELECT * FROM tenant_tests WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(toTest);
    },
  };
}
