import type { FastifyError, FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { isLingxiError, type LingxiErrorCode } from '../../engine/errors.ts';
import { DATABASE_RETRY_AFTER_SECONDS } from '../storage/store-guard.ts';

/** The one place where error codes become HTTP statuses (house style §7). */
export const httpStatusByCode: Record<LingxiErrorCode, number> = {
  validation_failed: 400, malformed_file: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409,
  payload_too_large: 413, policy_violation: 422, rate_limited: 429, internal: 500, tool_failed: 502, unavailable: 503,
};

/** …and WebSocket close codes (4000 + HTTP status for expected errors; 1011 for unexpected ones). */
export function wsCloseCodeFor(code: LingxiErrorCode): number {
  const status = httpStatusByCode[code];
  // 1013 "try again later": the client should reconnect after a pause (database outage).
  if (code === 'unavailable') return 1013;
  return status >= 500 ? 1011 : 4000 + status;
}

const codeByStatus = (status: number): LingxiErrorCode =>
  (Object.entries(httpStatusByCode).find(([, value]) => value === status)?.[0] as LingxiErrorCode | undefined) ?? (status >= 500 ? 'internal' : 'validation_failed');

export interface ErrorBody {
  error: LingxiErrorCode;
  message: string;
  errorId?: string;
}

/**
 * True for the errors ioredis raises while Redis cannot be reached (the service's clients fail fast instead of
 * queueing: no offline queue, one retry): the request answers 503 with Retry-After, like a database outage.
 */
export function isRedisUnavailable(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'MaxRetriesPerRequestError'
    || (typeof message === 'string' && /Stream isn't writeable and enableOfflineQueue options is false|Connection is closed\.|Reached the max retries per request limit/.test(message));
}

/** Converts any thrown value to a client-safe body and status; unexpected errors get an id and are logged with context. */
export function toErrorResponse(error: unknown, log: (errorId: string) => void): { status: number; body: ErrorBody } {
  if (isRedisUnavailable(error)) return { status: 503, body: { error: 'unavailable', message: 'A shared service (Redis) is unreachable for the moment; retry shortly.' } };
  if (isLingxiError(error) && error.code !== 'internal') return { status: httpStatusByCode[error.code], body: { error: error.code, message: error.message } };
  const fastifyError = error as Partial<FastifyError>;
  if (!isLingxiError(error) && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const message = fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'Request body is too large: the limit is 64 KB (messages at most 4,000 characters).'
      : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send JSON with Content-Type: application/json.'
        : fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The JSON body is empty: send an object.'
          : status === 400 && /JSON/i.test(fastifyError.message ?? '') ? `The body is not valid JSON: ${fastifyError.message}`
            : fastifyError.message ?? 'Bad request';
    return { status, body: { error: codeByStatus(status), message } };
  }
  const errorId = randomUUID();
  log(errorId);
  return { status: 500, body: { error: 'internal', message: `Unexpected error; quote reference ${errorId} when reporting it.`, errorId } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error, (errorId) =>
      request.log.error({ err: error, errorId, method: request.method, url: request.url.split('?')[0], route: request.routeOptions.url }, 'unexpected error'));
    if (status === 503) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    if (status === 429 && (error as { headers?: Record<string, string> }).headers) reply.headers((error as { headers: Record<string, string> }).headers);
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see /docs for the API.` }));
}
