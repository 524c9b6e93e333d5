import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceContext } from '../service-context.ts';

/** Where `npm run build:web` writes the widget, console, admin and demo shop (web/dist at the repository root). */
export const defaultWebDir = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json; charset=utf-8', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.woff2': 'font/woff2', '.map': 'application/json',
};
const notBuilt = 'The web assets are not built yet. Run `npm run build:web` in the Lingxi folder (npm install runs it too), then reload.';
// Hashed file names under /assets/ only: no slashes, no dots at the start, so no path can leave the folder.
const assetName = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * The built browser apps: `/widget.js` (the embeddable widget, any origin may load it), `/console/` and `/admin/`
 * (single-page apps; deep links fall back to their index.html), `/demo-shop/` (a shop page with the widget of the
 * tenant given by `?key=`, else the first tenant) and their hashed `/assets/*`. Answers 503 with the build command
 * when web/dist is missing, so a fresh checkout says what to do.
 */
export function registerWebAssets(app: FastifyInstance, context: ServiceContext, webDir: string = defaultWebDir): void {
  const send = (reply: FastifyReply, file: string, cache: string) => {
    const path = join(webDir, file);
    if (!existsSync(path)) {
      const built = existsSync(join(webDir, 'widget.js'));
      return reply.status(built ? 404 : 503).type('text/plain; charset=utf-8').send(built ? `Not found: ${file}` : notBuilt);
    }
    return reply.type(contentTypes[extname(path)] ?? 'application/octet-stream').header('cache-control', cache).send(readFileSync(path));
  };
  const hidden = { schema: { hide: true }, config: { rateLimit: false } };

  app.get('/widget.js', hidden, async (_request, reply) => send(reply.header('access-control-allow-origin', '*'), 'widget.js', 'no-cache'));
  app.get('/assets/:name', hidden, async (request, reply) => {
    const { name } = request.params as { name: string };
    if (!assetName.test(name)) return reply.status(404).send();
    return send(reply, join('assets', name), 'public, max-age=31536000, immutable');
  });
  for (const page of ['console', 'admin']) {
    app.get(`/${page}`, hidden, async (_request, reply) => reply.redirect(`/${page}/`));
    app.get(`/${page}/`, hidden, async (_request, reply) => send(reply, `${page}/index.html`, 'no-cache'));
    app.get(`/${page}/*`, hidden, async (_request, reply) => send(reply, `${page}/index.html`, 'no-cache'));
  }
  app.get('/demo-shop', hidden, async (_request, reply) => reply.redirect('/demo-shop/'));
  app.get('/demo-shop/', hidden, async (request, reply) => {
    const path = join(webDir, 'demo-shop/index.html');
    if (!existsSync(path)) return send(reply, 'demo-shop/index.html', 'no-cache');
    const requested = (request.query as { key?: unknown }).key;
    const key = typeof requested === 'string' && requested.length <= 200 ? requested : (await context.store.listTenants())[0]?.widgetKey ?? '';
    const html = readFileSync(path, 'utf8').replaceAll('%LINGXI_WIDGET_KEY%', key.replace(/[^A-Za-z0-9_-]/g, ''));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
