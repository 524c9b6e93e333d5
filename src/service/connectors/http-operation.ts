import { createHmac } from 'node:crypto';
import type { ConnectorAuth, Operation } from './connector-config.ts';
import { renderBody, renderPath, renderQuery, type TemplateValues } from './request-template.ts';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * `sha256=<hex HMAC-SHA256(secret, timestamp + "." + signed)>`, where `signed` is the exact body sent, or for a request
 * without a body `METHOD path?query` (so a signed GET cannot be replayed against another URL). Same headers and
 * algorithm as Lingxi's webhooks (src/service/webhooks), so one verifier serves both.
 */
export function signRequest(secret: string, timestamp: string, signed: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${signed}`).digest('hex')}`;
}

/** The authentication headers of a request (the secret goes into headers only, never into a URL or a log). */
export function authHeaders(auth: ConnectorAuth, secret: string, request: { method: string; pathAndQuery: string; body: string | undefined }, now: () => number): Record<string, string> {
  if (auth.kind === 'bearer') return { authorization: `Bearer ${secret}` };
  if (auth.kind === 'api-key') return { [auth.header.toLowerCase()]: secret };
  if (auth.kind === 'hmac') {
    const timestamp = String(Math.floor(now() / 1000));
    const signed = request.body ?? `${request.method} ${request.pathAndQuery}`;
    return { 'x-lingxi-timestamp': timestamp, 'x-lingxi-signature': signRequest(secret, timestamp, signed) };
  }
  return {};
}

/**
 * The HTTP request of one tool call: the operation's templates filled with the call's values (arguments, customer_id,
 * conversation_id), authenticated, with an `Idempotency-Key` on writes.
 */
export function buildOperationRequest(input: {
  baseUrl: string; operation: Operation; values: TemplateValues; auth: ConnectorAuth; secret: string; idempotencyKey?: string; now: () => number;
}): OutgoingRequest {
  const { operation, values } = input;
  const base = new URL(input.baseUrl);
  const query = renderQuery(operation.query, values).toString();
  const path = `${base.pathname.replace(/\/$/, '')}${renderPath(operation.path, values)}`;
  const pathAndQuery = query ? `${path}?${query}` : path;
  const body = operation.body === undefined || operation.method === 'GET' ? undefined : JSON.stringify(renderBody(operation.body, values));
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {}),
    ...authHeaders(input.auth, input.secret, { method: operation.method, pathAndQuery, body }, input.now),
  };
  return { method: operation.method, url: `${base.origin}${pathAndQuery}`, headers, body };
}
