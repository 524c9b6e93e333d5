import { mountWidget, type WidgetHandle } from './chat-app.ts';

declare global {
  interface Window {
    Lingxi?: WidgetHandle;
  }
}

/**
 * Entry of widget.js. Embed with one tag:
 * `<script src="https://support.example.com/widget.js" data-tenant-key="wk_…" async></script>`
 * Optional: `data-customer-id` + `data-hmac` (verified identity), `data-locale="zh|en"`, `data-transport="http"`,
 * `data-server` (defaults to the script's own origin). Exposes `window.Lingxi.open() / close() / setLocale()`.
 */
function boot() {
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-tenant-key]');
  if (!script || window.Lingxi) return;
  const data = script.dataset;
  if (!data.tenantKey) return console.error('[lingxi] add data-tenant-key="…" to the widget script tag (admin → widget settings).');
  const host = document.createElement('div');
  host.id = 'lingxi-widget';
  const shadow = host.attachShadow({ mode: 'open' });
  const mount = () => {
    document.body.append(host);
    window.Lingxi = mountWidget(shadow, {
      server: (data.server ?? new URL(script.src, location.href).origin).replace(/\/$/, ''),
      tenantKey: data.tenantKey!,
      customerId: data.customerId,
      hmac: data.hmac,
      locale: data.locale === 'zh' || data.locale === 'en' ? data.locale : undefined,
      transport: data.transport === 'http' ? 'http' : undefined,
    });
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

boot();
