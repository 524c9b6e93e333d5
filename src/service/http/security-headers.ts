import type { FastifyInstance } from 'fastify';

/**
 * Content-Security-Policy of the console, admin and start page: their own scripts only (no inline script, so an
 * injected `<script>` or `onerror=` does not run even if escaping failed), inline styles (React style props, charts),
 * images and audio from the server or data/blob URLs, API and WebSocket calls to the same origin, never framed.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "media-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const isAppPage = (url: string): boolean => url === '/' || /^\/(console|admin)(\/|$|\?)/.test(url);

/**
 * Security headers (issue 23, L5): every response says `nosniff` and sends no Referer onwards; the console, admin and
 * start page also get the CSP above and may not be framed (clickjacking). The widget script, the demo shop and the
 * API docs are left out of the CSP: the widget runs inside shops' pages, the docs page uses inline scripts.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (isAppPage(request.url)) reply.header('content-security-policy', APP_CONTENT_SECURITY_POLICY).header('x-frame-options', 'DENY');
    return payload;
  });
}
