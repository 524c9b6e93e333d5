import type { Logger } from 'pino';
import { z } from 'zod';
import { LingxiError } from '../../engine/errors.ts';
import type { SqlExecutor } from '../storage/sql-client.ts';
import { DEFAULT_PROACTIVE_RULES, proactiveRuleSchema, type ProactiveRule } from './proactive-rules.ts';

/** A rule as a tenant sees it: where it comes from and whether it is on. */
export interface TenantProactiveRule {
  rule: ProactiveRule;
  enabled: boolean;
  /** default: the code default untouched; override: a default the tenant changed; custom: the tenant's own rule. */
  source: 'default' | 'override' | 'custom';
  updatedAt: string | null;
}

const ruleShape = proactiveRuleSchema.shape;
/**
 * Body of a create/update: any rule field (merged onto the current rule of that id) and the enabled flag. Built
 * without the rule's defaults on purpose: `.partial()` would still fill an absent `delay`/`when`/`cancelOn` with its
 * default, so `{ enabled: false }` would silently reset a delayed rule to "send at once".
 */
export const proactiveRuleChangesSchema = z.object({
  event: ruleShape.event.optional(),
  when: ruleShape.when.unwrap().optional(),
  delay: ruleShape.delay.unwrap().optional(),
  cancelOn: ruleShape.cancelOn.unwrap().optional(),
  template: ruleShape.template.optional(),
  channel: ruleShape.channel.unwrap().optional(),
  enabled: z.boolean().optional(),
});
export type ProactiveRuleChanges = z.infer<typeof proactiveRuleChangesSchema>;

type Row = { id: string; rule: unknown; enabled: boolean; updated_at: Date | string };

/**
 * Per-tenant proactive rules (table proactive_rules, migration 015): the code defaults, overridden by a tenant row of
 * the same id, plus the tenant's own rules. Rows are validated with `proactiveRuleSchema` when written and when read.
 */
export function createProactiveRuleStore(deps: { sql: SqlExecutor; defaults?: ProactiveRule[]; logger?: Logger }) {
  const { sql } = deps;
  const defaults = deps.defaults ?? DEFAULT_PROACTIVE_RULES;

  async function list(tenantId: string): Promise<TenantProactiveRule[]> {
    const rows = await sql.query<Row>('SELECT id, rule, enabled, updated_at FROM proactive_rules WHERE tenant_id = $1 ORDER BY id', [tenantId]);
    const stored = new Map<string, TenantProactiveRule>();
    for (const row of rows) {
      const parsed = proactiveRuleSchema.safeParse({ ...(typeof row.rule === 'string' ? JSON.parse(row.rule) : row.rule as object), id: row.id });
      if (!parsed.success) {
        deps.logger?.warn({ tenantId, ruleId: row.id }, 'stored proactive rule no longer validates; ignored');
        continue;
      }
      const updatedAt = (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString();
      stored.set(row.id, { rule: parsed.data, enabled: row.enabled, source: defaults.some((rule) => rule.id === row.id) ? 'override' : 'custom', updatedAt });
    }
    const merged = defaults.map((rule) => stored.get(rule.id) ?? { rule, enabled: true, source: 'default' as const, updatedAt: null });
    return [...merged, ...[...stored.values()].filter((entry) => entry.source === 'custom')];
  }

  return {
    defaults,
    list,
    /** The rules that schedule messages for this tenant (enabled ones). */
    async active(tenantId: string): Promise<ProactiveRule[]> {
      return (await list(tenantId)).filter((entry) => entry.enabled).map((entry) => entry.rule);
    },
    async get(tenantId: string, id: string): Promise<TenantProactiveRule | null> {
      return (await list(tenantId)).find((entry) => entry.rule.id === id) ?? null;
    },
    /**
     * Creates or updates the tenant's rule `id`: `changes` are merged onto the current rule of that id (a default or
     * the tenant's), so `{ enabled: false }` alone switches a rule off. A new id needs at least `event` and `template`.
     */
    async put(tenantId: string, id: string, changes: ProactiveRuleChanges, actorId: string | null): Promise<TenantProactiveRule> {
      const { enabled, ...fields } = changes;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      const current = (await list(tenantId)).find((entry) => entry.rule.id === id);
      const parsed = proactiveRuleSchema.safeParse({ ...current?.rule, ...defined, id });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'rule'}: ${issue.message}`).join('; ');
        throw new LingxiError('validation_failed', `Rule ${id} is not valid (${issues}). A new rule needs at least event (e.g. "order.delayed") and template {zh, en}.`);
      }
      const { id: _id, ...rule } = parsed.data;
      await sql.query(
        `INSERT INTO proactive_rules (tenant_id, id, rule, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (tenant_id, id) DO UPDATE SET rule = EXCLUDED.rule, enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [tenantId, id, JSON.stringify(rule), enabled ?? current?.enabled ?? true, actorId],
      );
      return (await list(tenantId)).find((entry) => entry.rule.id === id)!;
    },
    /** Deletes the tenant's row: a custom rule disappears, an overridden default is back to the code default. */
    async remove(tenantId: string, id: string): Promise<boolean> {
      const rows = await sql.query('DELETE FROM proactive_rules WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id]);
      return rows.length > 0;
    },
  };
}

export type ProactiveRuleStore = ReturnType<typeof createProactiveRuleStore>;
