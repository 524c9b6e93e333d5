import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Agent console, admin and the demo shop: separate entry points sharing web/shared (components, API client, locales).
 * Built into web/dist/{console,admin,demo-shop}/index.html with hashed files under /assets/, served by `lingxi serve`.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
    rollupOptions: { input: { console: here('console/index.html'), admin: here('admin/index.html'), 'demo-shop': here('demo-shop/index.html') } },
  },
  server: { proxy: { '/v1': { target: 'http://127.0.0.1:3900', ws: true }, '/widget.js': 'http://127.0.0.1:3900' } },
});
