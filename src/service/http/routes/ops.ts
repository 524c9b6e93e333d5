import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../storage/store-guard.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';

const indexPage = readFileSync(new URL('../../public/index.html', import.meta.url), 'utf8');

/** Liveness, readiness, Prometheus metrics and the start page. */
export function registerOps(root: FastifyInstance, context: ServiceContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['operations'];
  app.get('/healthz', { config: { rateLimit: false }, schema: { tags, summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get('/readyz', {
    config: { rateLimit: false },
    schema: { tags, summary: 'Readiness: database reachable, engines warmed up, not shutting down', response: { 200: z.object({ status: z.literal('ready'), store: z.string() }), 503: z.object({ status: z.literal('unavailable'), reason: z.string() }) } },
  }, async (_request, reply) => {
    if (!context.accepting.value) return reply.status(503).send({ status: 'unavailable' as const, reason: 'shutting down' });
    if (context.warming?.value) return reply.status(503).header('retry-after', '1').send({ status: 'unavailable' as const, reason: 'warming up engines' });
    try {
      await context.store.ping();
      return { status: 'ready' as const, store: context.store.kind };
    } catch {
      return reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS)).send({ status: 'unavailable' as const, reason: 'database unreachable' });
    }
  });
  app.get('/metrics', { config: { rateLimit: false }, schema: { tags, summary: 'Prometheus metrics', produces: ['text/plain'] } }, async (_request, reply) => {
    reply.type(context.metrics.registry.contentType);
    return context.metrics.registry.metrics();
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(indexPage));
}
