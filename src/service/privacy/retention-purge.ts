import type { ServiceContext } from '../http/service-context.ts';
import type { PurgeResult } from '../storage/store.ts';

export const RETENTION_JOB = 'privacy.retention-purge';

/**
 * Purges, for every tenant with `settings.retentionDays`, the conversations (messages, notes) not updated for that
 * many days; their events stay as anonymous aggregates. Each purge is audited as `retention.purged`.
 */
export async function runRetentionPurge(context: Pick<ServiceContext, 'store' | 'compactAfterErasure'>, now = new Date()): Promise<Record<string, PurgeResult>> {
  const results: Record<string, PurgeResult> = {};
  for (const tenant of await context.store.listTenants()) {
    const days = tenant.settings.retentionDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const result = await context.store.purgeConversationsBefore(tenant.id, cutoff);
    results[tenant.id] = result;
    if (result.conversations) {
      await context.store.appendAudit({ tenantId: tenant.id, actorKind: 'system', actorId: 'retention', action: 'retention.purged', targetType: 'tenant', targetId: tenant.id, data: { cutoff, ...result } });
    }
  }
  if (Object.values(results).some((result) => result.conversations > 0)) await context.compactAfterErasure?.();
  return results;
}

/**
 * Registers the purge job on the job runner and enqueues it every `intervalMs` (default hourly; with BullMQ any node
 * may run it — the purge is idempotent). Returns a function that stops the schedule.
 */
export function scheduleRetentionPurge(context: ServiceContext, intervalMs = 3_600_000): () => void {
  context.jobs.register(RETENTION_JOB, async () => {
    const results = await runRetentionPurge(context);
    const purged = Object.values(results).reduce((sum, result) => sum + result.conversations, 0);
    if (purged) context.logger.info({ purged }, 'retention purge removed old conversations');
  });
  const timer = setInterval(() => {
    context.jobs.enqueue(RETENTION_JOB, {}, { attempts: 3, backoffMs: 60_000 }).catch((error) => context.logger.error({ err: error }, 'retention purge not scheduled'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
