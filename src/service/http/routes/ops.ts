import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LingxiError } from '../../../engine/errors.ts';
import { z } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../storage/store-guard.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ZodTypeProvider } from '../zod-type-provider.ts';

const indexPage = readFileSync(new URL('../../public/index.html', import.meta.url), 'utf8');

const isLoopback = (address: string | undefined): boolean => !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
const safeEqual = (given: string, expected: string): boolean => {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
};

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
  app.get('/metrics', { config: { rateLimit: false }, schema: { tags, summary: 'Prometheus metrics (LINGXI_METRICS_TOKEN as a bearer token, or from the machine itself)', produces: ['text/plain'] } }, async (request, reply) => {
    // Metrics tell an outsider the traffic, tenants' queues and versions (issue 23): a token, or loopback only.
    const { metricsToken } = context.config;
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const allowed = metricsToken ? given !== undefined && safeEqual(given, metricsToken) : isLoopback(request.socket.remoteAddress) && isLoopback(request.ip);
    if (!allowed) {
      throw new LingxiError(metricsToken ? 'unauthenticated' : 'forbidden', metricsToken
        ? 'Send the metrics token (LINGXI_METRICS_TOKEN) as Authorization: Bearer <token>.'
        : '/metrics answers only on this machine; set LINGXI_METRICS_TOKEN to scrape it from elsewhere with a bearer token.');
    }
    reply.type(context.metrics.registry.contentType);
    return context.metrics.registry.metrics();
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(indexPage));
}
